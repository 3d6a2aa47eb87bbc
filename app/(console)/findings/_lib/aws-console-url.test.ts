import { describe, expect, test } from "vitest";
import { awsConsoleUrl } from "./aws-console-url";

describe("awsConsoleUrl", () => {
  test("opens a GuardDuty finding by id in its region", () => {
    expect(awsConsoleUrl({ source: "guardduty", sourceId: "60baffd3f9042e38640f2300d5c5a631", region: "eu-west-1" })).toBe(
      "https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings?macros=current&fId=60baffd3f9042e38640f2300d5c5a631",
    );
  });

  test("filters Security Hub's findings by the finding ARN, encoded twice as the console writes it", () => {
    const arn = "arn:aws:securityhub:us-east-1:111111111111:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.1/finding/abc";
    const url = awsConsoleUrl({ source: "securityhub", sourceId: arn, region: "us-east-1" })!;
    expect(
      url.startsWith(
        "https://us-east-1.console.aws.amazon.com/securityhub/home?region=us-east-1#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws%253Asecurityhub%253Aus-east-1%253A111111111111%253Asubscription%252F",
      ),
    ).toBe(true);
    // Decoding twice gives back the filter expression with the ARN intact.
    const search = url.split("search=")[1]!;
    expect(decodeURIComponent(decodeURIComponent(search))).toBe(`Id=\\operator\\:EQUALS\\:${arn}`);
  });

  test("has no link for other sources", () => {
    expect(awsConsoleUrl({ source: "import", sourceId: "x", region: "us-east-1" })).toBeNull();
  });
});
