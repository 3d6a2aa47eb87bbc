import { CloudTrailClient, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import { GetFindingsCommand, GuardDutyClient, ListDetectorsCommand, paginateListFindings } from "@aws-sdk/client-guardduty";
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { paginateGetFindings, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type SimAccount, type Simulator } from "./index";
import { accountWith, assumeAccount, clientConfig, collect, type TestCredentials } from "./test-support";

const region = "us-east-1";
const START = new Date("2026-10-01T00:00:00Z");

async function guardDutyIds(sim: Simulator, creds: TestCredentials, updatedSince?: number, where = region): Promise<string[]> {
  const client = new GuardDutyClient(clientConfig(sim, where, creds));
  const detectorId = (await client.send(new ListDetectorsCommand({}))).DetectorIds?.[0];
  if (!detectorId) return [];
  const criteria = updatedSince === undefined ? undefined : { Criterion: { updatedAt: { GreaterThanOrEqual: updatedSince } } };
  return (await collect(paginateListFindings({ client }, { DetectorId: detectorId, FindingCriteria: criteria }))).flatMap(
    (p) => p.FindingIds ?? [],
  );
}

async function guardDutyFindings(sim: Simulator, creds: TestCredentials, ids: string[], where = region) {
  const client = new GuardDutyClient(clientConfig(sim, where, creds));
  const detectorId = (await client.send(new ListDetectorsCommand({}))).DetectorIds![0]!;
  const out = [];
  for (let i = 0; i < ids.length; i += 50)
    out.push(...((await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + 50) }))).Findings ?? []));
  return out;
}

describe("simulated time", () => {
  let sim: Simulator;
  let account: SimAccount;
  let creds: TestCredentials;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: 12, quotas: false, now: START });
    account = accountWith(sim, (a) => a.posture === "weak" && a.services.guardduty && a.services.securityhub);
    creds = await assumeAccount(sim, account);
  });
  afterAll(async () => {
    await sim.close();
  });

  test("advancing makes findings appear, update and resolve with UpdatedAt inside the window", async () => {
    const before = new Map((await guardDutyFindings(sim, creds, await guardDutyIds(sim, creds))).map((f) => [f.Id!, f]));
    const cursor = sim.now().getTime();
    const summary = sim.advanceTime(12 * 3600_000);
    expect(summary.newGuardDuty).toBeGreaterThan(0);
    expect(sim.now().getTime()).toBeGreaterThanOrEqual(cursor + 12 * 3600_000);
    // Twelve simulated hours outlive the one-hour session, as they would against AWS.
    creds = await assumeAccount(sim, account);

    const changedIds = await guardDutyIds(sim, creds, cursor);
    const changed = await guardDutyFindings(sim, creds, changedIds);
    const fresh = changed.filter((f) => !before.has(f.Id!));
    const updated = changed.filter((f) => before.has(f.Id!) && !f.Service?.Archived);
    const archived = changed.filter((f) => before.has(f.Id!) && f.Service?.Archived && !before.get(f.Id!)?.Service?.Archived);
    expect(fresh.length).toBeGreaterThan(0);
    expect(updated.length).toBeGreaterThan(0);
    expect(archived.length).toBeGreaterThan(0);
    for (const f of changed) {
      expect(Date.parse(f.UpdatedAt!)).toBeGreaterThanOrEqual(cursor);
      expect(Date.parse(f.UpdatedAt!)).toBeLessThanOrEqual(sim.now().getTime());
    }
    for (const f of updated) expect(f.Service!.Count!).toBeGreaterThan(before.get(f.Id!)!.Service!.Count!);

    const hub = new SecurityHubClient(clientConfig(sim, region, creds));
    const shChanged = (
      await collect(
        paginateGetFindings(
          { client: hub },
          { Filters: { UpdatedAt: [{ Start: new Date(cursor).toISOString(), End: sim.now().toISOString() }] } },
        ),
      )
    ).flatMap((p) => p.Findings ?? []);
    expect(shChanged.some((f) => f.ProductName === "GuardDuty" && f.RecordState === "ARCHIVED")).toBe(true);
    expect(shChanged.some((f) => f.Compliance?.Status === "PASSED" && f.Workflow?.Status === "RESOLVED")).toBe(true);

    const trail = new CloudTrailClient(clientConfig(sim, region, creds));
    const newEvents = (await collect(paginateLookupEvents({ client: trail }, { StartTime: new Date(cursor), EndTime: sim.now() }))).flatMap(
      (p) => p.Events ?? [],
    );
    expect(newEvents.length).toBeGreaterThan(0);
  });

  test("evolution is deterministic, also for account-regions generated after the advance", async () => {
    const twin = await startSimulator({ port: 0, accounts: 12, quotas: false, now: START });
    try {
      twin.advanceTime(12 * 3600_000);
      const twinCreds = await assumeAccount(twin, account);
      const mine = (await guardDutyIds(sim, creds)).sort();
      const theirs = (await guardDutyIds(twin, twinCreds)).sort();
      expect(theirs).toEqual(mine);
    } finally {
      await twin.close();
    }
  });

  test("POST /_sim/time advances the clock", async () => {
    const before = sim.now().getTime();
    const response = await fetch(`${sim.url}/_sim/time`, { method: "POST", body: JSON.stringify({ advanceMs: 3600_000 }) });
    const body = (await response.json()) as { now: string };
    expect(Date.parse(body.now)).toBeGreaterThanOrEqual(before + 3600_000);
  });
});

describe("organisation features", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: 8, quotas: false, delegatedAdmin: true, aggregationRegion: true });
  });
  afterAll(async () => {
    await sim.close();
  });

  test("the delegated administrator sees member accounts' GuardDuty findings under its own detector", async () => {
    const adminId = sim.org.delegatedAdminAccountId;
    expect(adminId).toBeTruthy();
    const admin = sim.org.accounts.find((a) => a.id === adminId)!;
    const creds = await assumeAccount(sim, admin);
    const findings = await guardDutyFindings(sim, creds, await guardDutyIds(sim, creds));
    const accounts = new Set(findings.map((f) => f.AccountId));
    expect(accounts.size).toBeGreaterThan(1);
    for (const f of findings) expect(f.Arn).toContain(`:${f.AccountId}:detector/`);
    const orgs = new OrganizationsClient(clientConfig(sim, region, creds));
    const listed = (await collect(paginateListAccounts({ client: orgs }, {}))).flatMap((p) => p.Accounts ?? []);
    expect(listed).toHaveLength(8);
  });

  test("the aggregation region returns linked regions' Security Hub findings, keeping their Region", async () => {
    expect(sim.org.aggregationRegion).toBe("us-east-1");
    const member = accountWith(sim, (a) => a.services.securityhub && a.id !== sim.org.delegatedAdminAccountId);
    const creds = await assumeAccount(sim, member);
    const inAggregation = (
      await collect(paginateGetFindings({ client: new SecurityHubClient(clientConfig(sim, "us-east-1", creds)) }, {}))
    ).flatMap((p) => p.Findings ?? []);
    expect(new Set(inAggregation.map((f) => f.Region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    const linked = (
      await collect(paginateGetFindings({ client: new SecurityHubClient(clientConfig(sim, "eu-west-1", creds)) }, {}))
    ).flatMap((p) => p.Findings ?? []);
    expect(new Set(linked.map((f) => f.Region))).toEqual(new Set(["eu-west-1"]));
    expect(new Set(inAggregation.map((f) => f.AwsAccountId))).toEqual(new Set([member.id]));
  });
});

describe("scale", () => {
  test("a 1000-account organisation starts in well under a second and serves any account", async () => {
    const started = Date.now();
    const sim = await startSimulator({ port: 0, accounts: 1000, quotas: false });
    try {
      expect(Date.now() - started).toBeLessThan(2000);
      expect(new Set(sim.org.accounts.map((a) => a.id)).size).toBe(1000);
      const last = sim.org.accounts[999]!;
      const creds = await assumeAccount(sim, last);
      const ids = await guardDutyIds(sim, creds, undefined, "eu-west-1");
      expect(Array.isArray(ids)).toBe(true);
      const orgs = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
      const listed = (await collect(paginateListAccounts({ client: orgs }, {}))).flatMap((p) => p.Accounts ?? []);
      expect(listed).toHaveLength(1000);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
