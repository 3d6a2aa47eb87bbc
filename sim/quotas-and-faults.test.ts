import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { DescribeHubCommand, GetFindingsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { accountWith, assumeAccount, clientConfig, errorOf } from "./test-support";

const region = "us-east-1";

describe("quotas", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: 3 });
  });
  afterAll(async () => {
    await sim.close();
  });

  test("LookupEvents beyond 2/s is throttled with ThrottlingException and the SDK's retry gets through", async () => {
    const account = accountWith(sim, (a) => a.services.cloudtrail);
    const client = new CloudTrailClient(clientConfig(sim, region, await assumeAccount(sim, account), 10));
    const results = await Promise.all(Array.from({ length: 5 }, () => client.send(new LookupEventsCommand({ MaxResults: 5 }))));
    expect(results.every((r) => (r.Events?.length ?? 0) > 0)).toBe(true);
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    expect(sim.stats().throttled["cloudtrail:LookupEvents"]).toBeGreaterThan(0);
    const direct = new CloudTrailClient(clientConfig(sim, region, await assumeAccount(sim, account), 1));
    const burst = await Promise.allSettled(Array.from({ length: 6 }, () => direct.send(new LookupEventsCommand({ MaxResults: 1 }))));
    const rejected = burst.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    const reason = rejected[0]!.reason as { name: string; $metadata: { httpStatusCode: number } };
    expect(reason.name).toBe("ThrottlingException");
    expect(reason.$metadata.httpStatusCode).toBe(400);
  }, 30_000);

  test("Security Hub GetFindings allows a burst of 6 then throttles with 429", async () => {
    const account = accountWith(sim, (a) => a.services.securityhub);
    const client = new SecurityHubClient(clientConfig(sim, "eu-west-1", await assumeAccount(sim, account), 1));
    // 40 at once: six from the burst, plus whatever the 3/s refill adds while a loaded
    // machine sends them (a few seconds at worst), which stays far below 40.
    const burst = await Promise.allSettled(Array.from({ length: 40 }, () => client.send(new GetFindingsCommand({ MaxResults: 1 }))));
    const fulfilled = burst.filter((r) => r.status === "fulfilled").length;
    expect(fulfilled).toBeGreaterThanOrEqual(6);
    expect(fulfilled).toBeLessThan(40);
    const rejected = burst.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((rejected?.reason as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(429);
    const retrying = new SecurityHubClient(clientConfig(sim, "eu-west-1", await assumeAccount(sim, account), 10));
    const ok = await Promise.all(Array.from({ length: 4 }, () => retrying.send(new GetFindingsCommand({ MaxResults: 1 }))));
    expect(ok).toHaveLength(4);
  }, 30_000);
});

describe("faults", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accounts: 6, quotas: false });
  });
  afterEach(() => sim.clearFaults());
  afterAll(async () => {
    await sim.close();
  });

  test("a counted throttle fault is retried by the SDK and counted", async () => {
    const account = accountWith(sim, (a) => a.services.securityhub);
    sim.setFaults([{ kind: "throttle", service: "securityhub", operation: "GetFindings", count: 2 }]);
    const client = new SecurityHubClient(clientConfig(sim, region, await assumeAccount(sim, account)));
    const result = await client.send(new GetFindingsCommand({ MaxResults: 2 }));
    expect(result.$metadata.attempts).toBe(3);
    expect(sim.stats().throttled["securityhub:GetFindings"]).toBe(2);
  }, 20_000);

  test("access-denied and service-disabled are scoped to the account and service", async () => {
    const [first, second] = sim.org.accounts.filter((a) => a.services.guardduty && a.services.securityhub);
    sim.setFaults([
      { kind: "access-denied", accountId: first!.id, service: "guardduty" },
      { kind: "service-disabled", accountId: second!.id, service: "securityhub" },
      { kind: "service-disabled", accountId: second!.id, service: "guardduty" },
    ]);
    const denied = await errorOf(
      new GuardDutyClient(clientConfig(sim, region, await assumeAccount(sim, first!))).send(new ListDetectorsCommand({})),
    );
    expect(denied.name).toBe("AccessDeniedException");
    expect(denied.status).toBe(403);
    const otherCreds = await assumeAccount(sim, second!);
    const hub = await errorOf(new SecurityHubClient(clientConfig(sim, region, otherCreds)).send(new DescribeHubCommand({})));
    expect(hub.name).toBe("InvalidAccessException");
    expect((await new GuardDutyClient(clientConfig(sim, region, otherCreds)).send(new ListDetectorsCommand({}))).DetectorIds).toEqual([]);
    const stillFine = await new SecurityHubClient(clientConfig(sim, region, await assumeAccount(sim, first!))).send(
      new DescribeHubCommand({}),
    );
    expect(stillFine.HubArn).toBeTruthy();
  });

  test("server errors and dropped connections are retried; slow answers are delayed", async () => {
    const account = accountWith(sim, (a) => a.services.guardduty);
    const creds = await assumeAccount(sim, account);
    sim.setFaults([{ kind: "server-error", service: "guardduty", count: 1 }]);
    const afterError = await new GuardDutyClient(clientConfig(sim, region, creds)).send(new ListDetectorsCommand({}));
    expect(afterError.$metadata.attempts).toBe(2);
    sim.setFaults([{ kind: "drop-connection", service: "guardduty", count: 1 }]);
    const afterDrop = await new GuardDutyClient(clientConfig(sim, region, creds)).send(new ListDetectorsCommand({}));
    expect(afterDrop.DetectorIds?.length).toBe(1);
    sim.setFaults([{ kind: "slow", service: "guardduty", delayMs: 300 }]);
    const started = Date.now();
    await new GuardDutyClient(clientConfig(sim, region, creds)).send(new ListDetectorsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  }, 20_000);

  test("expire-credentials kills the session until the caller assumes the role again", async () => {
    const account = sim.org.accounts[1]!;
    const creds = await assumeAccount(sim, account);
    sim.setFaults([{ kind: "expire-credentials", accountId: account.id, count: 1 }]);
    const sts = new STSClient(clientConfig(sim, region, creds, 1));
    expect((await errorOf(sts.send(new GetCallerIdentityCommand({})))).name).toBe("ExpiredTokenException");
    expect((await errorOf(sts.send(new GetCallerIdentityCommand({})))).name).toBe("ExpiredTokenException");
    const fresh = await assumeAccount(sim, account);
    expect((await new STSClient(clientConfig(sim, region, fresh)).send(new GetCallerIdentityCommand({}))).Account).toBe(account.id);
  });

  test("probability 0 never fires; the admin endpoint sets, lists and clears faults", async () => {
    const post = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify([{ kind: "throttle", service: "cloudtrail", probability: 0 }]),
    });
    expect(post.status).toBe(200);
    const listed = (await (await fetch(`${sim.url}/_sim/faults`)).json()) as Array<{ kind: string }>;
    expect(listed.map((f) => f.kind)).toEqual(["throttle"]);
    const account = accountWith(sim, (a) => a.services.cloudtrail);
    const events = await new CloudTrailClient(clientConfig(sim, region, await assumeAccount(sim, account), 1)).send(
      new LookupEventsCommand({ MaxResults: 1 }),
    );
    expect(events.$metadata.attempts).toBe(1);
    const bad = await fetch(`${sim.url}/_sim/faults`, { method: "POST", body: JSON.stringify([{ kind: "meteor" }]) });
    expect(bad.status).toBe(400);
    await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" });
    expect(await (await fetch(`${sim.url}/_sim/faults`)).json()).toEqual([]);
  });
});
