/**
 * Sign-in throttling that slows guessing without handing an attacker a lock on someone
 * else's account. Counts are failed sign-ins of the last 15 minutes, from the audit log:
 *
 * - per (e-mail, IP): 5 free failures, then each further attempt from that address must wait
 *   30 s, 60 s, 120 s... (capped at 15 minutes) after the previous failure, or it is refused
 *   unchecked. A success from that address starts the count again.
 * - per IP, across e-mails (password spraying): 20 free failures, then 10 s, 20 s, 40 s...
 *   (capped at 15 minutes) between attempts from that address.
 * - per e-mail, from anywhere: after 10 failures every attempt from another address is held
 *   for a short delay (1 s more per 10 failures, at most 3 s) and then checked as usual, so
 *   a distributed guesser is slowed while the owner, from their own address, still gets in.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const PAIR_FREE_FAILURES = 5;
export const IP_FREE_FAILURES = 20;
export const EMAIL_SLOW_FAILURES = 10;
const PAIR_BASE_WAIT_MS = 30_000;
const IP_BASE_WAIT_MS = 10_000;
const MAX_WAIT_MS = 15 * 60_000;
const MAX_EMAIL_DELAY_MS = 3_000;

export interface SignInFailureCounts {
  /** Failures for this e-mail from this address since its last success there. */
  pairFailures: number;
  pairLastAt: Date | null;
  /** Failures from this address for any e-mail. */
  ipFailures: number;
  ipLastAt: Date | null;
  /** Failures for this e-mail from any address. */
  emailFailures: number;
}

export type ThrottleDecision =
  { kind: "check" } | { kind: "delay"; delayMs: number } | { kind: "refuse"; reason: "email-ip" | "ip"; retryAfterMs: number };

function growingWait(failures: number, free: number, baseMs: number): number {
  // 2^20 * base is already beyond the cap; the exponent is bounded so the number stays finite.
  return Math.min(baseMs * 2 ** Math.min(failures - free, 20), MAX_WAIT_MS);
}

export function decideThrottle(counts: SignInFailureCounts, now: Date): ThrottleDecision {
  const refusals: Array<{ reason: "email-ip" | "ip"; retryAfterMs: number }> = [];
  if (counts.pairFailures >= PAIR_FREE_FAILURES && counts.pairLastAt) {
    const until = counts.pairLastAt.getTime() + growingWait(counts.pairFailures, PAIR_FREE_FAILURES, PAIR_BASE_WAIT_MS);
    if (now.getTime() < until) refusals.push({ reason: "email-ip", retryAfterMs: until - now.getTime() });
  }
  if (counts.ipFailures >= IP_FREE_FAILURES && counts.ipLastAt) {
    const until = counts.ipLastAt.getTime() + growingWait(counts.ipFailures, IP_FREE_FAILURES, IP_BASE_WAIT_MS);
    if (now.getTime() < until) refusals.push({ reason: "ip", retryAfterMs: until - now.getTime() });
  }
  if (refusals.length > 0) {
    const longest = refusals.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
    return { kind: "refuse", ...longest };
  }
  if (counts.emailFailures >= EMAIL_SLOW_FAILURES) {
    const steps = Math.floor(counts.emailFailures / EMAIL_SLOW_FAILURES);
    return { kind: "delay", delayMs: Math.min(steps * 1000, MAX_EMAIL_DELAY_MS) };
  }
  return { kind: "check" };
}
