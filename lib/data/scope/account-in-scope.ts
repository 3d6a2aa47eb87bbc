import "server-only";
import type { AccountScope } from "@/lib/auth/account-scope";
import { Prisma } from "@/lib/generated/prisma/client";

/** A column reference such as `account_id` or `f.account_id`; anything else is a programming error. */
const COLUMN = /^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;

/**
 * The one account-scope condition of every query: true when `column` (an account id column
 * of any table) names an account the scope covers. An unscoped user gets the constant
 * TRUE, which PostgreSQL folds away, so the planner sees no account condition and keeps
 * the indexes it would use without scoping; a scope that matches nothing is FALSE (an empty
 * result, never an error, never everything). Raw `pg` statements use it through
 * toPgQuery, so both query styles share this definition.
 */
export function accountInScope(scope: AccountScope, column: string): Prisma.Sql {
  if (!COLUMN.test(column)) throw new Error(`accountInScope: not a column reference: ${column}`);
  if (scope.all) return Prisma.sql`TRUE`;
  const ref = Prisma.raw(column);
  const alternatives: Prisma.Sql[] = [];
  if (scope.accountIds.length > 0) alternatives.push(Prisma.sql`${ref} = ANY(${scope.accountIds}::text[])`);
  // Tags and OUs are properties of the account, so they are resolved against `accounts`
  // whatever table the column belongs to: one small subquery (accounts number in the
  // hundreds), planned once per statement as a hashed set.
  const byAccount: Prisma.Sql[] = [];
  if (scope.tags.length > 0) {
    byAccount.push(Prisma.sql`EXISTS (SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(scope.tags)}::jsonb) AS wanted(key text, value text)
      WHERE scoped.tags ->> wanted.key = wanted.value)`);
  }
  if (scope.ouIds.length > 0) byAccount.push(Prisma.sql`string_to_array(scoped.ou_path, '/') && ${scope.ouIds}::text[]`);
  if (byAccount.length > 0)
    alternatives.push(Prisma.sql`${ref} IN (SELECT scoped.id FROM accounts scoped WHERE ${Prisma.join(byAccount, " OR ")})`);
  if (alternatives.length === 0) return Prisma.sql`FALSE`;
  return alternatives.length === 1 ? alternatives[0]! : Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}
