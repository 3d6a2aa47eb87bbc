import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  GetDetectorCommand,
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
} from "@aws-sdk/client-guardduty";
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListRootsCommand,
  DescribeOrganizationalUnitCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  DescribeHubCommand,
  DescribeStandardsControlsCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand as GetSecurityHubFindingsCommand,
  SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { accountWith, assumeAccount, clientConfig } from "./test-support";

// The botocore models live outside the repo (../shared); without them this file is skipped.
const MODELS_DIR = path.resolve(__dirname, "../../shared/aws/models");
const hasModels = existsSync(MODELS_DIR);

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  value?: { shape: string };
}
interface Model {
  operations: Record<string, { output?: { shape: string; resultWrapper?: string } }>;
  shapes: Record<string, Shape>;
}

function loadModel(service: string): Model {
  const dir = path.join(MODELS_DIR, service);
  const version = readdirSync(dir).sort().pop();
  if (!version) throw new Error(`no model for ${service}`);
  return JSON.parse(readFileSync(path.join(dir, version, "service-2.json"), "utf8")) as Model;
}

/** Walks an SDK output against the model: every required member present, every present member of the right type. */
function conformanceProblems(model: Model, shapeName: string, value: unknown, where: string, out: string[], depth = 0): void {
  const shape = model.shapes[shapeName];
  if (!shape || depth > 40 || value === undefined || value === null) return;
  const kind = shape.type;
  const fail = (expected: string): void => {
    out.push(`${where}: expected ${expected} (${shapeName}), got ${Array.isArray(value) ? "array" : typeof value}`);
  };
  switch (kind) {
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) return fail("object");
      const record = value as Record<string, unknown>;
      for (const required of shape.required ?? []) {
        if (record[required] === undefined || record[required] === null)
          out.push(`${where}.${required}: required member missing (${shapeName})`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        conformanceProblems(model, member.shape, record[name], `${where}.${name}`, out, depth + 1);
      }
      return;
    }
    case "list":
      if (!Array.isArray(value)) return fail("array");
      value.forEach((item, index) => conformanceProblems(model, shape.member!.shape, item, `${where}[${index}]`, out, depth + 1));
      return;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return fail("map");
      for (const [key, item] of Object.entries(value as Record<string, unknown>))
        conformanceProblems(model, shape.value!.shape, item, `${where}{${key}}`, out, depth + 1);
      return;
    case "string":
      if (typeof value !== "string") fail("string");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("boolean");
      return;
    case "integer":
    case "long":
    case "double":
    case "float":
      if (typeof value !== "number" || Number.isNaN(value)) fail("number");
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail("Date");
      return;
    default:
      return;
  }
}

function check(model: Model, operation: string, output: unknown): string[] {
  const outputShape = model.operations[operation]?.output?.shape;
  if (!outputShape) throw new Error(`model has no output for ${operation}`);
  const problems: string[] = [];
  const { $metadata: _ignored, ...rest } = output as Record<string, unknown>;
  conformanceProblems(model, outputShape, rest, operation, problems);
  return problems.slice(0, 20);
}

let sim: Simulator;
const region = "us-east-1";

describe.skipIf(!hasModels)("responses conform to the botocore output shapes", () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, quotas: false, accounts: 12 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  test("STS and Organizations", async () => {
    const sts = loadModel("sts");
    const client = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const account = sim.org.accounts[1]!;
    expect(
      check(
        sts,
        "AssumeRole",
        await client.send(
          new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "conformance", ExternalId: account.externalId }),
        ),
      ),
    ).toEqual([]);
    expect(check(sts, "GetCallerIdentity", await client.send(new GetCallerIdentityCommand({})))).toEqual([]);
    const orgs = loadModel("organizations");
    const org = new OrganizationsClient(clientConfig(sim, region, sim.baseCredentials));
    expect(check(orgs, "ListAccounts", await org.send(new ListAccountsCommand({})))).toEqual([]);
    expect(check(orgs, "DescribeOrganization", await org.send(new DescribeOrganizationCommand({})))).toEqual([]);
    for (const child of [account.id, ...sim.org.organizationalUnits.map((unit) => unit.id)]) {
      expect(check(orgs, "ListParents", await org.send(new ListParentsCommand({ ChildId: child })))).toEqual([]);
    }
    for (const resource of [account.id, sim.org.rootId, sim.org.organizationalUnits[0]!.id]) {
      expect(check(orgs, "ListTagsForResource", await org.send(new ListTagsForResourceCommand({ ResourceId: resource })))).toEqual([]);
    }
    expect(check(orgs, "ListRoots", await org.send(new ListRootsCommand({})))).toEqual([]);
    for (const unit of sim.org.organizationalUnits) {
      expect(
        check(orgs, "DescribeOrganizationalUnit", await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unit.id }))),
      ).toEqual([]);
    }
  });

  test("GuardDuty, every account", async () => {
    const model = loadModel("guardduty");
    for (const account of sim.org.accounts.filter((a) => a.services.guardduty)) {
      const client = new GuardDutyClient(clientConfig(sim, region, await assumeAccount(sim, account)));
      const detectors = await client.send(new ListDetectorsCommand({}));
      expect(check(model, "ListDetectors", detectors)).toEqual([]);
      const detectorId = detectors.DetectorIds![0]!;
      expect(check(model, "GetDetector", await client.send(new GetDetectorCommand({ DetectorId: detectorId })))).toEqual([]);
      const list = await client.send(new ListFindingsCommand({ DetectorId: detectorId }));
      expect(check(model, "ListFindings", list)).toEqual([]);
      if (list.FindingIds!.length > 0) {
        expect(
          check(model, "GetFindings", await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: list.FindingIds }))),
        ).toEqual([]);
      }
    }
  });

  test("Security Hub, every account with a hub", async () => {
    const model = loadModel("securityhub");
    for (const account of sim.org.accounts.filter((a) => a.services.securityhub)) {
      const client = new SecurityHubClient(clientConfig(sim, region, await assumeAccount(sim, account)));
      expect(check(model, "DescribeHub", await client.send(new DescribeHubCommand({})))).toEqual([]);
      const standards = await client.send(new GetEnabledStandardsCommand({}));
      expect(check(model, "GetEnabledStandards", standards)).toEqual([]);
      for (const subscription of standards.StandardsSubscriptions ?? []) {
        const controls = await client.send(
          new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: subscription.StandardsSubscriptionArn, MaxResults: 100 }),
        );
        expect(check(model, "DescribeStandardsControls", controls)).toEqual([]);
        expect(controls.Controls!.length).toBeGreaterThan(0);
      }
      let token: string | undefined;
      do {
        const pageResult = await client.send(new GetSecurityHubFindingsCommand({ MaxResults: 100, NextToken: token }));
        expect(check(model, "GetFindings", pageResult)).toEqual([]);
        token = pageResult.NextToken;
      } while (token);
    }
  });

  test("CloudTrail", async () => {
    const model = loadModel("cloudtrail");
    const account = accountWith(sim, (a) => a.services.cloudtrail);
    const client = new CloudTrailClient(clientConfig(sim, region, await assumeAccount(sim, account)));
    const trails = await client.send(new DescribeTrailsCommand({}));
    expect(check(model, "DescribeTrails", trails)).toEqual([]);
    expect(check(model, "GetTrailStatus", await client.send(new GetTrailStatusCommand({ Name: trails.trailList![0]!.Name })))).toEqual([]);
    expect(check(model, "LookupEvents", await client.send(new LookupEventsCommand({})))).toEqual([]);
  });
});
