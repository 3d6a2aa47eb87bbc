import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

export interface ScopeChoices {
  /** Accounts that can be picked by id (registered ones; data-only accounts have no name to pick by). */
  accounts: Array<{ id: string; name: string }>;
  /** Every tag (key and value) on an account, with how many accounts carry it. */
  tags: Array<{ key: string; value: string; accounts: number }>;
  /**
   * Every OU (or root) id on an account's OU path, with how many accounts are below it, the
   * path to it (ids) and its name when Organizations discovery read it.
   */
  ous: Array<{ id: string; path: string; accounts: number; name?: string }>;
}

const ZStoredTags = z.record(z.string(), z.unknown()).catch({});

/**
 * What the role+scope form offers to pick from (users and SSO mappings, admins): the known
 * accounts with names, the tags that exist on accounts and the OU ids on their OU paths
 * (from Organizations discovery; accounts carry OU ids, so an OU's name, stored by discovery,
 * is shown with its id and path, which tell two OUs of one name apart). Read within the
 * reader's own scope, like every account read: only the OUs of accounts in scope are named.
 */
export async function findScopeChoices(user: SessionUser): Promise<ScopeChoices> {
  const rows = await getDb().$queryRaw<Array<{ id: string; name: string; status: string; tags: unknown; ou_path: string | null }>>`
    SELECT a.id, a.name, a.status, a.tags, a.ou_path FROM accounts a
    WHERE ${accountInScope(user.scope, "a.id")}
    ORDER BY a.name, a.id`;
  const tags = new Map<string, { key: string; value: string; accounts: number }>();
  const ous = new Map<string, { id: string; path: string; accounts: number; name?: string }>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(ZStoredTags.parse(row.tags))) {
      if (typeof value !== "string") continue;
      const id = JSON.stringify([key, value]);
      const tag = tags.get(id) ?? { key, value, accounts: 0 };
      tag.accounts += 1;
      tags.set(id, tag);
    }
    const path = (row.ou_path ?? "").split("/").filter(Boolean);
    path.forEach((ouId, index) => {
      const ou = ous.get(ouId) ?? { id: ouId, path: path.slice(0, index + 1).join(" / "), accounts: 0 };
      ou.accounts += 1;
      ous.set(ouId, ou);
    });
  }
  // Names only of the OUs found above, on the paths of the reader's own accounts.
  const names = ous.size
    ? await getDb().$queryRaw<Array<{ id: string; name: string }>>`
        SELECT id, name FROM organizational_units WHERE id = ANY(${[...ous.keys()]}::text[])`
    : [];
  for (const { id, name } of names) {
    const ou = ous.get(id);
    if (ou) ou.name = name;
  }
  return {
    accounts: rows.filter((row) => row.status !== "data_only").map((row) => ({ id: row.id, name: row.name })),
    tags: [...tags.values()].sort((a, b) => a.key.localeCompare(b.key) || a.value.localeCompare(b.value)),
    ous: [...ous.values()].sort((a, b) => a.path.localeCompare(b.path)),
  };
}
