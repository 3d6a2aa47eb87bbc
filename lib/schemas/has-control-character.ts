/**
 * True when text holds a C0 control character (NUL included) or DEL. PostgreSQL refuses a
 * NUL byte in text (a query with one fails), and no name, title or id we store holds any
 * of them. A loop rather than a regex of control characters, which lint rightly flags as
 * usually a mistake.
 */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
