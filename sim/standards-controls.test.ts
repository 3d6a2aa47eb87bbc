import { DescribeStandardsControlsCommand, GetEnabledStandardsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { assumeAccount, clientConfig } from "./test-support";

/** DescribeStandardsControls through the real SDK: paging, and enablement varied by posture. */
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 12, regions: ["us-east-1"], seed: "parapet" });
});

afterAll(async () => {
  await sim?.close();
});

async function controlsOf(accountId: string, pageSize: number) {
  const account = sim.org.accounts.find((candidate) => candidate.id === accountId)!;
  const client = new SecurityHubClient(clientConfig(sim, "us-east-1", await assumeAccount(sim, account)));
  const standards = await client.send(new GetEnabledStandardsCommand({}));
  const all = [];
  for (const subscription of standards.StandardsSubscriptions ?? []) {
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeStandardsControlsCommand({
          StandardsSubscriptionArn: subscription.StandardsSubscriptionArn,
          MaxResults: pageSize,
          NextToken: token,
        }),
      );
      all.push(...(page.Controls ?? []));
      token = page.NextToken;
    } while (token);
  }
  return all;
}

describe("DescribeStandardsControls", () => {
  test("pages give the same list as one call", async () => {
    const account = sim.org.accounts.find((candidate) => candidate.services.securityhub)!;
    const whole = await controlsOf(account.id, 100);
    const paged = await controlsOf(account.id, 7);
    expect(paged.map((control) => control.StandardsControlArn)).toEqual(whole.map((control) => control.StandardsControlArn));
    expect(new Set(whole.map((control) => control.StandardsControlArn)).size).toBe(whole.length);
  });

  test("exemplary accounts keep every control on; weak and neglected ones switched some off", async () => {
    const withHub = sim.org.accounts.filter((account) => account.services.securityhub);
    for (const account of withHub) {
      const disabled = (await controlsOf(account.id, 100)).filter((control) => control.ControlStatus === "DISABLED");
      if (account.posture === "exemplary" || account.posture === "good") expect(disabled, account.name).toEqual([]);
      if (account.posture === "weak" || account.posture === "neglected") {
        expect(disabled.length, account.name).toBe(4);
        for (const control of disabled) expect(control.DisabledReason).toBe("Not used in this account");
      }
    }
  });
});
