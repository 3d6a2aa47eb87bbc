import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { TAuditFilters } from "@/lib/data/audit/audit-filters";

export interface AuditEntryRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: unknown;
}

/** Newest first, keyset by id; admins only (the log names every user and what they did). */
export async function findAuditEntries(
  user: SessionUser,
  filters: TAuditFilters,
  options: { limit?: number } = {},
): Promise<{ rows: AuditEntryRow[]; nextBefore: string | null }> {
  if (user.role !== "admin") throw new AppError("FORBIDDEN", "only admins can read the audit log");
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 5000);
  const where: Prisma.AuditLogWhereInput = {
    ...(filters.actor ? { actorEmail: filters.actor } : {}),
    ...(filters.action ? (filters.action.endsWith(".") ? { action: { startsWith: filters.action } } : { action: filters.action }) : {}),
    ...(filters.target ? { target: filters.target } : {}),
    ...(filters.ip ? { ip: filters.ip } : {}),
    ...(filters.before ? { id: { lt: BigInt(filters.before) } } : {}),
  };
  if (filters.from || filters.to) {
    where.at = {
      ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
      ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) } : {}),
    };
  }
  const rows = await getDb().auditLog.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  const page = rows.slice(0, limit).map((row) => ({
    id: row.id.toString(),
    at: row.at,
    actorEmail: row.actorEmail,
    action: row.action,
    target: row.target,
    ip: row.ip,
    detail: row.detail,
  }));
  return { rows: page, nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
