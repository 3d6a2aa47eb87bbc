import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Recomputes an AWS Signature Version 4 the way @smithy/signature-v4 builds it on the
 * client, so a request signed with the wrong secret is rejected exactly as AWS would.
 */

export interface ParsedAuthorization {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]+)\s*$/i;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header) return null;
  const match = AUTH_PATTERN.exec(header.trim());
  if (!match) return null;
  const [, accessKeyId, shortDate, region, service, signedHeaders, signature] = match;
  if (!accessKeyId || !shortDate || !region || !service || !signedHeaders || !signature) return null;
  return {
    accessKeyId,
    shortDate,
    region,
    service,
    signedHeaders: signedHeaders.toLowerCase().split(";"),
    signature: signature.toLowerCase(),
  };
}

/** RFC 3986 escaping as the SDK's escapeUri does it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment.length === 0 || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalised = `${rawPath.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && rawPath.endsWith("/") ? "/" : ""}`;
  // Non-S3 services sign the already-encoded path encoded once more.
  return escapeUri(normalised).replace(/%2F/g, "/");
}

function canonicalQuery(rawQuery: string): string {
  const params = new URLSearchParams(rawQuery);
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key.toLowerCase() === "x-amz-signature") continue;
    const list = grouped.get(key) ?? [];
    list.push(escapeUri(value));
    grouped.set(key, list);
  }
  return [...grouped.keys()]
    .sort()
    .flatMap((key) => (grouped.get(key) ?? []).sort().map((value) => `${escapeUri(key)}=${value}`))
    .join("&");
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export interface VerifyInput {
  method: string;
  /** Path and query exactly as received (req.url). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  auth: ParsedAuthorization;
  secretAccessKey: string;
  /** Local port, used to try the host header with and without it. */
  localPort: number;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(",") : value;
}

function computeSignature(input: VerifyInput, hostOverride: string | undefined): string {
  const { auth } = input;
  const queryStart = input.url.indexOf("?");
  const rawPath = queryStart === -1 ? input.url : input.url.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? "" : input.url.slice(queryStart + 1);
  const amzDate = headerValue(input.headers, "x-amz-date") ?? "";
  const canonicalHeaders = [...auth.signedHeaders]
    .sort()
    .map((name) => {
      const raw = name === "host" && hostOverride !== undefined ? hostOverride : (headerValue(input.headers, name) ?? "");
      return `${name}:${raw.trim().replace(/\s+/g, " ")}`;
    })
    .join("\n");
  const payloadHash = headerValue(input.headers, "x-amz-content-sha256") ?? sha256Hex(input.body);
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    `${canonicalHeaders}\n`,
    [...auth.signedHeaders].sort().join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${auth.shortDate}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const kDate = hmac(`AWS4${input.secretAccessKey}`, auth.shortDate);
  const kRegion = hmac(kDate, auth.region);
  const kService = hmac(kRegion, auth.service);
  const kSigning = hmac(kService, "aws4_request");
  return createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
}

function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * True when the signature matches. Proxies and clients disagree about whether the default
 * port belongs in Host, so the host header is also tried with the port added or removed.
 */
export function verifySignature(input: VerifyInput): boolean {
  const host = headerValue(input.headers, "host") ?? "";
  const hostNoPort = host.replace(/:\d+$/, "");
  const candidates: Array<string | undefined> = [undefined, hostNoPort, `${hostNoPort}:${input.localPort}`];
  return candidates.some((candidate) => safeEqualHex(computeSignature(input, candidate), input.auth.signature));
}
