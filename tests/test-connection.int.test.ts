import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AwsContext } from "@/lib/aws/context";
import { testConnection } from "@/lib/aws/test-connection";
import { type Simulator, startSimulator } from "@/sim/index";

/**
 * "Test connection" through the real SDK against the simulator. What each account should
 * answer is asked of the simulator directly (its own AssumeRole, ListDetectors and
 * DescribeHub), not taken from the code under test.
 */
let sim: Simulator;
let context: AwsContext;
const REGION = "us-east-1";

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 6, regions: [REGION], seed: "test-connection-int" });
  context = { endpoint: sim.url, baseCredentials: sim.baseCredentials, baseRegion: REGION, sessionName: "parapet-test", maxAttempts: 2 };
});

afterAll(async () => {
  await sim?.close();
});

/** What the simulator says about the account's GuardDuty and Security Hub, as step statuses. */
async function expectedServiceStatuses(account: Simulator["org"]["accounts"][number]): Promise<{ guardduty: string; securityhub: string }> {
  const sts = new STSClient({ region: REGION, endpoint: sim.url, credentials: sim.baseCredentials });
  const output = await sts.send(
    new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "oracle", ExternalId: account.externalId }),
  );
  sts.destroy();
  const credentials = {
    accessKeyId: output.Credentials!.AccessKeyId!,
    secretAccessKey: output.Credentials!.SecretAccessKey!,
    sessionToken: output.Credentials!.SessionToken!,
  };
  const guardDuty = new GuardDutyClient({ region: REGION, endpoint: sim.url, credentials });
  const securityHub = new SecurityHubClient({ region: REGION, endpoint: sim.url, credentials });
  try {
    const detectors = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    const hub = await securityHub.send(new DescribeHubCommand({})).then(
      () => "ok",
      (error: { name?: string }) => (error.name === "InvalidAccessException" ? "warning" : "failed"),
    );
    return { guardduty: detectors.length > 0 ? "ok" : "warning", securityhub: hub };
  } finally {
    guardDuty.destroy();
    securityHub.destroy();
  }
}

describe("testConnection", () => {
  test("every simulated account: the role works, and each service step says what the account has", async () => {
    const statuses = new Set<string>();
    for (const account of sim.org.accounts) {
      const report = await testConnection(context, {
        accountId: account.id,
        roleArn: account.roleArn,
        externalId: account.externalId,
        regions: [REGION],
      });
      const expected = await expectedServiceStatuses(account);
      expect(report.steps.map((step) => [step.name, step.status])).toEqual([
        ["sts:AssumeRole", "ok"],
        ["sts:GetCallerIdentity", "ok"],
        ["guardduty:ListDetectors", expected.guardduty],
        ["securityhub:DescribeHub", expected.securityhub],
      ]);
      expect(report.isOk).toBe(true);
      expect(report.steps[1]!.message).toContain(`in account ${account.id}`);
      statuses.add(`${expected.guardduty}/${expected.securityhub}`);
    }
    // The seed must give both an enabled and a switched-off service somewhere, or the test proves less than it says.
    expect([...statuses].some((pair) => pair.includes("warning"))).toBe(true);
    expect([...statuses].some((pair) => pair.startsWith("ok") || pair.endsWith("/ok"))).toBe(true);
  });

  test("a wrong ExternalId fails AssumeRole with AWS's code and skips the rest", async () => {
    const account = sim.org.accounts[0]!;
    const report = await testConnection(context, {
      accountId: account.id,
      roleArn: account.roleArn,
      externalId: "not-the-external-id",
      regions: [REGION],
    });
    expect(report.isOk).toBe(false);
    expect(report.steps.map((step) => [step.name, step.status])).toEqual([
      ["sts:AssumeRole", "failed"],
      ["sts:GetCallerIdentity", "skipped"],
      ["guardduty:ListDetectors", "skipped"],
      ["securityhub:DescribeHub", "skipped"],
    ]);
    expect(report.steps[0]!.code).toBe("AccessDenied");
  });
});
