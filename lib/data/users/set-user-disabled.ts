import "server-only";
import type pg from "pg";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";

/** Disables (or re-enables) a user; their next request is refused because sessions re-read the user. Audited. */
export async function setUserDisabled(
  pool: pg.Pool,
  email: string,
  isDisabled: boolean,
  actor: string,
  ip: string | null = null,
): Promise<boolean> {
  const result = await pool.query("UPDATE users SET disabled = $2 WHERE email = $1", [email.toLowerCase(), isDisabled]);
  if ((result.rowCount ?? 0) === 0) return false;
  await createAuditEntry({ actorEmail: actor, action: isDisabled ? "user.disable" : "user.enable", target: email.toLowerCase(), ip }, pool);
  return true;
}
