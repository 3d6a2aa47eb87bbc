import "server-only";

export type AwsErrorKind =
  "access-denied" | "not-subscribed" | "throttled" | "expired-credentials" | "network" | "server" | "invalid" | "other";

export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  /** AWS error code as the service sent it (AccessDenied, TooManyRequestsException, ...). */
  code: string;
  /** One line for the console: code, HTTP status and AWS's own message. */
  message: string;
}

const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "LimitExceededException",
  "RequestLimitExceeded",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);
const ACCESS = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "TimeoutError", "socket hang up"]);

/** Turns whatever the SDK threw into the code and one-line message the console shows. */
export function classifyAwsError(error: unknown): ClassifiedAwsError {
  const value = (error ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = value.code && NETWORK.has(value.code) ? value.code : (value.name ?? value.code ?? "Error");
  const status = value.$metadata?.httpStatusCode;
  const text = (value.message ?? String(error)).replace(/\s+/g, " ").trim();
  const message = `${code}${status ? ` (HTTP ${status})` : ""}: ${text}`.slice(0, 1000);
  let kind: AwsErrorKind = "other";
  if (THROTTLING.has(code)) kind = "throttled";
  else if (EXPIRED.has(code)) kind = "expired-credentials";
  else if (ACCESS.has(code) || status === 403) kind = "access-denied";
  else if (code === "InvalidAccessException" || code === "ResourceNotFoundException") kind = "not-subscribed";
  else if (NETWORK.has(code) || /ECONNREFUSED|ECONNRESET|socket hang up/.test(text)) kind = "network";
  else if (status !== undefined && status >= 500) kind = "server";
  else if (status !== undefined && status >= 400) kind = "invalid";
  return { kind, code, message };
}
