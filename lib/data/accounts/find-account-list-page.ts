import "server-only";
import type { SessionUser } from "@/lib/auth";
import { STALE_AFTER_HOURS, type AccountSort, type TAccountListParams } from "@/lib/data/accounts/account-list-filters";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { toAccountListRow, type AccountListDbRow } from "@/lib/data/accounts/to-account-list-row";
import { Prisma } from "@/lib/generated/prisma/client";
import { numberedPageSlice, onNumberedPage, type NumberedPageSlice } from "@/lib/data/numbered-page";

/** A registered account as the accounts list shows it: settings, latest score, last week's, findings, health. */
export interface AccountListEntry extends AccountListRow {
  weekAgoScore: number | null;
  /** Score minus last week's, rounded to one decimal (Math.round's rounding: halves up). */
  change: number | null;
  critical: number;
  high: number;
  /** Not collected in the last STALE_AFTER_HOURS hours (or never); disabled accounts are never stale. */
  stale: boolean;
  /** The role could not be assumed, or the latest collection run failed in part or in full. */
  errors: boolean;
}

/** One page of the filtered, sorted list: the shape of the console's PageSlice. */
export interface AccountListPage extends NumberedPageSlice {
  rows: AccountListEntry[];
}

export type AccountListQuery = Pick<TAccountListParams, "q" | "status" | "health" | "tag" | "ou" | "sort" | "dir">;

const ICU = Prisma.raw(`"und-x-icu"`);
/** ICU root, nondeterministic (migration 1765520000000): localeCompare's order, names it deems equal tie so the next key decides. */
const LOCALE_COMPARE = Prisma.raw("locale_compare");

/**
 * Each sort's key, compared as the list always compared them: text by UTF-16 code unit in
 * JS, here by code point (COLLATE "C"; the two differ only between characters above U+FFFF
 * and U+E000-U+FFFF); names and owners case-folded with ICU's root lower case, which is
 * String.prototype.toLowerCase's mapping (the database's libc C.UTF-8 lower() folds one
 * character at a time and misses the final sigma and İ). Critical and high are 0 without a
 * score, never missing. Over `accounts a` and `account_latest_scores s`.
 */
const CHANGE = Prisma.sql`floor((s.score::text::float8 - s.week_ago_score::text::float8) * 10 + 0.5) / 10`;
const SORT_KEYS: Record<AccountSort, Prisma.Sql> = {
  // lower(a.name COLLATE ICU), kept by a trigger (migration 1765800000000).
  name: Prisma.sql`a.name_sort_key COLLATE "C"`,
  id: Prisma.sql`a.id COLLATE "C"`,
  owner: Prisma.sql`lower(a.owner COLLATE ${ICU}) COLLATE "C"`,
  ou: Prisma.sql`a.ou_path COLLATE "C"`,
  score: Prisma.sql`s.score`,
  change: CHANGE,
  coverage: Prisma.sql`s.coverage`,
  critical: Prisma.sql`COALESCE(s.active_critical, 0)`,
  high: Prisma.sql`COALESCE(s.active_high, 0)`,
  freshness: Prisma.sql`a.last_collected_at`,
  status: Prisma.sql`a.status COLLATE "C"`,
};
/** The text keys, compared by code point where the window orders them too (a CTE's column keeps its collation, said again for the reader). */
const TEXT_SORTS: ReadonlySet<AccountSort> = new Set(["name", "id", "owner", "ou", "status"]);

/** The latest collection run's status (the one the list shows), null before the first. */
const latestRunStatus = Prisma.sql`(SELECT r.status FROM collection_runs r WHERE r.account_id = a.id ORDER BY r.started_at DESC, r.id DESC LIMIT 1)`;

/** isStale's rule on `accounts a`: not collected since `staleBefore` (or never), unless disabled or records-only. */
const isStaleSql = (staleBefore: string) =>
  Prisma.sql`(a.status NOT IN ('disabled', 'data_only') AND (a.last_collected_at IS NULL OR a.last_collected_at < ${staleBefore}::timestamptz))`;

/**
 * The list's filters as SQL over `accounts a`, with the meaning they had in JS: `q` a
 * case-folded substring of the name or the owner, or of the id; `tag` one key holding exactly
 * that text value (a number or an object under the key is no tag, as the list's tags are
 * text only); `ou` a path prefix (r-x/ou-a, matched from the root) or one OU id anywhere on
 * the path; health from isStale's and hasCollectionErrors's rules, at `now`.
 */
function filterConditions(query: AccountListQuery, staleBefore: string): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (query.q) {
    const q = query.q.toLowerCase();
    conditions.push(Prisma.sql`(strpos(a.name_sort_key, ${q}::text) > 0 OR strpos(a.id, ${q}::text) > 0
      OR strpos(lower(COALESCE(a.owner, '') COLLATE ${ICU}), ${q}::text) > 0)`);
  }
  if (query.status) conditions.push(Prisma.sql`a.status = ${query.status}`);
  if (query.health) {
    const stale = isStaleSql(staleBefore);
    const errors = Prisma.sql`(a.status = 'unreachable' OR COALESCE(${latestRunStatus} IN ('failed', 'partial'), false))`;
    conditions.push(query.health === "errors" ? errors : query.health === "stale" ? stale : Prisma.sql`(NOT ${errors} AND NOT ${stale})`);
  }
  if (query.tag) {
    const [key, ...rest] = query.tag.split("=");
    conditions.push(Prisma.sql`(jsonb_typeof(a.tags -> ${key!}::text) = 'string' AND a.tags ->> ${key!}::text = ${rest.join("=")}::text)`);
  }
  if (query.ou) {
    conditions.push(
      query.ou.includes("/") || query.ou.startsWith("r-")
        ? Prisma.sql`(a.ou_path = ${query.ou}::text OR starts_with(a.ou_path, ${`${query.ou}/`}::text))`
        : Prisma.sql`${query.ou}::text = ANY(string_to_array(a.ou_path, '/'))`,
    );
  }
  return conditions;
}

/**
 * One page of the registered accounts the user may see, filtered, sorted and cut in
 * PostgreSQL, with the number that pass the filters: the request reads `size` rows whatever
 * the number of accounts (the page, and the CSV export in batches, call this one query, so
 * the filters have one implementation). Scores and findings come from the narrow read model
 * account_latest_scores, the latest run from its index, read for the page's rows only.
 *
 * The order is the one the list had when it sorted in JS: by the sort's key in `dir`, ties
 * by account id in the same direction; rows without a value last in either direction, among
 * themselves by name (localeCompare's order, the locale_compare collation), then by name and id as
 * findAccounts listed them (the input order of the stable JS sort, for names localeCompare deemed equal).
 * The change is computed from the scores as the JS read them (a real's shortest text,
 * parsed as a double) and rounded like Math.round, so equal changes tie exactly as before.
 * `now` decides what is stale (passed in so tests can fix it). Records-only accounts are
 * not listed (see findRecordsOnlyAccounts).
 */
export async function findAccountListPage(
  user: SessionUser,
  query: AccountListQuery,
  paging: { page: number; size: number },
  now: Date = new Date(),
): Promise<AccountListPage> {
  const key = Prisma.sql`l.sort_key${Prisma.raw(TEXT_SORTS.has(query.sort) ? ` COLLATE "C"` : "")}`;
  const dir = Prisma.raw(query.dir === "desc" ? "DESC" : "ASC");
  // isStale's "more than STALE_AFTER_HOURS ago" at `now`, as one instant (timestamps are kept to the millisecond, as Dates are).
  const staleBefore = new Date(now.getTime() - STALE_AFTER_HOURS * 3_600_000).toISOString();
  const where = Prisma.join(
    [Prisma.sql`a.status <> 'data_only'`, accountInScope(user.scope, "a.id"), ...filterConditions(query, staleBefore)],
    " AND ",
  );
  const rows = await getDb().$queryRaw<
    Array<
      AccountListDbRow & {
        week_ago_score: number | null;
        change: number | null;
        critical: number;
        high: number;
        stale: boolean;
        total: bigint;
      }
    >
  >`
    WITH listed AS (
      SELECT a.id, a.name, ${SORT_KEYS[query.sort]} AS sort_key
      FROM accounts a
      LEFT JOIN account_latest_scores s ON s.account_id = a.id
      WHERE ${where}
    ), numbered AS (
      -- Only the ids and the keys are sorted; the page's rows are read whole below.
      SELECT l.id, count(*) OVER () AS total,
             row_number() OVER (
               ORDER BY l.sort_key IS NULL, ${key} ${dir},
                        CASE WHEN l.sort_key IS NULL THEN l.name END COLLATE ${LOCALE_COMPARE}, CASE WHEN l.sort_key IS NULL THEN l.name END,
                        CASE WHEN l.sort_key IS NULL THEN l.id END, l.id ${dir}
             ) AS position
      FROM listed l
    )
    SELECT a.id, a.name, a.owner, a.tags, a.ou_path, a.role_arn, a.regions, a.status, a.status_error, a.last_collected_at,
           s.score, s.coverage, s.week_ago_score, ${CHANGE} AS change,
           COALESCE(s.active_critical, 0)::int AS critical, COALESCE(s.active_high, 0)::int AS high, n.total,
           r.status AS run_status, r.started_at AS run_started_at,
           ${isStaleSql(staleBefore)} AS stale
    FROM numbered n
    JOIN accounts a ON a.id = n.id
    LEFT JOIN account_latest_scores s ON s.account_id = a.id
    LEFT JOIN LATERAL (
      SELECT status, started_at FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC, id DESC LIMIT 1
    ) r ON true
    WHERE ${onNumberedPage(Prisma.sql`n.position`, Prisma.sql`n.total`, paging)}
    ORDER BY n.position`;
  return {
    rows: rows.map((row) => ({
      ...toAccountListRow(row),
      weekAgoScore: row.week_ago_score === null ? null : Number(row.week_ago_score),
      change: row.change === null ? null : Number(row.change),
      critical: row.critical,
      high: row.high,
      stale: row.stale,
      errors: row.status === "unreachable" || row.run_status === "failed" || row.run_status === "partial",
    })),
    ...numberedPageSlice(rows.length > 0 ? Number(rows[0]!.total) : 0, rows.length, paging),
  };
}
