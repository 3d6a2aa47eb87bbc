import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";

/**
 * Which accounts a user (or, later, an SSO group mapping or an API token) may see. An
 * account is in scope when its id is listed, OR it carries any listed tag (exact key and
 * value), OR any listed OU id is on its Organizations OU path. `all` sees everything.
 * Queries never test this by hand: lib/data/scope/account-in-scope.ts turns it into the
 * WHERE condition, so a new kind of scope changes one file, not every query.
 */
export type AccountScope =
  { all: true } | { all: false; accountIds: string[]; tags: Array<{ key: string; value: string }>; ouIds: string[] };

/** A scope that matches no account: an empty console, never an error and never everything. */
export const NO_ACCOUNTS: AccountScope = { all: false, accountIds: [], tags: [], ouIds: [] };

/** The stored form (users, SSO mappings), validated at every boundary that reads or writes one. */
export const ZScopeTag = z.object({ key: z.string().trim().min(1).max(128), value: z.string().max(256) }).strict();
export const ZOuId = z
  .string()
  .regex(/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/, "expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
export const ZAccountScope = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      all: z.literal(false),
      accountIds: z.array(ZAccountId).default([]),
      tags: z.array(ZScopeTag).default([]),
      ouIds: z.array(ZOuId).default([]),
    })
    .strict(),
]);

/** The columns of a `users` row that decide its scope. */
export interface UserScopeColumns {
  role: string;
  allAccounts: boolean;
  accountScope: string[] | null;
  /** jsonb `[{ key, value }]`; validated here because stored rows outlive the code that wrote them. */
  scopeTags: unknown;
  scopeOus: string[] | null;
}

/**
 * A user's scope from their row: admins and `all_accounts` users see everything; anyone
 * else sees the accounts their ids, tags and OUs name. A stored tag or OU that no longer
 * validates is dropped (it narrows the scope, never widens it).
 */
export function buildUserScope(row: UserScopeColumns): AccountScope {
  if (row.role === "admin" || row.allAccounts) return { all: true };
  const tags = z
    .array(z.unknown())
    .catch([])
    .parse(row.scopeTags)
    .flatMap((tag) => {
      const parsed = ZScopeTag.safeParse(tag);
      return parsed.success ? [parsed.data] : [];
    });
  const ouIds = (row.scopeOus ?? []).filter((id) => ZOuId.safeParse(id).success);
  return { all: false, accountIds: row.accountScope ?? [], tags, ouIds };
}
