import "server-only";
import type pg from "pg";

/** Disables (or re-enables) a user; their next request is refused because sessions re-read the user. Audited. */
export async function setUserDisabled(pool: pg.Pool, email: string, isDisabled: boolean, actor: string, ip: string | null = null): Promise<boolean> {
  const result = await pool.query("UPDATE users SET disabled = $2 WHERE email = $1", [email.toLowerCase(), isDisabled]);
  if ((result.rowCount ?? 0) === 0) return false;
  await pool.query("INSERT INTO audit_log (actor_email, action, target, ip) VALUES ($1, $2, $3, $4)", [
    actor,
    isDisabled ? "user.disable" : "user.enable",
    email.toLowerCase(),
    ip,
  ]);
  return true;
}
