import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** A filter choice: a `key=value` tag or an OU id, with the registered accounts carrying it (or under it). */
export interface FilterChoice {
  value: string;
  count: number;
  /** An OU's name from Organizations discovery, when it is known (the select shows it, with the id). */
  label?: string;
}

/** The `max` most used choices in name order, plus the current filter's when it is not among them, and how many are left out. */
export interface BoundedChoices {
  shown: FilterChoice[];
  hidden: number;
}

export interface AccountListSummary {
  /** Registered accounts (every status but data_only) in the user's scope: the list's unfiltered size. */
  registered: number;
  unreachable: number;
  disabled: number;
  /** Accounts known only from imported records (status data_only). */
  recordsOnly: number;
  /** The regions of the first registered account by name (the onboarding form's default), null without one. */
  firstRegions: string[] | null;
  tags: BoundedChoices;
  ous: BoundedChoices;
}

/** ICU root, nondeterministic (migration 1765520000000): localeCompare's order; names it deems equal tie, and the next key decides. */
const LOCALE_COMPARE = Prisma.raw("locale_compare");

/** `[{name, count, label?}]` from json_agg, as choices. */
function toChoices(value: unknown): FilterChoice[] {
  return Array.isArray(value)
    ? value.map((choice: { name: string; count: number; label?: string | null }) => ({
        value: choice.name,
        count: choice.count,
        ...(choice.label ? { label: choice.label } : {}),
      }))
    : [];
}

/**
 * What the accounts list shows besides its page, in one statement of aggregates over the
 * user's accounts, so the page carries a bounded answer whatever the number of accounts: the
 * tiles' counts, the onboarding form's default regions, and the tag and OU filters' choices.
 *
 * The choices count the registered accounts in scope (not the filtered ones, so a choice does
 * not vanish when chosen): every `key=value` text tag, and every OU on a path with the accounts
 * in it or below it. The `max` most used are kept (ties by name), shown in name order, plus
 * `current` when it is a choice but not among them, so the select shows what filters; a rarer
 * value is one click away as the link in its rows. Names compare as localeCompare did when the page
 * counted them in JS (the locale_compare collation), then by code point. An OU choice carries
 * its name when discovery read it (organizational_units), and OUs are listed by name then id.
 */
export async function findAccountListSummary(
  user: SessionUser,
  current: { tag?: string | undefined; ou?: string | undefined },
  max: number,
): Promise<AccountListSummary> {
  const [row] = await getDb().$queryRaw<
    Array<{
      registered: number;
      unreachable: number;
      disabled: number;
      records_only: number;
      first_regions: string[] | null;
      tag_total: number;
      tags: unknown;
      ou_total: number;
      ous: unknown;
    }>
  >`
    WITH scoped AS MATERIALIZED (
      SELECT a.id, a.name, a.tags, a.ou_path, a.status, a.regions FROM accounts a WHERE ${accountInScope(user.scope, "a.id")}
    ), registered AS (
      SELECT * FROM scoped WHERE status <> 'data_only'
    ), tag_counts AS (
      SELECT t.key || '=' || (t.value #>> '{}') AS name, count(*)::int AS count
      FROM registered a, jsonb_each(CASE WHEN jsonb_typeof(a.tags) = 'object' THEN a.tags ELSE '{}'::jsonb END) t
      WHERE jsonb_typeof(t.value) = 'string'
      GROUP BY 1
    ), ou_counts AS (
      SELECT o.ou AS name, count(*)::int AS count
      FROM registered a,
           LATERAL (SELECT DISTINCT segment AS ou FROM unnest(string_to_array(a.ou_path, '/')) segment WHERE starts_with(segment, 'ou-')) o
      GROUP BY 1
    ), tag_kept AS (
      SELECT name, count FROM (
        SELECT name, count, row_number() OVER (ORDER BY count DESC, name COLLATE ${LOCALE_COMPARE}, name COLLATE "C") AS rank FROM tag_counts
      ) ranked WHERE rank <= ${max}::int OR name = ${current.tag ?? null}::text
    ), ou_kept AS (
      SELECT name, count FROM (
        SELECT name, count, row_number() OVER (ORDER BY count DESC, name COLLATE ${LOCALE_COMPARE}, name COLLATE "C") AS rank FROM ou_counts
      ) ranked WHERE rank <= ${max}::int OR name = ${current.ou ?? null}::text
    )
    SELECT (SELECT count(*) FROM registered)::int AS registered,
           (SELECT count(*) FROM registered WHERE status = 'unreachable')::int AS unreachable,
           (SELECT count(*) FROM registered WHERE status = 'disabled')::int AS disabled,
           (SELECT count(*) FROM scoped WHERE status = 'data_only')::int AS records_only,
           (SELECT regions FROM registered ORDER BY name, id LIMIT 1) AS first_regions,
           (SELECT count(*) FROM tag_counts)::int AS tag_total,
           (SELECT json_agg(json_build_object('name', name, 'count', count) ORDER BY name COLLATE ${LOCALE_COMPARE}, name COLLATE "C") FROM tag_kept) AS tags,
           (SELECT count(*) FROM ou_counts)::int AS ou_total,
           (SELECT json_agg(json_build_object('name', k.name, 'count', k.count, 'label', u.name)
                            ORDER BY coalesce(u.name, k.name) COLLATE ${LOCALE_COMPARE}, k.name COLLATE "C")
              FROM ou_kept k LEFT JOIN organizational_units u ON u.id = k.name) AS ous`;
  const tags = toChoices(row!.tags);
  const ous = toChoices(row!.ous);
  return {
    registered: row!.registered,
    unreachable: row!.unreachable,
    disabled: row!.disabled,
    recordsOnly: row!.records_only,
    firstRegions: row!.first_regions,
    tags: { shown: tags, hidden: row!.tag_total - tags.length },
    ous: { shown: ous, hidden: row!.ou_total - ous.length },
  };
}
