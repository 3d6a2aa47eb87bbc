import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A Prisma.sql statement as a `pg` query ($1, $2... and their values), for statements that
 * run on a pg client inside withTransaction: they build their SQL with Prisma.sql so the
 * account scope and the audit insert have one definition whichever driver runs them.
 */
export function toPgQuery(statement: Prisma.Sql): { text: string; values: unknown[] } {
  return { text: statement.text, values: statement.values };
}
