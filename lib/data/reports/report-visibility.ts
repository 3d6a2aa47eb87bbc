import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The SQL condition (on a `reports` row aliased `r`) that a user may see the report: all
 * reports for users who see every account; otherwise only reports scoped to an explicit
 * list of accounts that lies inside the accounts the user's scope (ids, tags or OUs)
 * resolves to now, through the one scope helper. Reports scoped by tag or OU are not shown
 * to scoped users: their terms could match accounts the user cannot see. Parameters start
 * at `$first`.
 */
export function reportVisibleTo(user: SessionUser, first: number): { sql: string; params: unknown[] } {
  if (user.scope.all) return { sql: "TRUE", params: [] };
  const visible = toPgQuery(
    Prisma.sql`SELECT COALESCE(jsonb_agg(scoped_account.id), '[]'::jsonb) FROM accounts scoped_account WHERE ${accountInScope(user.scope, "scoped_account.id")}`,
  );
  const text = visible.text.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + first - 1}`);
  return {
    sql: `((r.scope->>'all')::boolean = false
            AND jsonb_array_length(COALESCE(r.scope->'tags', '[]')) = 0
            AND jsonb_array_length(COALESCE(r.scope->'ouIds', '[]')) = 0
            AND (r.scope->'accountIds') <@ (${text}))`,
    params: visible.values,
  };
}
