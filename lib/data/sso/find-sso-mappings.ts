import "server-only";
import type { SessionUser } from "@/lib/auth";
import { storedScopeOf } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface SsoMappingRow {
  id: string;
  groupName: string;
  role: string;
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
  createdAt: Date;
  createdBy: string;
}

/** The group mappings, for the single sign-on settings page (admins). */
export async function findSsoMappings(actor: SessionUser): Promise<SsoMappingRow[]> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can read single sign-on mappings");
  const rows = await getDb().ssoGroupMapping.findMany({ orderBy: { groupName: "asc" } });
  return rows.map((row) => ({
    id: row.id.toString(),
    groupName: row.groupName,
    role: row.role,
    ...storedScopeOf(row),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  }));
}
