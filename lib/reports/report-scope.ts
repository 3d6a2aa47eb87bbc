import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";

/**
 * The accounts a report covers. Same shape as the AccountScope contract
 * (lib/auth/account-scope.ts, owned by access control): ids, tags (exact key and value) and
 * OU ids, or everything. Stored as jsonb on the report and the schedule.
 */
export type ReportScope =
  { all: true } | { all: false; accountIds: string[]; tags: Array<{ key: string; value: string }>; ouIds: string[] };

export const ZReportScope: z.ZodType<ReportScope> = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      all: z.literal(false),
      accountIds: z.array(ZAccountId).max(5000),
      tags: z
        .array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) }))
        .max(100)
        .default([]),
      ouIds: z
        .array(z.string().regex(/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/, "OU ids look like ou-abcd-12345678"))
        .max(100)
        .default([]),
    })
    .strict(),
]) as z.ZodType<ReportScope>;

export const ORG_SCOPE: ReportScope = { all: true };

/** A canonical text for a scope (sorted, deduplicated): reports of the same scope and week are versions of one report. */
export function scopeKey(scope: ReportScope): string {
  if (scope.all) return "all";
  const ids = [...new Set(scope.accountIds)].sort();
  const tags = [...new Set(scope.tags.map((tag) => `${tag.key}=${tag.value}`))].sort();
  const ous = [...new Set(scope.ouIds)].sort();
  return (
    [ids.length ? `accounts:${ids.join(",")}` : "", tags.length ? `tags:${tags.join(",")}` : "", ous.length ? `ous:${ous.join(",")}` : ""]
      .filter(Boolean)
      .join(";") || "none"
  );
}

/** For people: "Whole organisation" or "2 accounts: 111..., 222...". */
export function describeScope(scope: ReportScope): string {
  if (scope.all) return "Whole organisation";
  const parts: string[] = [];
  if (scope.accountIds.length)
    parts.push(
      `${scope.accountIds.length} account${scope.accountIds.length === 1 ? "" : "s"} (${scope.accountIds.slice(0, 4).join(", ")}${scope.accountIds.length > 4 ? ", ..." : ""})`,
    );
  if (scope.tags.length) parts.push(`tag ${scope.tags.map((tag) => `${tag.key}=${tag.value}`).join(" or ")}`);
  if (scope.ouIds.length) parts.push(`OU ${scope.ouIds.join(" or ")}`);
  return parts.length ? parts.join(" or ") : "No accounts";
}

/**
 * Parses the CLI's `--scope`: `all`, `accounts:ID,ID`, `tag:KEY=VALUE`, `ou:ID`; several
 * joined with `;` widen the scope (an account matches any of them).
 */
export function parseScopeText(text: string): ReportScope {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "all") return ORG_SCOPE;
  const scope = {
    all: false as const,
    accountIds: [] as string[],
    tags: [] as Array<{ key: string; value: string }>,
    ouIds: [] as string[],
  };
  for (const part of trimmed
    .split(";")
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const [kind, ...rest] = part.split(":");
    const value = rest.join(":");
    if (kind === "accounts" || kind === "account")
      scope.accountIds.push(
        ...value
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      );
    else if (kind === "tag") {
      const eq = value.indexOf("=");
      if (eq <= 0) throw new Error(`scope "${part}": a tag is tag:KEY=VALUE`);
      scope.tags.push({ key: value.slice(0, eq), value: value.slice(eq + 1) });
    } else if (kind === "ou")
      scope.ouIds.push(
        ...value
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      );
    else throw new Error(`scope "${part}": expected all, accounts:ID,ID, tag:KEY=VALUE or ou:ID`);
  }
  const parsed = ZReportScope.safeParse(scope);
  if (!parsed.success) throw new Error(`scope "${text}": ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  return parsed.data;
}

/** The access of a user as a report scope: admins and all-account users see the whole org. */
export function userReportScope(user: { scope: ReportScope }): ReportScope {
  return user.scope.all ? ORG_SCOPE : user.scope;
}

/**
 * Whether every account `inner` can match is certainly inside `outer`, judged on the scopes
 * themselves (not on today's accounts, which change): an account list inside the user's
 * list, or the same tag/OU terms the user holds. Anything unsure is "no": a user never
 * reads a report that might hold an account they cannot see.
 */
export function isScopeWithin(inner: ReportScope, outer: ReportScope): boolean {
  if (outer.all) return true;
  if (inner.all) return false;
  const ids = new Set(outer.accountIds);
  const tags = new Set(outer.tags.map((tag) => `${tag.key}\u0000${tag.value}`));
  const ous = new Set(outer.ouIds);
  return (
    inner.accountIds.every((id) => ids.has(id)) &&
    inner.tags.every((tag) => tags.has(`${tag.key}\u0000${tag.value}`)) &&
    inner.ouIds.every((ou) => ous.has(ou))
  );
}
