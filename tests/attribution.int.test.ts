import {
  GetFindingsCommand as GetGuardDutyFindings,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
} from "@aws-sdk/client-guardduty";
import { paginateGetFindings, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * A GuardDuty/Security Hub delegated administrator sees its members' findings, and the
 * Security Hub aggregation region returns the linked regions' findings. With the
 * administrator and every member registered, each record must be stored once, under the
 * account and region it names.
 */
let database: TestDatabase;
let sim: Simulator;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({
    port: 0,
    accounts: 5,
    regions: ["us-east-1", "eu-west-1"],
    seed: "attribution",
    delegatedAdmin: true,
    aggregationRegion: true,
  });
  await registerSimAccounts(database.pool, sim);
  const runs = await collectAll(simRuntime(database.pool, sim), sim);
  expect(runs.map((run) => run.status)).toEqual(sim.org.accounts.map(() => "succeeded"));
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

/** Every record any account's own API view returns, keyed by the account and region the record names. */
async function oracle(): Promise<{ guardduty: Set<string>; securityhub: Set<string> }> {
  const result = { guardduty: new Set<string>(), securityhub: new Set<string>() };
  const sts = new STSClient({ region: "us-east-1", endpoint: sim.url, credentials: sim.baseCredentials });
  for (const account of sim.org.accounts) {
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "oracle", ExternalId: account.externalId }),
    );
    const credentials = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    for (const region of account.regions) {
      const guardduty = new GuardDutyClient({ region, endpoint: sim.url, credentials });
      for await (const detectors of paginateListDetectors({ client: guardduty }, {})) {
        for (const detectorId of detectors.DetectorIds ?? []) {
          for await (const page of paginateListFindings({ client: guardduty }, { DetectorId: detectorId })) {
            if (!page.FindingIds?.length) continue;
            const found = await guardduty.send(new GetGuardDutyFindings({ DetectorId: detectorId, FindingIds: page.FindingIds }));
            for (const finding of found.Findings ?? []) result.guardduty.add(`${finding.AccountId}|${finding.Region}|${finding.Id}`);
          }
        }
      }
      guardduty.destroy();
      const securityhub = new SecurityHubClient({ region, endpoint: sim.url, credentials });
      try {
        for await (const page of paginateGetFindings({ client: securityhub }, { MaxResults: 100 })) {
          for (const finding of page.Findings ?? []) result.securityhub.add(`${finding.AwsAccountId}|${finding.Region}|${finding.Id}`);
        }
      } catch (error) {
        if ((error as { name?: string }).name !== "InvalidAccessException") throw error;
      } finally {
        securityhub.destroy();
      }
    }
  }
  sts.destroy();
  return result;
}

describe("attribution with a delegated administrator and an aggregation region", () => {
  test("the organisation really has cross-account and cross-region views", () => {
    expect(sim.org.delegatedAdminAccountId).toMatch(/^\d{12}$/);
    expect(sim.org.aggregationRegion).toBe("us-east-1");
  });

  test("every record is stored once, under the account and region it names", async () => {
    const expected = await oracle();
    const stored = await database.pool.query<{ source: string; key: string }>(
      "SELECT source, concat_ws('|', account_id, region, source_id) AS key FROM findings",
    );
    const actual = {
      guardduty: new Set(stored.rows.filter((row) => row.source === "guardduty").map((row) => row.key)),
      securityhub: new Set(stored.rows.filter((row) => row.source === "securityhub").map((row) => row.key)),
    };
    expect(stored.rows.length).toBe(actual.guardduty.size + actual.securityhub.size);
    expect(actual.guardduty).toEqual(expected.guardduty);
    expect(actual.securityhub).toEqual(expected.securityhub);
  });

  test("the administrator's view added nothing under the administrator's own account that belongs to a member", async () => {
    const admin = sim.org.delegatedAdminAccountId!;
    const misfiled = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings
       WHERE account_id = $1 AND (raw->>'AwsAccountId' IS DISTINCT FROM $1 AND raw->>'AccountId' IS DISTINCT FROM $1)`,
      [admin],
    );
    expect(misfiled.rows[0]!.n).toBe(0);
    const members = await database.pool.query<{ n: number }>(
      "SELECT count(DISTINCT account_id)::int AS n FROM findings WHERE account_id <> $1",
      [admin],
    );
    expect(members.rows[0]!.n).toBeGreaterThan(0);
  });
});
