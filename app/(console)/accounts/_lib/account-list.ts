import { z } from "zod";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { hasCollectionErrors, isStale } from "../../_components/account-health";

/** A registered account as the accounts list shows it: settings, latest score, last week's, findings, health. */
export interface AccountListEntry extends AccountListRow {
  weekAgoScore: number | null;
  change: number | null;
  critical: number;
  high: number;
  stale: boolean;
  errors: boolean;
}

export const ACCOUNT_SORTS = [
  "name",
  "id",
  "owner",
  "ou",
  "score",
  "change",
  "coverage",
  "critical",
  "high",
  "freshness",
  "status",
] as const;
export const ACCOUNT_HEALTH = ["errors", "stale", "ok"] as const;

/**
 * Rows per page of the accounts list (server-side paging: the render is bounded by this, not
 * by the accounts). 25, the default of the AWS consoles and most tools: each row carries its
 * tags editor and actions, so the page's size and render grow with this number; 10 to 200 are
 * offered next to the pager (`size` in the URL), and the CSV export has every account.
 */
export const ACCOUNT_PAGE_SIZE = 25;
export const ACCOUNT_PAGE_SIZE_MAX = 200;
export const ACCOUNT_PAGE_SIZES = [10, 25, 50, 100, 200] as const;
/** At most this many choices in the tag and OU filters: the most used ones (the others are a link in their rows). */
export const FILTER_CHOICES_MAX = 30;
/** At most this many suggested discovery sources (any account id can be typed). */
export const DISCOVERY_CANDIDATES_MAX = 8;
const PAGE_MESSAGE = "must be a whole number of 1 or more";
const SIZE_MESSAGE = `must be a whole number from 1 to ${ACCOUNT_PAGE_SIZE_MAX} (the CSV export has every account)`;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blank = (value: unknown) => {
  const single = first(value);
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const ACCOUNT_STATUSES = ["pending", "active", "unreachable", "disabled"] as const;

/**
 * The accounts list's filters and sort, as they appear in the URL (and the CSV export's URL).
 * A bad value is refused with a message naming the parameter, not dropped: a dropped
 * `health=` or `tag=` would list (or export) every account as if they were the ones asked for.
 */
export const ZAccountListParams = z.object({
  q: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(200, "must be at most 200 characters")
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  status: z.preprocess(blank, z.enum(ACCOUNT_STATUSES, { error: oneOf(ACCOUNT_STATUSES) }).optional()),
  health: z.preprocess(blank, z.enum(ACCOUNT_HEALTH, { error: oneOf(ACCOUNT_HEALTH) }).optional()),
  /** `key=value`, exact match on one tag. */
  tag: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[^=]{1,128}=.{0,256}$/, "a tag filter is key=value")
      // AWS tags hold no control characters, and a NUL would fail the audited export's jsonb detail.
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  /** An OU id or path prefix: the accounts in that OU or below it. */
  ou: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})(\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}){0,5}$/,
        "must be an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a path of them",
      )
      .optional(),
  ),
  sort: z.preprocess(blank, z.enum(ACCOUNT_SORTS, { error: oneOf(ACCOUNT_SORTS) }).default("name")),
  dir: z.preprocess(blank, z.enum(["asc", "desc"], { error: oneOf(["asc", "desc"]) }).default("asc")),
  /** The page shown (past the last one shows the last one); the CSV export ignores it and exports the whole filtered set. */
  page: z.preprocess(
    blank,
    z.coerce.number({ error: PAGE_MESSAGE }).int(PAGE_MESSAGE).min(1, PAGE_MESSAGE).max(1_000_000, PAGE_MESSAGE).default(1),
  ),
  /** Rows per page, capped: the page size is what bounds the render. */
  size: z.preprocess(
    blank,
    z.coerce
      .number({ error: SIZE_MESSAGE })
      .int(SIZE_MESSAGE)
      .min(1, SIZE_MESSAGE)
      .max(ACCOUNT_PAGE_SIZE_MAX, SIZE_MESSAGE)
      .default(ACCOUNT_PAGE_SIZE),
  ),
});
export type TAccountListParams = z.infer<typeof ZAccountListParams>;

/** Reads the list's parameters (first value wins, others ignored); throws an INVALID_INPUT AppError naming each bad one. */
export function parseAccountListParams(params: QueryParams): TAccountListParams {
  return parseQueryParams(ZAccountListParams, params);
}

/** Joins the settings rows with the overview rows (same scope) into list entries; records-only accounts are left out. */
export function buildAccountList(accounts: AccountListRow[], overview: AccountOverviewRow[], now: Date = new Date()): AccountListEntry[] {
  const byId = new Map(overview.map((row) => [row.id, row]));
  return accounts
    .filter((account) => account.status !== "data_only")
    .map((account) => {
      const row = byId.get(account.id);
      const weekAgoScore = row?.weekAgoScore ?? null;
      return {
        ...account,
        weekAgoScore,
        change: account.score === null || weekAgoScore === null ? null : Math.round((account.score - weekAgoScore) * 10) / 10,
        critical: row?.critical ?? 0,
        high: row?.high ?? 0,
        stale: isStale(account, now),
        errors: hasCollectionErrors(account),
      };
    });
}

function sortKey(entry: AccountListEntry, sort: TAccountListParams["sort"]): string | number | null {
  switch (sort) {
    case "name":
      return entry.name.toLowerCase();
    case "id":
      return entry.id;
    case "owner":
      return entry.owner?.toLowerCase() ?? null;
    case "ou":
      return entry.ouPath;
    case "freshness":
      return entry.lastCollectedAt ? new Date(entry.lastCollectedAt).getTime() : null;
    case "status":
      return entry.status;
    default:
      return entry[sort];
  }
}

/** In the OU or below it: `ou` is a path prefix (r-x/ou-a) or one OU id anywhere on the path. */
export function isUnderOu(ouPath: string | null, ou: string): boolean {
  if (!ouPath) return false;
  const segments = ouPath.split("/");
  if (ou.includes("/") || ou.startsWith("r-")) return ouPath === ou || ouPath.startsWith(`${ou}/`);
  return segments.includes(ou);
}

/** Every OU on the accounts' paths (the filter's choices), each with the number of accounts in it or below it. */
export function ouChoices(entries: AccountListEntry[]): Array<{ ou: string; count: number }> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const ou of new Set(entry.ouPath?.split("/").filter((segment) => segment.startsWith("ou-")) ?? [])) {
      counts.set(ou, (counts.get(ou) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ou, count]) => ({ ou, count }));
}

/** Every `key=value` tag on the list, with the accounts carrying it. */
export function tagChoices(entries: AccountListEntry[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const [key, value] of Object.entries(entry.tags)) counts.set(`${key}=${value}`, (counts.get(`${key}=${value}`) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, count]) => ({ tag, count }));
}

/**
 * The `max` most used choices (ties by name), in name order, plus `current` when it is not
 * among them, so a select shows what filters. A filter's options must not grow with the
 * accounts (a tag per account would be 500 options, twice in the page: HTML and flight data);
 * a rarer value is one click away as the link in its rows.
 */
export function limitChoices<T extends { count: number }>(
  choices: T[],
  name: (choice: T) => string,
  max: number,
  current?: string,
): { shown: T[]; hidden: number } {
  const kept = new Set(
    [...choices]
      .sort((a, b) => b.count - a.count || name(a).localeCompare(name(b)))
      .slice(0, max)
      .map(name),
  );
  const shown = choices.filter((choice) => kept.has(name(choice)) || name(choice) === current);
  return { shown, hidden: choices.length - shown.length };
}

/**
 * Registered accounts whose role discovery can likely use: the ones at an organisation's root
 * (where the management account sits, once a discovery placed them) or named like a
 * management or delegated-admin account, at most `max`. Suggestions only: any account id can
 * be entered, so the form does not list every registered account.
 */
export function discoveryCandidates(accounts: AccountListRow[], max: number): Array<{ id: string; name: string }> {
  const isLikely = (account: AccountListRow) =>
    /^r-[0-9a-z]+$/.test(account.ouPath ?? "") || /manage|master|payer|org|root|admin|security|audit/i.test(account.name);
  return accounts
    .filter((account) => account.roleArn && account.status !== "disabled" && isLikely(account))
    .sort(
      (a, b) => Number(/manage|master|payer/i.test(b.name)) - Number(/manage|master|payer/i.test(a.name)) || a.name.localeCompare(b.name),
    )
    .slice(0, max)
    .map((account) => ({ id: account.id, name: account.name }));
}

/** Filters and sorts; rows without a value for the sort column go last in either direction. */
export function filterAccountList(entries: AccountListEntry[], params: TAccountListParams): AccountListEntry[] {
  const q = params.q?.toLowerCase();
  const [tagKey, ...tagRest] = params.tag?.split("=") ?? [];
  const tagValue = tagRest.join("=");
  return entries
    .filter((entry) => !q || entry.name.toLowerCase().includes(q) || entry.id.includes(q) || (entry.owner ?? "").toLowerCase().includes(q))
    .filter((entry) => !params.status || entry.status === params.status)
    .filter(
      (entry) =>
        !params.health ||
        (params.health === "errors" ? entry.errors : params.health === "stale" ? entry.stale : !entry.errors && !entry.stale),
    )
    .filter((entry) => !params.tag || entry.tags[tagKey!] === tagValue)
    .filter((entry) => !params.ou || isUnderOu(entry.ouPath, params.ou))
    .sort((a, b) => {
      const [x, y] = [sortKey(a, params.sort), sortKey(b, params.sort)];
      if (x === null && y === null) return a.name.localeCompare(b.name);
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id);
      return params.dir === "asc" ? order : -order;
    });
}

/** The URL query of the list's state (defaults left out). */
export function accountListQuery(params: TAccountListParams, overrides: Partial<TAccountListParams> = {}): string {
  const merged = { ...params, ...overrides };
  const query = new URLSearchParams();
  if (merged.q) query.set("q", merged.q);
  if (merged.status) query.set("status", merged.status);
  if (merged.health) query.set("health", merged.health);
  if (merged.tag) query.set("tag", merged.tag);
  if (merged.ou) query.set("ou", merged.ou);
  if (merged.sort !== "name") query.set("sort", merged.sort);
  if (merged.dir !== "asc") query.set("dir", merged.dir);
  if (merged.page !== 1) query.set("page", String(merged.page));
  if (merged.size !== ACCOUNT_PAGE_SIZE) query.set("size", String(merged.size));
  return query.toString();
}
