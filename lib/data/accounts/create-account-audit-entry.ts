import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";

/**
 * Records an account action that changes nothing in the database but reaches into AWS
 * (test connection, Organizations discovery) in the audit log, with its outcome.
 */
export async function createAccountAuditEntry(actor: SessionUser, action: `account.${string}`, target: string, detail: Record<string, unknown>): Promise<void> {
  await getDb().auditLog.create({ data: { actorEmail: actor.email, action, target, detail: JSON.parse(JSON.stringify(detail)) } });
}
