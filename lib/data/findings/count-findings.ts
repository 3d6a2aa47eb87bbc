import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { buildFindingsWhere } from "@/lib/data/findings/build-findings-where";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";

/** Counting stops here: "100,000+" is as useful as an exact figure and stays fast on millions of rows. */
export const FINDINGS_COUNT_CAP = 100_000;

/** How many findings match the filters in the user's scope, capped at FINDINGS_COUNT_CAP (+1 means "more"). */
export async function countFindings(user: SessionUser, filters: TFindingFilters): Promise<{ count: number; isCapped: boolean }> {
  const rows = await getDb().$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM findings f WHERE ${buildFindingsWhere(user, filters)} LIMIT ${FINDINGS_COUNT_CAP + 1}
    ) matched`;
  const count = rows[0]?.n ?? 0;
  return { count: Math.min(count, FINDINGS_COUNT_CAP), isCapped: count > FINDINGS_COUNT_CAP };
}
