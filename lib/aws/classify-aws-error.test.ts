import { describe, expect, test } from "vitest";
import { classifyAwsError } from "@/lib/aws/classify-aws-error";

function sdkError(name: string, status: number, message: string) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe("classifyAwsError", () => {
  test("keeps AWS's code, HTTP status and message in one line", () => {
    const result = classifyAwsError(sdkError("AccessDenied", 403, "User: arn:aws:sts::1:assumed-role/x is not\nauthorized"));
    expect(result).toEqual({
      kind: "access-denied",
      code: "AccessDenied",
      message: "AccessDenied (HTTP 403): User: arn:aws:sts::1:assumed-role/x is not authorized",
    });
  });

  test.each([
    ["ThrottlingException", 400, "throttled"],
    ["TooManyRequestsException", 429, "throttled"],
    ["LimitExceededException", 429, "throttled"],
    ["ExpiredTokenException", 400, "expired-credentials"],
    ["InvalidAccessException", 401, "not-subscribed"],
    ["InternalServerErrorException", 500, "server"],
    ["BadRequestException", 400, "invalid"],
    ["AccessDeniedException", 403, "access-denied"],
  ] as const)("%s (HTTP %d) is %s", (name, status, kind) => {
    expect(classifyAwsError(sdkError(name, status, "x")).kind).toBe(kind);
  });

  test("network errors are classified by their code", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" });
    expect(classifyAwsError(error)).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });
});
