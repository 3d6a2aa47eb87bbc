import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** ICU root, nondeterministic (migration 1765520000000): localeCompare's order; names it deems equal tie, and the next key decides. */
const LOCALE_COMPARE = Prisma.raw("locale_compare");

/**
 * Registered accounts whose role discovery can likely use: the ones at an organisation's root
 * (where the management account sits, once a discovery placed them) or named like a
 * management or delegated-admin account, with a role and not disabled; management-like names
 * first, then by name (as localeCompare: the locale_compare collation), then as stored; at most
 * `max`. Suggestions only: any account id can be entered, so the form does not list every
 * registered account. The patterns are ASCII, matched without regard to case as the JS /i
 * flag did.
 */
export async function findDiscoveryCandidates(user: SessionUser, max: number): Promise<Array<{ id: string; name: string }>> {
  return getDb().$queryRaw<Array<{ id: string; name: string }>>`
    SELECT a.id, a.name FROM accounts a
    WHERE a.status NOT IN ('data_only', 'disabled') AND a.role_arn IS NOT NULL AND a.role_arn <> ''
      AND (a.ou_path ~ '^r-[0-9a-z]+$' OR a.name ~* 'manage|master|payer|org|root|admin|security|audit')
      AND ${accountInScope(user.scope, "a.id")}
    ORDER BY a.name ~* 'manage|master|payer' DESC, a.name COLLATE ${LOCALE_COMPARE}, a.name, a.id
    LIMIT ${max}::int`;
}
