import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";

/**
 * The SQL condition (on a `reports` row aliased `r`) that a user may see the report: all
 * reports for admins and all-account users; otherwise only reports scoped to an explicit
 * list of accounts that lies inside the user's own list (no tag or OU terms, which could
 * match accounts the user cannot see). Parameters start at `$first`.
 */
export function reportVisibleTo(user: SessionUser, first: number): { sql: string; params: unknown[] } {
  const scope = accountScopeOf(user);
  return {
    sql: `($${first}::boolean OR ((r.scope->>'all')::boolean = false
            AND jsonb_array_length(COALESCE(r.scope->'tags', '[]')) = 0
            AND jsonb_array_length(COALESCE(r.scope->'ouIds', '[]')) = 0
            AND (r.scope->'accountIds') <@ to_jsonb($${first + 1}::text[])))`,
    params: [scope.all, scope.ids],
  };
}
