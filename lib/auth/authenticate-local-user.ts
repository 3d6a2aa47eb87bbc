import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "@/lib/auth/password";
import { decideThrottle, THROTTLE_WINDOW_MS, type SignInFailureCounts } from "@/lib/auth/sign-in-throttle";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";

export interface LocalSignIn {
  id: string;
  email: string;
  name: string | null;
  /** Put in the token, so "sign out everywhere" (which bumps it) ends this session too. */
  sessionVersion: number;
}

/**
 * Checks a local account's password; every attempt, good, bad or throttled, goes to the
 * audit log with the client address (lib/http/get-request-ip.ts decides which to believe).
 * Throttling is per (e-mail, IP) and per IP with growing waits, and only a short delay per
 * e-mail, so nobody can lock an account out from somewhere else (lib/auth/sign-in-throttle.ts).
 */
export async function authenticateLocalUser(email: string, password: string, ip: string | null): Promise<LocalSignIn | null> {
  const db = getDb();
  const now = new Date();
  const decision = decideThrottle(await countRecentFailures(email, ip, now), now);
  if (decision.kind === "refuse") {
    await createAuditEntry({
      actorEmail: email,
      action: "auth.login-throttled",
      target: email,
      ip,
      detail: { reason: decision.reason, retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) },
    });
    return null;
  }
  if (decision.kind === "delay") {
    await createAuditEntry({ actorEmail: email, action: "auth.login-delayed", target: email, ip, detail: { delayMs: decision.delayMs } });
    await sleep(decision.delayMs);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  // Unknown e-mails and SSO users (no hash) cost the same full scrypt, so timing reveals nothing.
  const isValid =
    (await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)) && !!user && !user.disabled && !!user.passwordHash;
  await createAuditEntry({
    actorEmail: email,
    action: isValid ? "auth.login" : "auth.login-failed",
    target: email,
    ip,
    detail: { method: "password" },
  });
  if (!isValid || !user) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

async function countRecentFailures(email: string, ip: string | null, now: Date): Promise<SignInFailureCounts> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const rows = await getDb().$queryRaw<
    Array<{ pair_failures: number; pair_last: Date | null; ip_failures: number; ip_last: Date | null; email_failures: number }>
  >`
    WITH pair_success AS (
      SELECT coalesce(max(at), '-infinity') AS at FROM audit_log
      WHERE action = 'auth.login' AND actor_email = ${email} AND ip IS NOT DISTINCT FROM ${ip}::text AND at >= ${since}
    ), recent AS (
      SELECT actor_email, ip, at FROM audit_log
      WHERE action = 'auth.login-failed' AND at >= ${since} AND (actor_email = ${email} OR ip IS NOT DISTINCT FROM ${ip}::text)
    )
    SELECT
      count(*) FILTER (WHERE actor_email = ${email} AND ip IS NOT DISTINCT FROM ${ip}::text AND at > (SELECT at FROM pair_success))::int AS pair_failures,
      max(at) FILTER (WHERE actor_email = ${email} AND ip IS NOT DISTINCT FROM ${ip}::text AND at > (SELECT at FROM pair_success)) AS pair_last,
      count(*) FILTER (WHERE ip IS NOT DISTINCT FROM ${ip}::text)::int AS ip_failures,
      max(at) FILTER (WHERE ip IS NOT DISTINCT FROM ${ip}::text) AS ip_last,
      count(*) FILTER (WHERE actor_email = ${email})::int AS email_failures
    FROM recent`;
  const row = rows[0]!;
  return {
    pairFailures: row.pair_failures,
    pairLastAt: row.pair_last,
    ipFailures: row.ip_failures,
    ipLastAt: row.ip_last,
    emailFailures: row.email_failures,
  };
}
