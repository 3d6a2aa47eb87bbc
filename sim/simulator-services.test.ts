import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  paginateLookupEvents,
} from "@aws-sdk/client-cloudtrail";
import {
  GetDetectorCommand,
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  paginateListFindings,
} from "@aws-sdk/client-guardduty";
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListRootsCommand,
  DescribeOrganizationalUnitCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import {
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand as GetSecurityHubFindingsCommand,
  paginateGetFindings,
  SecurityHubClient,
  type AwsSecurityFinding,
} from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type SimAccount, type Simulator } from "./index";
import { accountWith, assumeAccount, clientConfig, collect, errorOf, type TestCredentials } from "./test-support";

let sim: Simulator;
const region = "us-east-1";
const credentialCache = new Map<string, TestCredentials>();

async function credsFor(account: SimAccount): Promise<TestCredentials> {
  const cached = credentialCache.get(account.id);
  if (cached) return cached;
  const creds = await assumeAccount(sim, account);
  credentialCache.set(account.id, creds);
  return creds;
}

async function guardDuty(account: SimAccount) {
  const client = new GuardDutyClient(clientConfig(sim, region, await credsFor(account)));
  const detectors = await client.send(new ListDetectorsCommand({}));
  return { client, detectorId: detectors.DetectorIds?.[0] };
}

async function allSecurityHubFindings(account: SimAccount, filters: Record<string, unknown> = {}): Promise<AwsSecurityFinding[]> {
  const client = new SecurityHubClient(clientConfig(sim, region, await credsFor(account)));
  const pages = await collect(paginateGetFindings({ client, pageSize: 100 }, { Filters: filters }));
  return pages.flatMap((p) => p.Findings ?? []);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, quotas: false, accounts: 25, now: new Date("2026-11-01T12:00:00Z") });
});
afterAll(async () => {
  await sim.close();
});

describe("organisation", () => {
  test("is deterministic from the seed and spans every posture", async () => {
    const again = await startSimulator({ port: 0, accounts: 25, now: new Date("2026-11-01T12:00:00Z") });
    try {
      expect(again.org).toEqual(sim.org);
    } finally {
      await again.close();
    }
    const postures = new Set(sim.org.accounts.map((a) => a.posture));
    expect([...postures].sort()).toEqual(["average", "exemplary", "good", "neglected", "weak"]);
    for (const account of sim.org.accounts) {
      expect(account.id).toMatch(/^\d{12}$/);
      expect(account.externalId).toMatch(/^[\w+=,.@:/-]{2,1224}$/);
      expect(account.roleArn).toBe(`arn:aws:iam::${account.id}:role/ParapetReadOnly`);
    }
    expect(sim.org.accounts.find((a) => a.posture === "exemplary")?.flaws).toEqual([]);
    const org = (await (await fetch(`${sim.url}/_sim/org`)).json()) as { managementAccountId: string };
    expect(org.managementAccountId).toBe(sim.org.managementAccountId);
  });

  test("ListAccounts pages by 20 and the paginator walks all accounts", async () => {
    const client = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
    // The first page is empty but carries a token, which the model says is legal.
    const first = await client.send(new ListAccountsCommand({}));
    expect(first.Accounts).toEqual([]);
    expect(first.NextToken).toBeTruthy();
    const second = await client.send(new ListAccountsCommand({ NextToken: first.NextToken }));
    expect(second.Accounts).toHaveLength(20);
    expect(second.NextToken).toBeTruthy();
    const pages = await collect(paginateListAccounts({ client, pageSize: 7 }, {}));
    const ids = pages.flatMap((p) => p.Accounts ?? []).map((a) => a.Id);
    expect(ids).toEqual(sim.org.accounts.map((a) => a.id));
    const org = await client.send(new DescribeOrganizationCommand({}));
    expect(org.Organization?.MasterAccountId).toBe(sim.org.managementAccountId);
  });

  test("the management account's assumed role may list accounts, a member's may not", async () => {
    const management = sim.org.accounts[0]!;
    const asManagement = new OrganizationsClient(clientConfig(sim, region, await credsFor(management)));
    expect((await collect(paginateListAccounts({ client: asManagement }, {}))).flatMap((p) => p.Accounts ?? []).length).toBe(
      sim.org.accounts.length,
    );
    const member = new OrganizationsClient(clientConfig(sim, region, await credsFor(sim.org.accounts[4]!)));
    expect((await errorOf(member.send(new ListAccountsCommand({})))).name).toBe("AccessDeniedException");
    expect((await errorOf(member.send(new ListParentsCommand({ ChildId: management.id })))).name).toBe("AccessDeniedException");
  });

  test("ListParents walks an account up to the root through a varied OU tree", async () => {
    const client = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
    const pathOf = async (accountId: string) => {
      const path: string[] = [];
      let child = accountId;
      for (;;) {
        const { Parents } = await client.send(new ListParentsCommand({ ChildId: child }));
        expect(Parents).toHaveLength(1);
        const parent = Parents![0]!;
        path.unshift(parent.Id!);
        if (parent.Type === "ROOT") return path;
        expect(parent.Type).toBe("ORGANIZATIONAL_UNIT");
        child = parent.Id!;
      }
    };
    expect(sim.org.rootId).toMatch(/^r-[0-9a-z]{4}$/);
    expect(await pathOf(sim.org.managementAccountId)).toEqual([sim.org.rootId]);
    const paths = await Promise.all(sim.org.accounts.map((account) => pathOf(account.id)));
    for (const path of paths) {
      expect(path[0]).toBe(sim.org.rootId);
      for (const id of path.slice(1)) expect(id).toMatch(new RegExp(`^ou-${sim.org.rootId.slice(2)}-[0-9a-z]{8}$`));
    }
    // Several OUs at several depths are in use, so a scope by OU selects part of the org.
    expect(new Set(paths.map((path) => path.join("/"))).size).toBeGreaterThanOrEqual(4);
    expect([...new Set(paths.map((path) => path.length))].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    expect((await errorOf(client.send(new ListParentsCommand({ ChildId: "000000000000" })))).name).toBe("ChildNotFoundException");
    expect((await errorOf(client.send(new ListParentsCommand({ ChildId: sim.org.rootId })))).name).toBe("InvalidInputException");
  });

  test("ListTagsForResource answers each account's tags, and TargetNotFound for an unknown one", async () => {
    const client = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
    for (const account of sim.org.accounts) {
      const { Tags, NextToken } = await client.send(new ListTagsForResourceCommand({ ResourceId: account.id }));
      expect(NextToken).toBeUndefined();
      expect(Object.fromEntries((Tags ?? []).map((tag) => [tag.Key, tag.Value]))).toEqual(account.tags);
    }
    // Tags vary: not every account carries a team, and teams differ.
    expect(sim.org.accounts.some((account) => !("team" in account.tags))).toBe(true);
    expect(new Set(sim.org.accounts.map((account) => account.tags.team)).size).toBeGreaterThan(5);
    expect((await errorOf(client.send(new ListTagsForResourceCommand({ ResourceId: "000000000000" })))).name).toBe(
      "TargetNotFoundException",
    );
  });
  test("ListRoots and DescribeOrganizationalUnit name the root and each OU; unknown or malformed ids and members are refused", async () => {
    const client = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
    const { Roots } = await client.send(new ListRootsCommand({}));
    expect(Roots?.map((root) => [root.Id, root.Name])).toEqual([[sim.org.rootId, "Root"]]);
    for (const unit of sim.org.organizationalUnits) {
      const { OrganizationalUnit } = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unit.id }));
      expect(OrganizationalUnit).toMatchObject({ Id: unit.id, Name: unit.name });
    }
    expect(sim.org.organizationalUnits.map((unit) => unit.name)).toEqual([
      "Security",
      "Infrastructure",
      "Workloads",
      "Prod",
      "PCI",
      "NonProd",
      "Sandbox",
    ]);
    const unknown = `ou-${sim.org.rootId.slice(2)}-00000000`;
    expect((await errorOf(client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unknown })))).name).toBe(
      "OrganizationalUnitNotFoundException",
    );
    expect((await errorOf(client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: "ou-1" })))).name).toBe(
      "InvalidInputException",
    );
    const member = new OrganizationsClient(clientConfig(sim, region, await credsFor(sim.org.accounts[4]!)));
    expect((await errorOf(member.send(new ListRootsCommand({})))).name).toBe("AccessDeniedException");
    expect(
      (await errorOf(member.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: sim.org.organizationalUnits[0]!.id }))))
        .name,
    ).toBe("AccessDeniedException");
  });
});

describe("GuardDuty", () => {
  test("detector details and the full finding set through the paginator", async () => {
    const account = accountWith(sim, (a) => a.services.guardduty && a.posture === "weak");
    const { client, detectorId } = await guardDuty(account);
    expect(detectorId).toMatch(/^[0-9a-f]{32}$/);
    const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
    expect(detector.Status).toBe("ENABLED");
    expect(detector.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(detector.Features?.length).toBeGreaterThan(3);
    const pages = await collect(paginateListFindings({ client, pageSize: 7 }, { DetectorId: detectorId }));
    const ids = pages.flatMap((p) => p.FindingIds ?? []);
    expect(ids.length).toBeGreaterThan(7);
    expect(new Set(ids).size).toBe(ids.length);
    const findings = [];
    for (let i = 0; i < ids.length; i += 50) {
      const got = await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + 50) }));
      findings.push(...(got.Findings ?? []));
    }
    expect(findings).toHaveLength(ids.length);
    for (const f of findings) {
      expect(f.AccountId).toBe(account.id);
      expect(f.Region).toBe(region);
      expect(f.Arn).toBe(`arn:aws:guardduty:${region}:${account.id}:detector/${detectorId}/finding/${f.Id}`);
      expect(f.Service?.DetectorId).toBe(detectorId);
      expect(typeof f.Severity).toBe("number");
    }
  });

  test("criteria filter on updatedAt, severity and service.archived", async () => {
    const account = accountWith(sim, (a) => a.services.guardduty && (a.posture === "neglected" || a.posture === "weak"));
    const { client, detectorId } = await guardDuty(account);
    const ids = (await collect(paginateListFindings({ client }, { DetectorId: detectorId }))).flatMap((p) => p.FindingIds ?? []);
    const all = (await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(0, 50) }))).Findings ?? [];
    const cutoff = Date.parse(all.map((f) => f.UpdatedAt!).sort()[Math.floor(all.length / 2)]!);
    const recent = (
      await collect(
        paginateListFindings(
          { client },
          { DetectorId: detectorId, FindingCriteria: { Criterion: { updatedAt: { GreaterThanOrEqual: cutoff } } } },
        ),
      )
    ).flatMap((p) => p.FindingIds ?? []);
    const expected = all.filter((f) => Date.parse(f.UpdatedAt!) >= cutoff).map((f) => f.Id);
    for (const id of expected) expect(recent).toContain(id);
    const viaGte =
      (
        await client.send(
          new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: { Criterion: { updatedAt: { Gte: cutoff } } } }),
        )
      ).FindingIds ?? [];
    expect(viaGte.length).toBe(Math.min(50, recent.length));
    const active = (
      await collect(
        paginateListFindings(
          { client },
          { DetectorId: detectorId, FindingCriteria: { Criterion: { "service.archived": { Eq: ["false"] } } } },
        ),
      )
    ).flatMap((p) => p.FindingIds ?? []);
    const archived = (
      await collect(
        paginateListFindings(
          { client },
          { DetectorId: detectorId, FindingCriteria: { Criterion: { "service.archived": { Equals: ["true"] } } } },
        ),
      )
    ).flatMap((p) => p.FindingIds ?? []);
    expect(active.length + archived.length).toBe(ids.length);
    const high = (
      await collect(
        paginateListFindings(
          { client },
          {
            DetectorId: detectorId,
            FindingCriteria: { Criterion: { severity: { Gte: 7 } } },
            SortCriteria: { AttributeName: "severity", OrderBy: "DESC" },
          },
        ),
      )
    ).flatMap((p) => p.FindingIds ?? []);
    const highFindings =
      (await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: high.slice(0, 50) }))).Findings ?? [];
    for (const f of highFindings) expect(f.Severity).toBeGreaterThanOrEqual(7);
  });

  test("more than 50 ids is a BadRequestException; an account without GuardDuty lists no detectors", async () => {
    const account = accountWith(sim, (a) => a.services.guardduty);
    const { client, detectorId } = await guardDuty(account);
    const ids = Array.from({ length: 51 }, (_, i) => `id${i}`);
    const error = await errorOf(client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids })));
    expect(error.name).toBe("BadRequestException");
    expect(error.status).toBe(400);
    const off = accountWith(sim, (a) => !a.services.guardduty);
    expect((await guardDuty(off)).detectorId).toBeUndefined();
  });
});

describe("Security Hub", () => {
  test("an account without Security Hub gets InvalidAccessException 401", async () => {
    const off = accountWith(sim, (a) => !a.services.securityhub);
    const client = new SecurityHubClient(clientConfig(sim, region, await credsFor(off)));
    const error = await errorOf(client.send(new DescribeHubCommand({})));
    expect(error.name).toBe("InvalidAccessException");
    expect(error.status).toBe(401);
    expect(error.message).toContain(`Account ${off.id} is not subscribed to AWS Security Hub`);
  });

  test("hub, standards and the whole finding set through the paginator", async () => {
    const account = accountWith(sim, (a) => a.services.securityhub && a.services.guardduty && a.posture === "weak");
    const client = new SecurityHubClient(clientConfig(sim, region, await credsFor(account)));
    const hub = await client.send(new DescribeHubCommand({}));
    expect(hub.HubArn).toBe(`arn:aws:securityhub:${region}:${account.id}:hub/default`);
    const standards = await client.send(new GetEnabledStandardsCommand({}));
    expect(standards.StandardsSubscriptions?.[0]?.StandardsStatus).toBe("READY");
    const findings = await allSecurityHubFindings(account);
    expect(findings.length).toBeGreaterThan(30);
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
    for (const f of findings) {
      expect(f.SchemaVersion).toBe("2018-10-08");
      expect(f.AwsAccountId).toBe(account.id);
      expect(f.Resources?.length).toBeGreaterThan(0);
      expect(f.ProductFields?.["aws/securityhub/ProductName"]).toBe(f.ProductName);
    }
    const copies = findings.filter((f) => f.ProductName === "GuardDuty");
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies)
      expect(copy.Id).toMatch(new RegExp(`^arn:aws:guardduty:${region}:${account.id}:detector/[0-9a-f]{32}/finding/[0-9a-f]{32}$`));
  });

  test("string, date and record-state filters", async () => {
    const account = accountWith(sim, (a) => a.services.securityhub && a.flaws.includes("open-ssh"));
    const failed = await allSecurityHubFindings(account, {
      ComplianceSecurityControlId: [{ Value: "EC2.19", Comparison: "EQUALS" }],
      ComplianceStatus: [{ Value: "FAILED", Comparison: "EQUALS" }],
      RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }],
    });
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.Compliance?.SecurityControlId).toBe("EC2.19");
      expect(f.Severity?.Label).toBe("CRITICAL");
      expect(f.GeneratorId).toBe("security-control/EC2.19");
    }
    const all = await allSecurityHubFindings(account);
    const notGd = await allSecurityHubFindings(account, { ProductName: [{ Value: "GuardDuty", Comparison: "NOT_EQUALS" }] });
    expect(notGd.length).toBe(all.filter((f) => f.ProductName !== "GuardDuty").length);
    const prefixed = await allSecurityHubFindings(account, { ComplianceSecurityControlId: [{ Value: "EC2.", Comparison: "PREFIX" }] });
    expect(prefixed.every((f) => f.Compliance?.SecurityControlId?.startsWith("EC2."))).toBe(true);
    const times = all.map((f) => Date.parse(f.UpdatedAt!)).sort((a, b) => a - b);
    const mid = new Date(times[Math.floor(times.length / 2)]!).toISOString();
    const recent = await allSecurityHubFindings(account, { UpdatedAt: [{ Start: mid, End: sim.now().toISOString() }] });
    expect(recent.length).toBe(all.filter((f) => Date.parse(f.UpdatedAt!) >= Date.parse(mid)).length);
    const lastDay = await allSecurityHubFindings(account, { UpdatedAt: [{ DateRange: { Value: 1, Unit: "DAYS" } }] });
    expect(lastDay.every((f) => Date.parse(f.UpdatedAt!) >= sim.now().getTime() - 86_400_000)).toBe(true);
    const client = new SecurityHubClient(clientConfig(sim, region, await credsFor(account)));
    expect((await errorOf(client.send(new GetSecurityHubFindingsCommand({ MaxResults: 101 })))).name).toBe("InvalidInputException");
  });

  test("good accounts pass their controls, flawed ones fail them per resource", async () => {
    const exemplary = accountWith(sim, (a) => a.posture === "exemplary");
    const exemplaryFailed = await allSecurityHubFindings(exemplary, { ComplianceStatus: [{ Value: "FAILED", Comparison: "EQUALS" }] });
    expect(exemplaryFailed).toHaveLength(0);
    const passed = await allSecurityHubFindings(exemplary, { ComplianceStatus: [{ Value: "PASSED", Comparison: "EQUALS" }] });
    const controlIds = new Set(passed.map((f) => f.Compliance?.SecurityControlId));
    for (const id of ["IAM.4", "IAM.6", "S3.1", "EC2.7", "CloudTrail.1", "GuardDuty.1", "Config.1"]) expect(controlIds).toContain(id);
  });
});

describe("CloudTrail", () => {
  test("trail, status and the whole event history through the paginator", async () => {
    const account = accountWith(sim, (a) => a.services.cloudtrail);
    const client = new CloudTrailClient(clientConfig(sim, region, await credsFor(account)));
    const trails = await client.send(new DescribeTrailsCommand({}));
    const trail = trails.trailList?.[0];
    expect(trail?.IsMultiRegionTrail).toBe(true);
    const status = await client.send(new GetTrailStatusCommand({ Name: trail?.TrailARN }));
    expect(typeof status.IsLogging).toBe("boolean");
    expect(status.LatestDeliveryTime).toBeInstanceOf(Date);
    const pages = await collect(paginateLookupEvents({ client, pageSize: 50 }, {}));
    const events = pages.flatMap((p) => p.Events ?? []);
    expect(events.length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
    const times = events.map((e) => e.EventTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const e of events.slice(0, 20)) {
      const record = JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>;
      for (const key of [
        "eventVersion",
        "userIdentity",
        "eventTime",
        "eventSource",
        "eventName",
        "awsRegion",
        "sourceIPAddress",
        "eventID",
        "readOnly",
        "eventType",
        "recipientAccountId",
      ]) {
        expect(record).toHaveProperty(key);
      }
      expect(record.eventID).toBe(e.EventId);
      expect(record.recipientAccountId).toBe(account.id);
    }
  });

  test("lookup attributes and time range filter events", async () => {
    const account = accountWith(sim, (a) => a.flaws.includes("root-access-key") && a.regions[0] === region);
    const client = new CloudTrailClient(clientConfig(sim, region, await credsFor(account)));
    const created = (
      await collect(
        paginateLookupEvents({ client }, { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateAccessKey" }] }),
      )
    ).flatMap((p) => p.Events ?? []);
    expect(created.length).toBeGreaterThan(0);
    const rootUse = created.map((e) => JSON.parse(e.CloudTrailEvent!) as { userIdentity: { type: string } });
    expect(rootUse.some((r) => r.userIdentity.type === "Root")).toBe(true);
    const end = sim.now();
    const start = new Date(end.getTime() - 3 * 86_400_000);
    const recent = (await collect(paginateLookupEvents({ client }, { StartTime: start, EndTime: end }))).flatMap((p) => p.Events ?? []);
    expect(recent.length).toBeGreaterThan(0);
    for (const e of recent) expect(e.EventTime!.getTime()).toBeGreaterThanOrEqual(Math.floor(start.getTime() / 1000) * 1000);
    const logins =
      (await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ConsoleLogin" }] })))
        .Events ?? [];
    for (const login of logins) {
      const record = JSON.parse(login.CloudTrailEvent!) as { additionalEventData?: { MFAUsed?: string } };
      expect(["Yes", "No"]).toContain(record.additionalEventData?.MFAUsed);
    }
    const twoAttributes = await errorOf(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: "EventName", AttributeValue: "a" },
            { AttributeKey: "Username", AttributeValue: "b" },
          ],
        }),
      ),
    );
    expect(twoAttributes.name).toBe("InvalidLookupAttributesException");
  });

  test("an account without a trail describes none but keeps its event history", async () => {
    const account = sim.org.accounts.find((a) => a.flaws.includes("no-trail"));
    if (!account) return;
    const client = new CloudTrailClient(clientConfig(sim, region, await credsFor(account)));
    expect((await client.send(new DescribeTrailsCommand({}))).trailList).toEqual([]);
    expect((await errorOf(client.send(new GetTrailStatusCommand({ Name: "org-management-events" })))).name).toBe("TrailNotFoundException");
    const deleted =
      (await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteTrail" }] })))
        .Events ?? [];
    expect(deleted.length).toBeGreaterThan(0);
  });
});
