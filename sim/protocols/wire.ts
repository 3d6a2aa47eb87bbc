import type { ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { ServiceName } from "../types";
import type { SimError } from "./sim-error";

/** Which AWS protocol each service speaks, per its botocore model `metadata.protocol`. */
export const SERVICE_PROTOCOL: Record<ServiceName, "query" | "json" | "rest-json"> = {
  sts: "query",
  organizations: "json",
  cloudtrail: "json",
  guardduty: "rest-json",
  securityhub: "rest-json",
};

function requestId(): string {
  // Request ids are not part of the generated data, so they need not be deterministic.
  return randomUUID();
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const buffer = Buffer.from(body, "utf8");
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": String(buffer.length),
    "x-amzn-requestid": requestId(),
    ...extra,
  });
  res.end(buffer);
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** AWS Query success: `<XResponse><XResult>…</XResult><ResponseMetadata>…`. */
export function sendQueryResult(res: ServerResponse, action: string, resultInnerXml: string): void {
  const body =
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  <${action}Result>\n${resultInnerXml}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId()}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`;
  send(res, 200, "text/xml", body);
}

export function sendJson(res: ServerResponse, protocol: "json" | "rest-json", payload: unknown, status = 200): void {
  const contentType = protocol === "json" ? "application/x-amz-json-1.1" : "application/json";
  send(res, status, contentType, JSON.stringify(payload ?? {}));
}

/** Serialise an error the way the service's protocol does, so the SDK maps it to the modelled exception. */
export function sendError(res: ServerResponse, service: ServiceName, error: SimError): void {
  const protocol = SERVICE_PROTOCOL[service];
  if (protocol === "query") {
    const body =
      `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
      `  <Error>\n    <Type>${error.senderFault ? "Sender" : "Receiver"}</Type>\n` +
      `    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId()}</RequestId>\n</ErrorResponse>\n`;
    send(res, error.status, "text/xml", body);
    return;
  }
  if (protocol === "json") {
    send(res, error.status, "application/x-amz-json-1.1", JSON.stringify({ __type: error.code, message: error.message }));
    return;
  }
  // rest-json: the SDK reads the code from x-amzn-ErrorType. GuardDuty's model names the
  // message member `message`; Security Hub's `Message` + `Code`. Send both spellings.
  const body =
    service === "guardduty"
      ? { message: error.message, __type: error.code }
      : { Code: error.code, Message: error.message, message: error.message };
  send(res, error.status, "application/json", JSON.stringify(body), { "x-amzn-errortype": error.code });
}

export function sendPlainJson(res: ServerResponse, status: number, payload: unknown): void {
  send(res, status, "application/json", JSON.stringify(payload, null, 2));
}
