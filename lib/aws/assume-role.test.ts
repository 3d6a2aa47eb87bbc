import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AssumedRoleCache } from "@/lib/aws/assume-role";
import { startSimulator, type Simulator } from "@/sim/index";

/** Against the simulator's STS over HTTP, counting the AssumeRole calls it served. */
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 2, regions: ["us-east-1"], seed: "assume-role", quotas: false });
});
afterAll(async () => {
  await sim.close();
});

const assumeCalls = () => sim.stats().served["sts:AssumeRole"] ?? 0;

describe("AssumedRoleCache", () => {
  test("assumes each account's role once, shares it between callers, and renews it shortly before expiry", async () => {
    let now = Date.now();
    const cache = new AssumedRoleCache(
      { endpoint: sim.url, baseCredentials: sim.baseCredentials, baseRegion: "us-east-1", sessionName: "parapet-test", maxAttempts: 2 },
      () => now,
    );
    const [first, second] = sim.org.accounts;
    const targetA = { accountId: first!.id, roleArn: first!.roleArn, externalId: first!.externalId };
    const targetB = { accountId: second!.id, roleArn: second!.roleArn, externalId: second!.externalId };
    const before = assumeCalls();

    const provider = cache.providerFor(targetA);
    const concurrent = await Promise.all([provider(), provider(), cache.get(targetA)]);
    expect(new Set(concurrent.map((credentials) => credentials.accessKeyId)).size).toBe(1);
    expect(assumeCalls() - before).toBe(1);

    await cache.get(targetB);
    expect(assumeCalls() - before).toBe(2);

    now += 50 * 60_000; // 50 minutes: still more than 5 minutes left of the 1-hour session
    expect((await provider()).accessKeyId).toBe(concurrent[0]!.accessKeyId);
    expect(assumeCalls() - before).toBe(2);

    now += 6 * 60_000; // 56 minutes: inside the refresh margin
    const renewed = await provider();
    expect(renewed.accessKeyId).not.toBe(concurrent[0]!.accessKeyId);
    expect(assumeCalls() - before).toBe(3);
    cache.destroy();
  });

  test("a wrong ExternalId is refused with AWS's AccessDenied", async () => {
    const cache = new AssumedRoleCache({
      endpoint: sim.url,
      baseCredentials: sim.baseCredentials,
      baseRegion: "us-east-1",
      sessionName: "parapet-test",
      maxAttempts: 1,
    });
    const account = sim.org.accounts[0]!;
    await expect(cache.get({ accountId: account.id, roleArn: account.roleArn, externalId: "wrong-external-id" })).rejects.toMatchObject({
      name: "AccessDenied",
    });
    cache.destroy();
  });
});
