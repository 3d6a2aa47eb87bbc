import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The overview's sort value of the account name: its lower case (PostgreSQL's `lower` with
 * ICU's case mapping, JavaScript's toLowerCase) compared code point by code point, as the
 * JavaScript sort compared `name.toLowerCase()` with `<` before the tables were cut in SQL.
 * (JavaScript compared UTF-16 code units, which differs from code points only between a
 * character above U+FFFF and one from U+E000 to U+FFFF: emoji against full-width forms.)
 */
export const NAME_SORT_VALUE = Prisma.sql`lower(o.name COLLATE locale_compare) COLLATE "C"`;

/**
 * ORDER BY terms (without the keywords, so they also serve a window's OVER) of the
 * overview's orders, over the subquery of selectOverviewAccounts: by `value` in `dir`,
 * accounts without a value last whatever the direction (they have nothing to compare, and
 * "no score" must not pass for the best or the worst one), ties by name as
 * `String.prototype.localeCompare` orders it (the locale_compare collation, migration
 * 1765520000000), then by id. `value` is SQL the caller builds from a fixed set of columns,
 * never from input; `dir` is checked here.
 */
export function orderOverviewAccounts(value: Prisma.Sql, dir: "asc" | "desc"): Prisma.Sql {
  if (dir !== "asc" && dir !== "desc") throw new Error(`orderOverviewAccounts: not a direction: ${String(dir)}`);
  return Prisma.sql`${value} ${Prisma.raw(dir === "asc" ? "ASC" : "DESC")} NULLS LAST, o.name COLLATE locale_compare ASC, o.id ASC`;
}
