import { GuardDutyClient, paginateListDetectors, paginateListFindings } from "@aws-sdk/client-guardduty";
import { paginateGetFindings, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FaultSpec, startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * Collection end to end: the real SDK clients against the simulator over HTTP, into a
 * real PostgreSQL. Expected counts come from asking the simulator directly through the SDK,
 * not from the collector under test.
 */
let database: TestDatabase;
let sim: Simulator;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, accounts: 4, regions: ["us-east-1", "eu-west-1"], seed: "collect-int" });
  await registerSimAccounts(database.pool, sim);
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

async function credentialsFor(accountId: string) {
  const account = sim.org.accounts.find((candidate) => candidate.id === accountId)!;
  const sts = new STSClient({ region: "us-east-1", endpoint: sim.url, credentials: sim.baseCredentials });
  const output = await sts.send(
    new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "test-oracle", ExternalId: account.externalId }),
  );
  sts.destroy();
  return {
    accessKeyId: output.Credentials!.AccessKeyId!,
    secretAccessKey: output.Credentials!.SecretAccessKey!,
    sessionToken: output.Credentials!.SessionToken!,
  };
}

/** Every GuardDuty finding id and Security Hub finding id the simulator holds for an account-region, via the SDK. */
async function simFindingIds(accountId: string, region: string): Promise<{ guardduty: Set<string>; securityhub: Set<string> }> {
  const credentials = await credentialsFor(accountId);
  const guardduty = new GuardDutyClient({ region, endpoint: sim.url, credentials });
  const securityhub = new SecurityHubClient({ region, endpoint: sim.url, credentials });
  const result = { guardduty: new Set<string>(), securityhub: new Set<string>() };
  try {
    for await (const page of paginateListDetectors({ client: guardduty }, {})) {
      for (const detectorId of page.DetectorIds ?? []) {
        for await (const findings of paginateListFindings({ client: guardduty }, { DetectorId: detectorId })) {
          for (const id of findings.FindingIds ?? []) result.guardduty.add(id);
        }
      }
    }
    try {
      for await (const page of paginateGetFindings({ client: securityhub }, { MaxResults: 100 })) {
        for (const finding of page.Findings ?? []) if (finding.Id) result.securityhub.add(finding.Id);
      }
    } catch (error) {
      if ((error as { name?: string }).name !== "InvalidAccessException") throw error;
    }
  } finally {
    guardduty.destroy();
    securityhub.destroy();
  }
  return result;
}

async function storedIds(accountId: string, region: string, source: string): Promise<Set<string>> {
  const rows = await database.pool.query<{ source_id: string }>(
    "SELECT source_id FROM findings WHERE account_id = $1 AND region = $2 AND source = $3",
    [accountId, region, source],
  );
  return new Set(rows.rows.map((row) => row.source_id));
}

/** How often each injected fault fired (the simulator's admin endpoint): a fault test must have met its fault. */
async function firedFaults(): Promise<number[]> {
  const response = await fetch(`${sim.url}/_sim/faults`);
  const faults = (await response.json()) as Array<{ fired: number }>;
  return faults.map((fault) => fault.fired);
}

/**
 * Forgets what was stored for one account, injects `faults`, collects everything again,
 * and checks the account's run succeeded with every record of `sources` stored, and that
 * each fault fired as often as its count (a fault test must meet its fault).
 */
async function recollectUnderFaults(
  target: Simulator["org"]["accounts"][number],
  faults: FaultSpec[],
  sources: Array<"guardduty" | "securityhub">,
) {
  await database.pool.query("DELETE FROM findings WHERE account_id = $1", [target.id]);
  await database.pool.query("DELETE FROM source_cursors WHERE account_id = $1", [target.id]);
  sim.setFaults(faults);
  try {
    const runs = await collectAll(simRuntime(database.pool, sim), sim);
    expect(runs.find((run) => run.accountId === target.id)!.status).toBe("succeeded");
    for (const region of target.regions) {
      const expected = await simFindingIds(target.id, region);
      for (const source of sources) expect(await storedIds(target.id, region, source)).toEqual(expected[source]);
    }
    expect(await firedFaults()).toEqual(faults.map((fault) => fault.count));
  } finally {
    sim.clearFaults();
  }
}

async function tableCounts() {
  const result = await database.pool.query<{ findings: number; events: number; runs: number }>(
    `SELECT (SELECT count(*) FROM findings)::int AS findings, (SELECT count(*) FROM cloudtrail_events)::int AS events,
            (SELECT count(*) FROM collection_runs)::int AS runs`,
  );
  return result.rows[0]!;
}

describe("collectAccount against the simulator", () => {
  test("collects every account, region and source completely", async () => {
    const runs = await collectAll(simRuntime(database.pool, sim), sim);
    expect(runs.map((run) => run.status)).toEqual(sim.org.accounts.map(() => "succeeded"));
    for (const account of sim.org.accounts) {
      for (const region of account.regions) {
        const expected = await simFindingIds(account.id, region);
        // Records are filed under the account and region they name; here each region's hub returns its own.
        expect(await storedIds(account.id, region, "guardduty")).toEqual(expected.guardduty);
        expect(await storedIds(account.id, region, "securityhub")).toEqual(expected.securityhub);
      }
    }
    const counts = await tableCounts();
    expect(counts.findings).toBeGreaterThan(50);
    expect(counts.events).toBeGreaterThan(0);
    const steps = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM collection_steps WHERE status = 'running'");
    expect(steps.rows[0]!.n).toBe(0);
  });

  test("a second run stores nothing new; after simulated time passes it fetches only what changed", async () => {
    const before = await tableCounts();
    const repeat = await collectAll(simRuntime(database.pool, sim), sim);
    const firstFetched = repeat.flatMap((run) => run.steps).filter((step) => step.source !== "cloudtrail");
    expect(firstFetched.reduce((sum, step) => sum + step.inserted + step.updated, 0)).toBe(0);
    const after = await tableCounts();
    expect(after.findings).toBe(before.findings);
    expect(after.events).toBe(before.events);

    const full = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM findings");
    sim.advanceTime(6 * 3600_000);
    const incremental = await collectAll(simRuntime(database.pool, sim), sim);
    const findingSteps = incremental.flatMap((run) => run.steps).filter((step) => step.source !== "cloudtrail");
    const fetched = findingSteps.reduce((sum, step) => sum + step.fetched, 0);
    const changed = findingSteps.reduce((sum, step) => sum + step.inserted + step.updated, 0);
    expect(changed).toBeGreaterThan(0);
    expect(fetched).toBeLessThan(full.rows[0]!.n / 2);
    for (const account of sim.org.accounts) {
      for (const region of account.regions) {
        const expected = await simFindingIds(account.id, region);
        expect(await storedIds(account.id, region, "guardduty")).toEqual(expected.guardduty);
        expect(await storedIds(account.id, region, "securityhub")).toEqual(expected.securityhub);
      }
    }
  });

  test("a role whose trust policy refuses our ExternalId fails that account with the AWS error, keeps its data, and the others carry on", async () => {
    const denied = sim.org.accounts[1]!;
    const kept = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM findings WHERE account_id = $1", [denied.id]);
    {
      const runs = await collectAll(simRuntime(database.pool, sim), sim, (account) =>
        account.id === denied.id ? { externalId: "not-the-external-id" } : {},
      );
      const deniedRun = runs.find((run) => run.accountId === denied.id)!;
      expect(deniedRun.status).toBe("failed");
      expect(deniedRun.error).toMatch(/AssumeRole into arn:aws:iam::\d{12}:role\/\S+ failed: AccessDenied/);
      expect(runs.filter((run) => run.accountId !== denied.id).map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
      const account = await database.pool.query<{ status: string; status_error: string }>(
        "SELECT status, status_error FROM accounts WHERE id = $1",
        [denied.id],
      );
      expect(account.rows[0]!.status).toBe("unreachable");
      expect(account.rows[0]!.status_error).toContain("AccessDenied");
      const still = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM findings WHERE account_id = $1", [denied.id]);
      expect(still.rows[0]!.n).toBe(kept.rows[0]!.n);
    }
  });

  test("a throttling storm on one region's Security Hub fails only that step, with the throttling error recorded", async () => {
    const target = sim.org.accounts.find((account) => account.services.securityhub)!;
    sim.setFaults([{ kind: "throttle", accountId: target.id, region: "eu-west-1", service: "securityhub" }]);
    try {
      const runs = await collectAll(simRuntime(database.pool, sim, 2), sim);
      const run = runs.find((candidate) => candidate.accountId === target.id)!;
      expect(run.status).toBe("partial");
      const failed = run.steps.filter((step) => step.status === "failed");
      expect(failed.map((step) => `${step.region}/${step.source}`)).toEqual(["eu-west-1/securityhub"]);
      expect(failed[0]!.errorCode).toMatch(/TooManyRequests|Throttl|LimitExceeded/);
      const cursor = await database.pool.query<{ state: string; error_code: string }>(
        "SELECT state, error_code FROM source_cursors WHERE account_id = $1 AND region = 'eu-west-1' AND source = 'securityhub'",
        [target.id],
      );
      expect(cursor.rows[0]).toMatchObject({ state: "error", error_code: failed[0]!.errorCode });
    } finally {
      sim.clearFaults();
    }
  });

  test("a few throttled pages are retried by the SDK and nothing is skipped", async () => {
    const target = sim.org.accounts[0]!;
    await recollectUnderFaults(
      target,
      [{ kind: "throttle", accountId: target.id, service: "securityhub", operation: "GetFindings", count: 3 }],
      ["securityhub"],
    );
  });

  test("credentials that expire mid-pagination are renewed and the step completes", async () => {
    const target = sim.org.accounts[2]!;
    await recollectUnderFaults(
      target,
      [{ kind: "expire-credentials", accountId: target.id, service: "securityhub", operation: "GetFindings", count: 1 }],
      ["securityhub"],
    );
  });

  test("5xx answers and dropped connections are retried; nothing is lost", async () => {
    const target = sim.org.accounts[3]!;
    await recollectUnderFaults(
      target,
      [
        { kind: "server-error", accountId: target.id, service: "guardduty", count: 2 },
        { kind: "drop-connection", accountId: target.id, service: "securityhub", count: 2 },
      ],
      ["guardduty", "securityhub"],
    );
  });

  test("a disabled service is recorded as disabled, not as an error, and keeps what was stored", async () => {
    const target = sim.org.accounts.find((account) => account.services.guardduty)!;
    const before = await database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM findings WHERE account_id = $1 AND source = 'guardduty'",
      [target.id],
    );
    sim.setFaults([{ kind: "service-disabled", accountId: target.id, region: "us-east-1", service: "guardduty" }]);
    try {
      const runs = await collectAll(simRuntime(database.pool, sim), sim);
      const run = runs.find((candidate) => candidate.accountId === target.id)!;
      expect(run.status).toBe("succeeded");
      expect(run.steps.find((step) => step.region === "us-east-1" && step.source === "guardduty")!.status).toBe("disabled");
      const cursor = await database.pool.query<{ state: string }>(
        "SELECT state FROM source_cursors WHERE account_id = $1 AND region = 'us-east-1' AND source = 'guardduty'",
        [target.id],
      );
      expect(cursor.rows[0]!.state).toBe("disabled");
      const after = await database.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM findings WHERE account_id = $1 AND source = 'guardduty'",
        [target.id],
      );
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    } finally {
      sim.clearFaults();
    }
  });
});
