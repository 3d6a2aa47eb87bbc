import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";

/** `%`, `_` and `\` typed by a user are literal characters in a LIKE pattern. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/**
 * The WHERE clause shared by the explorer, its count and the CSV export (alias `f` for
 * findings), with the user's account scope inside it. An unscoped user gets no account
 * condition at all, so the planner can use the (status, severity) index.
 */
export function buildFindingsWhere(user: SessionUser, filters: TFindingFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  conditions.push(accountInScope(user.scope, "f.account_id"));
  if (filters.account.length > 0) conditions.push(Prisma.sql`f.account_id = ANY(${filters.account}::text[])`);
  if (filters.status !== "all") conditions.push(Prisma.sql`f.status = ${filters.status}`);
  if (filters.source.length > 0) conditions.push(Prisma.sql`f.source = ANY(${filters.source}::text[])`);
  if (filters.severity.length > 0) conditions.push(Prisma.sql`f.severity_label = ANY(${filters.severity}::text[])`);
  if (filters.control) conditions.push(Prisma.sql`f.control_id = ${filters.control}`);
  if (filters.region.length > 0) conditions.push(Prisma.sql`f.region = ANY(${filters.region}::text[])`);
  if (filters.type) conditions.push(Prisma.sql`f.type ILIKE ${likeContains(filters.type)}`);
  if (filters.q) conditions.push(Prisma.sql`f.title ILIKE ${likeContains(filters.q)}`);
  if (!filters.copies) conditions.push(Prisma.sql`f.linked_guardduty_id IS NULL`);
  if (!filters.passed) conditions.push(Prisma.sql`(f.compliance_status IS NULL OR f.compliance_status <> 'PASSED')`);
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ");
}
