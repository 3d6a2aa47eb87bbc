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
 * `column = value` for one chosen value, `column = ANY(values)` for several. Same rows; but
 * PostgreSQL only keeps an index's order past an equality, so with one account (or one
 * severity) the explorer's keyset sort walks (account_id, status, severity, id) in order and
 * stops after a page, where `= ANY` read and sorted every match (bench/README.md).
 */
function oneOrAny(column: Prisma.Sql, values: string[]): Prisma.Sql {
  return values.length === 1 ? Prisma.sql`${column} = ${values[0]}` : Prisma.sql`${column} = ANY(${values}::text[])`;
}

/**
 * The WHERE clause shared by the explorer, its count and the CSV export (alias `f` for
 * findings), with the user's account scope inside it. An unscoped user gets no account
 * condition at all, so the planner can use the (status, severity) index.
 */
export function buildFindingsWhere(user: SessionUser, filters: TFindingFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  conditions.push(accountInScope(user.scope, "f.account_id"));
  if (filters.account.length > 0) conditions.push(oneOrAny(Prisma.sql`f.account_id`, filters.account));
  if (filters.status !== "all") conditions.push(Prisma.sql`f.status = ${filters.status}`);
  if (filters.source.length > 0) conditions.push(oneOrAny(Prisma.sql`f.source`, filters.source));
  if (filters.severity.length > 0) conditions.push(oneOrAny(Prisma.sql`f.severity_label`, filters.severity));
  if (filters.control) conditions.push(Prisma.sql`f.control_id = ${filters.control}`);
  if (filters.region.length > 0) conditions.push(oneOrAny(Prisma.sql`f.region`, filters.region));
  if (filters.type) conditions.push(Prisma.sql`f.type ILIKE ${likeContains(filters.type)}`);
  if (filters.q) conditions.push(Prisma.sql`f.title ILIKE ${likeContains(filters.q)}`);
  if (!filters.copies) conditions.push(Prisma.sql`f.linked_guardduty_id IS NULL`);
  if (!filters.passed) conditions.push(Prisma.sql`(f.compliance_status IS NULL OR f.compliance_status <> 'PASSED')`);
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ");
}
