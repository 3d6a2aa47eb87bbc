import { describe, expect, test } from "vitest";
import { RateLimiter, rateLimitFor } from "@/lib/aws/rate-limits";

describe("rateLimitFor", () => {
  test("uses AWS's documented quotas for the APIs that have one", () => {
    // AWS: LookupEvents 2/s, Security Hub GetFindings 3/s burst 6, other SH 10/s burst 30,
    // CloudTrail reads 10/s; bursts one lower to absorb network jitter.
    expect(rateLimitFor("cloudtrail", "LookupEvents")).toEqual({ perSecond: 2, burst: 1 });
    expect(rateLimitFor("securityhub", "GetFindings")).toEqual({ perSecond: 3, burst: 5 });
    expect(rateLimitFor("securityhub", "DescribeHub")).toEqual({ perSecond: 10, burst: 29 });
    expect(rateLimitFor("cloudtrail", "DescribeTrails")).toEqual({ perSecond: 10, burst: 9 });
  });
});

describe("RateLimiter", () => {
  /** A clock the test moves by hand, and timers that fire when it does. */
  function fakeTime() {
    let now = 0;
    return {
      now: () => now,
      advance(ms: number) {
        now += ms;
      },
    };
  }

  test("grants the burst at once, then one token per 1/rate seconds, per account/region/API", async () => {
    const clock = fakeTime();
    const limiter = new RateLimiter(clock.now);
    const key = { accountId: "111111111111", region: "us-east-1", service: "securityhub", operation: "GetFindings" };
    const granted: number[] = [];
    for (let index = 0; index < 5; index++) await limiter.take(key).then(() => granted.push(clock.now()));
    // Five at time 0 (burst 5); the sixth needs 1/3 s of refill.
    expect(granted).toEqual([0, 0, 0, 0, 0]);
    let seventh = false;
    const pending = limiter.take(key).then(() => {
      seventh = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seventh).toBe(false);
    clock.advance(334);
    await pending;
    expect(seventh).toBe(true);

    // Another account's bucket is untouched by the first one's use.
    const other = { ...key, accountId: "222222222222" };
    const start = clock.now();
    for (let index = 0; index < 5; index++) await limiter.take(other);
    expect(clock.now()).toBe(start);
  });

  test("serves waiters in the order they asked", async () => {
    const clock = fakeTime();
    const limiter = new RateLimiter(clock.now);
    const key = { accountId: "111111111111", region: "eu-west-1", service: "cloudtrail", operation: "LookupEvents" };
    await limiter.take(key);
    const order: number[] = [];
    const waits = [1, 2, 3].map((label) => limiter.take(key).then(() => order.push(label)));
    for (let step = 0; step < 3; step++) {
      clock.advance(500);
      await new Promise((resolve) => setTimeout(resolve, 600));
    }
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });
});
