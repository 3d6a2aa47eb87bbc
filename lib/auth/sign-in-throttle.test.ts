import { describe, expect, test } from "vitest";
import { decideThrottle, type SignInFailureCounts } from "@/lib/auth/sign-in-throttle";

const now = new Date("2026-12-01T10:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const none: SignInFailureCounts = { pairFailures: 0, pairLastAt: null, ipFailures: 0, ipLastAt: null, emailFailures: 0 };

describe("decideThrottle", () => {
  test("a few failures are free", () => {
    expect(
      decideThrottle({ ...none, pairFailures: 4, pairLastAt: ago(1), ipFailures: 19, ipLastAt: ago(1), emailFailures: 9 }, now),
    ).toEqual({ kind: "check" });
  });

  test("per (e-mail, IP) the wait doubles from 30 s after the fifth failure, capped at 15 minutes", () => {
    // 5 failures: 30 s after the last one. 10 s ago -> 20 s left.
    expect(decideThrottle({ ...none, pairFailures: 5, pairLastAt: ago(10) }, now)).toEqual({
      kind: "refuse",
      reason: "email-ip",
      retryAfterMs: 20_000,
    });
    expect(decideThrottle({ ...none, pairFailures: 5, pairLastAt: ago(31) }, now)).toEqual({ kind: "check" });
    // 7 failures: 30 * 2^2 = 120 s.
    expect(decideThrottle({ ...none, pairFailures: 7, pairLastAt: ago(100) }, now)).toEqual({
      kind: "refuse",
      reason: "email-ip",
      retryAfterMs: 20_000,
    });
    // 40 failures: the cap, 900 s.
    expect(decideThrottle({ ...none, pairFailures: 40, pairLastAt: ago(800) }, now)).toEqual({
      kind: "refuse",
      reason: "email-ip",
      retryAfterMs: 100_000,
    });
  });

  test("per IP the wait doubles from 10 s after the twentieth failure", () => {
    expect(decideThrottle({ ...none, ipFailures: 20, ipLastAt: ago(4) }, now)).toEqual({
      kind: "refuse",
      reason: "ip",
      retryAfterMs: 6_000,
    });
    // 22 failures: 40 s.
    expect(decideThrottle({ ...none, ipFailures: 22, ipLastAt: ago(39) }, now)).toEqual({
      kind: "refuse",
      reason: "ip",
      retryAfterMs: 1_000,
    });
    expect(decideThrottle({ ...none, ipFailures: 22, ipLastAt: ago(41) }, now)).toEqual({ kind: "check" });
  });

  test("many failures for an e-mail from elsewhere only delay, by at most 3 s: no lock-out", () => {
    expect(decideThrottle({ ...none, emailFailures: 10 }, now)).toEqual({ kind: "delay", delayMs: 1000 });
    expect(decideThrottle({ ...none, emailFailures: 29 }, now)).toEqual({ kind: "delay", delayMs: 2000 });
    expect(decideThrottle({ ...none, emailFailures: 10_000 }, now)).toEqual({ kind: "delay", delayMs: 3000 });
  });

  test("when both limits refuse, the longer wait is reported", () => {
    expect(decideThrottle({ ...none, pairFailures: 5, pairLastAt: ago(10), ipFailures: 21, ipLastAt: ago(0) }, now)).toEqual({
      kind: "refuse",
      reason: "email-ip",
      retryAfterMs: 20_000,
    });
  });
});
