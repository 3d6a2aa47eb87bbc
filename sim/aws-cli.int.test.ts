import { spawn, spawnSync } from "node:child_process";
import { CloudTrailClient, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient, ListDetectorsCommand, paginateListFindings } from "@aws-sdk/client-guardduty";
import { paginateGetFindings, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type SimAccount, type Simulator } from "./index";
import { assumeAccount, clientConfig, collect, type TestCredentials } from "./test-support";

/**
 * The simulator must work for any AWS client, not only the JavaScript SDK. The AWS CLI
 * is Python botocore underneath: its own serialisers (STS and Organizations in the
 * query / JSON 1.1 protocols, GuardDuty and Security Hub in REST-JSON), its own SigV4
 * signer with its own header casing, its own paginators and its own retry strategy.
 * `.ci/run` installs Debian's `awscli` when the machine lacks one; a machine without
 * the CLI skips this file (it is the only way to run it).
 */

const AWS = "aws";
const cliPresent = spawnSync(AWS, ["--version"], { encoding: "utf8" }).status === 0;
const region = "us-east-1";

let sim: Simulator;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(credentials: TestCredentials): Record<string, string | undefined> {
  // Only what the CLI needs: no user config, no instance metadata, no pager.
  return {
    PATH: process.env.PATH,
    HOME: "/nonexistent",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    AWS_DEFAULT_REGION: region,
    AWS_MAX_ATTEMPTS: "10",
    AWS_RETRY_MODE: "standard",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
  };
}

/** Runs `aws <args> --endpoint-url <sim> --output json` (older CLIs ignore AWS_ENDPOINT_URL). */
function aws(credentials: TestCredentials, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(AWS, [...args, "--endpoint-url", sim.url, "--output", "json"], { env: cliEnv(credentials) as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function awsJson<T>(credentials: TestCredentials, args: string[]): Promise<T> {
  const result = await aws(credentials, args);
  if (result.code !== 0) throw new Error(`aws ${args.slice(0, 2).join(" ")} exited ${result.code}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as T;
}

describe.skipIf(!cliPresent)("the AWS CLI (Python botocore) against the simulator", () => {
  let member: SimAccount;
  let memberCreds: TestCredentials;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: 12, regions: ["us-east-1", "eu-west-1"], seed: "aws-cli", quotas: true });
    // The member with every source on and the most flaws: it has findings of every kind.
    const candidates = sim.org.accounts.filter(
      (a) => a.id !== sim.org.managementAccountId && a.services.guardduty && a.services.securityhub && a.services.cloudtrail,
    );
    member = candidates.sort((a, b) => b.flaws.length - a.flaws.length)[0]!;
    expect(member.flaws.length).toBeGreaterThan(0);
    memberCreds = await assumeAccount(sim, member);
  });

  afterAll(async () => {
    await sim?.close();
  });

  test("sts get-caller-identity names the management account's user", async () => {
    const identity = await awsJson<{ Account: string; Arn: string }>(sim.baseCredentials, ["sts", "get-caller-identity"]);
    expect(identity.Account).toBe(sim.org.managementAccountId);
    expect(identity.Arn).toMatch(/^arn:aws:iam::\d{12}:user\//);
  });

  test("sts assume-role checks the ExternalId, and the session it returns is attributed to the member", async () => {
    const denied = await aws(sim.baseCredentials, [
      "sts",
      "assume-role",
      "--role-arn",
      member.roleArn,
      "--role-session-name",
      "cli-test",
      "--external-id",
      "not-the-external-id",
    ]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain("(AccessDenied)");
    expect(denied.stderr).toContain("AssumeRole");

    const assumed = await awsJson<{ Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }>(
      sim.baseCredentials,
      ["sts", "assume-role", "--role-arn", member.roleArn, "--role-session-name", "cli-test", "--external-id", member.externalId],
    );
    const session: TestCredentials = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
    };
    const identity = await awsJson<{ Account: string; Arn: string }>(session, ["sts", "get-caller-identity"]);
    expect(identity.Account).toBe(member.id);
    expect(identity.Arn).toBe(`arn:aws:sts::${member.id}:assumed-role/ParapetReadOnly/cli-test`);
  });

  test("a request signed with an unknown key is refused with the error botocore expects", async () => {
    const result = await aws({ accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x".repeat(40) }, ["sts", "get-caller-identity"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\((InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch)\)/);
  });

  test("organizations list-accounts walks every page, including the empty first page with a token", async () => {
    const listed = await awsJson<{ Accounts: Array<{ Id: string }> }>(sim.baseCredentials, ["organizations", "list-accounts"]);
    expect(listed.Accounts.map((a) => a.Id).sort()).toEqual(sim.org.accounts.map((a) => a.id).sort());
    const organization = await awsJson<{ Organization: { MasterAccountId: string } }>(sim.baseCredentials, [
      "organizations",
      "describe-organization",
    ]);
    expect(organization.Organization.MasterAccountId).toBe(sim.org.managementAccountId);
  });

  test("guardduty list-findings with finding criteria and get-findings agree with the JavaScript SDK", async () => {
    const detectors = await awsJson<{ DetectorIds: string[] }>(memberCreds, ["guardduty", "list-detectors"]);
    const js = new GuardDutyClient(clientConfig(sim, region, memberCreds));
    expect(detectors.DetectorIds).toEqual((await js.send(new ListDetectorsCommand({}))).DetectorIds);
    const detectorId = detectors.DetectorIds[0]!;

    const detector = await awsJson<{ Status: string }>(memberCreds, ["guardduty", "get-detector", "--detector-id", detectorId]);
    expect(detector.Status).toBe("ENABLED");

    const criteria = { Criterion: { "service.archived": { Eq: ["false"] }, severity: { Gte: 4 } } };
    const viaCli = await awsJson<{ FindingIds: string[] }>(memberCreds, [
      "guardduty",
      "list-findings",
      "--detector-id",
      detectorId,
      "--finding-criteria",
      JSON.stringify(criteria),
      "--sort-criteria",
      "AttributeName=updatedAt,OrderBy=DESC",
      "--page-size",
      "2",
    ]);
    const viaJs = (
      await collect(
        paginateListFindings(
          { client: js, pageSize: 2 },
          {
            DetectorId: detectorId,
            FindingCriteria: criteria,
            SortCriteria: { AttributeName: "updatedAt", OrderBy: "DESC" },
          },
        ),
      )
    ).flatMap((page) => page.FindingIds ?? []);
    expect(viaJs.length).toBeGreaterThan(2); // more than one page
    expect(viaCli.FindingIds).toEqual(viaJs);

    const ids = viaCli.FindingIds.slice(0, 3);
    const found = await awsJson<{
      Findings: Array<{ Id: string; AccountId: string; Region: string; Severity: number; Service: { Archived: boolean } }>;
    }>(memberCreds, ["guardduty", "get-findings", "--detector-id", detectorId, "--finding-ids", ...ids]);
    expect(found.Findings.map((f) => f.Id).sort()).toEqual([...ids].sort());
    for (const finding of found.Findings) {
      expect(finding.AccountId).toBe(member.id);
      expect(finding.Region).toBe(region);
      expect(finding.Severity).toBeGreaterThanOrEqual(4);
      expect(finding.Service.Archived).toBe(false);
    }
  });

  test("securityhub describe-hub, get-enabled-standards and filtered get-findings", async () => {
    const hub = await awsJson<{ HubArn: string }>(memberCreds, ["securityhub", "describe-hub"]);
    expect(hub.HubArn).toBe(`arn:aws:securityhub:${region}:${member.id}:hub/default`);
    const standards = await awsJson<{ StandardsSubscriptions: Array<{ StandardsArn: string }> }>(memberCreds, [
      "securityhub",
      "get-enabled-standards",
    ]);
    expect(standards.StandardsSubscriptions.length).toBeGreaterThan(0);

    const filters = {
      RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }],
      ProductName: [{ Value: "Security Hub", Comparison: "EQUALS" }],
      WorkflowStatus: [{ Value: "NEW", Comparison: "EQUALS" }],
    };
    const listed = await awsJson<{
      Findings: Array<{
        Id: string;
        GeneratorId: string;
        AwsAccountId: string;
        RecordState: string;
        ProductName: string;
        Workflow: { Status: string };
        Compliance?: { SecurityControlId?: string };
      }>;
    }>(memberCreds, ["securityhub", "get-findings", "--filters", JSON.stringify(filters), "--page-size", "3"]);
    const js = new SecurityHubClient(clientConfig(sim, region, memberCreds, 10));
    const viaJs = (await collect(paginateGetFindings({ client: js, pageSize: 100 }, { Filters: filters as never }))).flatMap(
      (p) => p.Findings ?? [],
    );
    expect(viaJs.length).toBeGreaterThan(3); // more than one CLI page, walked by the CLI's paginator
    expect(listed.Findings.map((f) => f.Id)).toEqual(viaJs.map((f) => f.Id));
    for (const finding of listed.Findings) {
      expect(finding.AwsAccountId).toBe(member.id);
      expect(finding.RecordState).toBe("ACTIVE");
      expect(finding.ProductName).toBe("Security Hub");
      expect(finding.Workflow.Status).toBe("NEW");
      // Consolidated control findings. Older CLIs (Debian's 2.9) predate the
      // SecurityControlId member and drop it while parsing; the generator id carries it too.
      const control = /^security-control\/([A-Za-z0-9]+\.\d+)$/.exec(finding.GeneratorId)?.[1];
      expect(control).toBeDefined();
      if (finding.Compliance?.SecurityControlId !== undefined) expect(finding.Compliance.SecurityControlId).toBe(control);
    }
    expect(new Set(listed.Findings.map((f) => f.Id)).size).toBe(listed.Findings.length);
  });

  test("cloudtrail lookup-events pages through throttling with the CLI's own retries and misses nothing", async () => {
    const trails = await awsJson<{ trailList: Array<{ TrailARN: string }> }>(memberCreds, ["cloudtrail", "describe-trails"]);
    expect(trails.trailList.length).toBeGreaterThan(0);
    const status = await awsJson<{ IsLogging: boolean }>(memberCreds, [
      "cloudtrail",
      "get-trail-status",
      "--name",
      trails.trailList[0]!.TrailARN,
    ]);
    expect(typeof status.IsLogging).toBe("boolean");

    const js = new CloudTrailClient(clientConfig(sim, region, memberCreds, 10));
    const expected = (await collect(paginateLookupEvents({ client: js, pageSize: 50 }, {})))
      .flatMap((p) => p.Events ?? [])
      .map((e) => e.EventId);
    expect(expected.length).toBeGreaterThan(3);

    const throttledBefore = sim.stats().throttled["cloudtrail:LookupEvents"] ?? 0;
    // Pages of 1 at 2 requests per second: the CLI's paginator runs into the quota at once.
    const viaCli = await awsJson<{ Events: Array<{ EventId: string; CloudTrailEvent: string }> }>(memberCreds, [
      "cloudtrail",
      "lookup-events",
      "--page-size",
      "1",
      "--max-items",
      String(Math.min(expected.length, 12)),
    ]);
    const throttledAfter = sim.stats().throttled["cloudtrail:LookupEvents"] ?? 0;
    expect(throttledAfter).toBeGreaterThan(throttledBefore);
    expect(viaCli.Events.map((e) => e.EventId)).toEqual(expected.slice(0, Math.min(expected.length, 12)));
    for (const event of viaCli.Events) {
      const parsed = JSON.parse(event.CloudTrailEvent) as { eventID: string; recipientAccountId: string };
      expect(parsed.eventID).toBe(event.EventId);
      expect(parsed.recipientAccountId).toBe(member.id);
    }
  });
});
