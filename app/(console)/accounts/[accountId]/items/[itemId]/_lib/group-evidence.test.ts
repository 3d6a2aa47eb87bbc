import { describe, expect, test } from "vitest";
import type { ResolvedEvidence } from "@/lib/data/checklist/get-account-item";
import { defaultGrouping, groupEvidence } from "./group-evidence";

function login(id: number, userArn: string, errorCode: string | null = null): ResolvedEvidence {
  return {
    ref: { kind: "event", id: `e${id}` },
    record: {
      kind: "event",
      eventId: `e${id}`,
      eventName: "ConsoleLogin",
      eventSource: "signin.amazonaws.com",
      eventTime: new Date("2026-11-30T10:00:00Z"),
      region: "us-east-1",
      userType: "IAMUser",
      userArn,
      sourceIp: "198.51.100.7",
      errorCode,
      mfaUsed: true,
    },
  };
}

function finding(id: number, controlId: string | null, resourceId: string): ResolvedEvidence {
  return {
    ref: { kind: "finding", id: `f${id}` },
    record: {
      kind: "finding",
      sourceId: `f${id}`,
      source: "securityhub",
      title: `t${id}`,
      severityLabel: "HIGH",
      status: "active",
      complianceStatus: "FAILED",
      controlId,
      resourceType: "AwsS3Bucket",
      resourceId,
      region: "us-east-1",
      lastSeenAt: new Date("2026-11-30T10:00:00Z"),
    },
  };
}

describe("groupEvidence", () => {
  test("46 sign-ins of 3 users fold into 3 groups, largest first, counting the refused ones", () => {
    const evidence = [
      ...Array.from({ length: 30 }, (_, i) => login(i, "arn:aws:iam::111111111111:user/alice", i < 4 ? "Failed authentication" : null)),
      ...Array.from({ length: 12 }, (_, i) => login(100 + i, "arn:aws:iam::111111111111:user/bob")),
      ...Array.from({ length: 4 }, (_, i) => login(200 + i, "arn:aws:iam::111111111111:user/carol")),
    ];
    expect(defaultGrouping(evidence)).toBe("principal");
    const groups = groupEvidence(evidence, "principal");
    expect(groups.map((group) => [group.key, group.items.length, group.flagged])).toEqual([
      ["arn:aws:iam::111111111111:user/alice", 30, 4],
      ["arn:aws:iam::111111111111:user/bob", 12, 0],
      ["arn:aws:iam::111111111111:user/carol", 4, 0],
    ]);
    expect(groupEvidence(evidence, "control").map((group) => group.items.length)).toEqual([46]);
  });

  test("findings group by control when they have one, else by resource; few records are not grouped", () => {
    const withControls = Array.from({ length: 12 }, (_, i) => finding(i, i % 2 ? "S3.1" : "S3.8", `arn:aws:s3:::b${i}`));
    expect(defaultGrouping(withControls)).toBe("control");
    expect(groupEvidence(withControls, "control").map((group) => [group.key, group.items.length])).toEqual([
      ["S3.1", 6],
      ["S3.8", 6],
    ]);
    expect(defaultGrouping(Array.from({ length: 12 }, (_, i) => finding(i, null, "r")))).toBe("resource");
    expect(defaultGrouping(withControls.slice(0, 3))).toBe("none");
    expect(groupEvidence(withControls.slice(0, 3), "none")).toHaveLength(3);
  });
});
