// mailparser ships no types; the tests use only simpleParser's parsed message.
declare module "mailparser" {
  export interface ParsedMail {
    subject?: string;
    text?: string;
    to?: { value: Array<{ address?: string }> } | Array<{ value: Array<{ address?: string }> }>;
    attachments: Array<{ filename?: string; contentType: string; content: Buffer }>;
  }
  export function simpleParser(source: NodeJS.ReadableStream | Buffer | string): Promise<ParsedMail>;
}
