import { CloudTrailClient, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import { GetFindingsCommand, GuardDutyClient, ListDetectorsCommand, paginateListFindings } from "@aws-sdk/client-guardduty";
import { DescribeHubCommand, paginateGetFindings, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FLAWS, startSimulator, type Simulator } from "./index";
import { flawsInRegion } from "./records/generate-region";
import { assumeAccount, clientConfig, collect, errorOf } from "./test-support";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 16, quotas: false, seed: "consistency" });
});
afterAll(async () => {
  await sim.close();
});

describe("every flaw is visible in every source", () => {
  test("failing controls, GuardDuty types and CloudTrail events line up with the org's flaw lists", async () => {
    const seenFlaws = new Set<string>();
    for (const account of sim.org.accounts) {
      const creds = await assumeAccount(sim, account);
      for (const region of account.regions) {
        const flaws = flawsInRegion(account, region);
        const hub = new SecurityHubClient(clientConfig(sim, region, creds));
        const failing = new Set<string>();
        if (account.services.securityhub) {
          const findings = (
            await collect(
              paginateGetFindings({ client: hub }, { Filters: { ComplianceStatus: [{ Value: "FAILED", Comparison: "EQUALS" }] } }),
            )
          ).flatMap((p) => p.Findings ?? []);
          for (const f of findings) failing.add(f.Compliance!.SecurityControlId!);
        } else {
          expect((await errorOf(hub.send(new DescribeHubCommand({})))).name).toBe("InvalidAccessException");
        }
        const gd = new GuardDutyClient(clientConfig(sim, region, creds));
        const detectorId = (await gd.send(new ListDetectorsCommand({}))).DetectorIds?.[0];
        expect(Boolean(detectorId)).toBe(account.services.guardduty && !flaws.includes("guardduty-off-secondary"));
        const types = new Set<string>();
        if (detectorId) {
          const ids = (await collect(paginateListFindings({ client: gd }, { DetectorId: detectorId }))).flatMap((p) => p.FindingIds ?? []);
          for (let i = 0; i < ids.length; i += 50) {
            for (const f of (await gd.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + 50) })))
              .Findings ?? [])
              types.add(f.Type!);
          }
        }
        const events = (
          await collect(paginateLookupEvents({ client: new CloudTrailClient(clientConfig(sim, region, creds)) }, {}))
        ).flatMap((p) => p.Events ?? []);
        const eventNames = new Set(events.map((e) => e.EventName));

        const expectedFailing = new Set<string>();
        for (const key of flaws) {
          seenFlaws.add(key);
          const flaw = FLAWS.find((f) => f.key === key)!;
          for (const control of flaw.failingControls) {
            expectedFailing.add(control);
            if (account.services.securityhub) expect(failing, `${account.name} ${region} ${key}`).toContain(control);
          }
          if (detectorId) for (const type of flaw.guardDutyTypes) expect(types, `${account.name} ${region} ${key}`).toContain(type);
          for (const name of flaw.cloudTrailEvents) expect(eventNames, `${account.name} ${region} ${key}`).toContain(name);
        }
        // Nothing fails that the account's flaws don't explain.
        for (const control of failing) expect(expectedFailing, `${account.name} ${region} fails ${control}`).toContain(control);
      }
    }
    expect(seenFlaws.size).toBeGreaterThan(FLAWS.length / 2);
  }, 30_000);
});
