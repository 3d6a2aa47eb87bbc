import "server-only";
import type pg from "pg";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { getPool } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  /** Who did it: a user's e-mail, `parapet-cli`, or the e-mail typed at sign-in. */
  actorEmail: string | null;
  /** `area.verb`, e.g. `account.update`, `risk.accept`, `auth.login-failed`. */
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  /**
   * The client address (lib/http/client-ip.ts via getRequestIp / getActionIp), or null for
   * what no request caused (CLI, worker, demo). Required, so no caller can forget it: a row
   * of a console action without its address is a gap in the trail.
   */
  ip: string | null;
}

/**
 * Where the row is written: a pg pool, or the pg client / Prisma transaction of the change
 * being audited, so the audit row commits or rolls back with that change.
 */
export type AuditWriter = pg.Pool | pg.PoolClient | pg.Client | Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * The one writer of audit_log rows (one statement, whichever driver runs it). Without `db`
 * it writes on the pool: for actions whose change is not in the database (a connection
 * test, a queued job) or was committed already.
 */
export async function createAuditEntry(entry: AuditEntry, db: AuditWriter = getPool()): Promise<void> {
  if (!entry.action) throw new Error("createAuditEntry: an audit entry needs an action");
  // JSON round trip: Dates become ISO strings and undefined fields disappear, as jsonb stores them.
  const detail = JSON.stringify(entry.detail ?? {});
  const statement = Prisma.sql`
    INSERT INTO audit_log (actor_email, action, target, detail, ip)
    VALUES (${entry.actorEmail}, ${entry.action}, ${entry.target ?? null}, ${detail}::jsonb, ${entry.ip})`;
  if ("$executeRaw" in db) {
    await db.$executeRaw(statement);
  } else {
    const { text, values } = toPgQuery(statement);
    await db.query(text, values);
  }
}
