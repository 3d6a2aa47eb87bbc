import { z } from "zod";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { hasCollectionErrors, isStale } from "../../_components/account-health";
import { zPageNumber, zPageSize } from "../../_components/paging";

/** A registered account as the accounts list shows it: settings, latest score, last week's, findings, health. */
export interface AccountListEntry extends AccountListRow {
  weekAgoScore: number | null;
  change: number | null;
  critical: number;
  high: number;
  stale: boolean;
  errors: boolean;
}

export const ACCOUNT_SORTS = ["name", "id", "owner", "score", "change", "coverage", "critical", "high", "freshness", "status"] as const;
export const ACCOUNT_HEALTH = ["errors", "stale", "ok"] as const;

/** Rows per page of the accounts list (server-side paging: the render is bounded by this, not by the accounts). */
export const ACCOUNT_PAGE_SIZE = 100;
export const ACCOUNT_PAGE_SIZE_MAX = 200;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blank = (value: unknown) => {
  const single = first(value);
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};

/** The accounts list's filters and sort, as they appear in the URL (and the CSV export's URL). */
export const ZAccountListParams = z.object({
  q: z.preprocess(blank, z.string().trim().max(200).optional()).catch(undefined),
  status: z.preprocess(blank, z.enum(["pending", "active", "unreachable", "disabled"]).optional()).catch(undefined),
  health: z.preprocess(blank, z.enum(ACCOUNT_HEALTH).optional()).catch(undefined),
  /** `key=value`, exact match on one tag. */
  tag: z
    .preprocess(
      blank,
      z
        .string()
        .regex(/^[^=]{1,128}=.{0,256}$/)
        .optional(),
    )
    .catch(undefined),
  sort: z.preprocess(blank, z.enum(ACCOUNT_SORTS).default("name")).catch("name"),
  dir: z.preprocess(blank, z.enum(["asc", "desc"]).default("asc")).catch("asc"),
  /** The page shown; the CSV export ignores it and exports the whole filtered set. */
  page: zPageNumber,
  size: zPageSize(ACCOUNT_PAGE_SIZE, ACCOUNT_PAGE_SIZE_MAX),
});
export type TAccountListParams = z.infer<typeof ZAccountListParams>;

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
    case "freshness":
      return entry.lastCollectedAt ? new Date(entry.lastCollectedAt).getTime() : null;
    case "status":
      return entry.status;
    default:
      return entry[sort];
  }
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
    .sort((a, b) => {
      const [x, y] = [sortKey(a, params.sort), sortKey(b, params.sort)];
      if (x === null && y === null) return a.name.localeCompare(b.name);
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id);
      return params.dir === "asc" ? order : -order;
    });
}

/** The URL query of the list's state (defaults left out); pass `page: 1` for links that change the order or the set. */
export function accountListQuery(params: TAccountListParams, overrides: Partial<TAccountListParams> = {}): string {
  const merged = { ...params, ...overrides };
  const query = new URLSearchParams();
  if (merged.q) query.set("q", merged.q);
  if (merged.status) query.set("status", merged.status);
  if (merged.health) query.set("health", merged.health);
  if (merged.tag) query.set("tag", merged.tag);
  if (merged.sort !== "name") query.set("sort", merged.sort);
  if (merged.dir !== "asc") query.set("dir", merged.dir);
  if (merged.page !== 1) query.set("page", String(merged.page));
  if (merged.size !== ACCOUNT_PAGE_SIZE) query.set("size", String(merged.size));
  return query.toString();
}
