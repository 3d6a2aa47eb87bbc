import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { mapSsoGroups, type SsoMapping } from "@/lib/auth/sso/map-sso-groups";
import { isSameScope, storedScopeOf, scopeOfAccess } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";

export interface SsoIdentity {
  subject: string;
  email: string | null;
  emailVerified: unknown;
  name: string | null;
  groups: string[];
}

export type SsoRefusal = "no-email" | "no-group" | "local-account" | "disabled";

export type SsoSignIn =
  { isOk: true; user: { id: string; email: string; name: string | null; sessionVersion: number } } | { isOk: false; reason: SsoRefusal };

/**
 * A user the identity provider vouched for: refused unless one of their groups is mapped,
 * then created on first sign-in (just in time) or updated, with role and scope from the
 * mappings (the IdP is the source of truth for SSO users, so a group removed there narrows
 * access at the next sign-in). A local account with the same e-mail is not taken over: the
 * break-glass admin must not become whatever the IdP says. Every outcome is audited.
 */
export async function signInSsoUser(identity: SsoIdentity, ip: string | null): Promise<SsoSignIn> {
  const db = getDb();
  const email = identity.email?.trim().toLowerCase() ?? "";
  const refuse = async (reason: SsoRefusal): Promise<SsoSignIn> => {
    await createAuditEntry(
      {
        actorEmail: email || null,
        action: "auth.login-failed",
        target: email || identity.subject,
        ip,
        detail: { method: "sso", reason, subject: identity.subject, groups: identity.groups.slice(0, 50) },
      },
      db,
    );
    return { isOk: false, reason };
  };
  // An IdP that says the address is unverified is not vouching for it.
  if (!email || !email.includes("@") || email.length > 320 || identity.emailVerified === false) return refuse("no-email");
  const rows = await db.ssoGroupMapping.findMany({ where: { groupName: { in: identity.groups } } });
  const access = mapSsoGroups(
    identity.groups,
    // Through the stored-scope reader: a tag or OU that no longer validates narrows, never widens.
    rows.map((row) => ({ groupName: row.groupName, role: row.role as SsoMapping["role"], ...storedScopeOf(row) })),
  );
  if (!access) return refuse("no-group");
  const existing = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      authSource: true,
      disabled: true,
      role: true,
      allAccounts: true,
      accountScope: true,
      scopeTags: true,
      scopeOus: true,
    },
  });
  if (existing && existing.authSource !== "sso") return refuse("local-account");
  if (existing?.disabled) return refuse("disabled");
  const data = {
    role: access.role,
    allAccounts: access.allAccounts,
    accountScope: access.accountScope,
    scopeTags: access.scopeTags,
    scopeOus: access.scopeOus,
    lastLoginAt: new Date(),
    name: identity.name?.slice(0, 200) ?? null,
  };
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data, select: { id: true, email: true, name: true, sessionVersion: true } })
    : await db.user.create({
        data: { ...data, email, authSource: "sso", passwordHash: null },
        select: { id: true, email: true, name: true, sessionVersion: true },
      });
  if (!existing) {
    await createAuditEntry(
      {
        actorEmail: "sso",
        action: "user.create",
        target: email,
        ip,
        detail: {
          source: "sso",
          role: access.role,
          ...scopeOfAccess(access),
          groups: access.matchedGroups,
        },
      },
      db,
    );
  } else if (existing.role !== access.role || !isSameScope(storedScopeOf(existing), access)) {
    await createAuditEntry(
      {
        actorEmail: "sso",
        action: "user.access-from-groups",
        target: email,
        ip,
        detail: {
          from: { role: existing.role, ...storedScopeOf(existing) },
          to: { role: access.role, ...scopeOfAccess(access) },
          groups: access.matchedGroups,
        },
      },
      db,
    );
  }
  await createAuditEntry(
    {
      actorEmail: email,
      action: "auth.login",
      target: email,
      ip,
      detail: { method: "sso", groups: access.matchedGroups, role: access.role },
    },
    db,
  );
  return { isOk: true, user };
}
