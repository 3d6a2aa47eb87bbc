import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { buildFindingsWhere } from "@/lib/data/findings/build-findings-where";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";

/**
 * Counting stops here: past it the explorer shows "10,000+" and says the count stopped. A
 * page of 50 does not need a larger exact figure, and reading up to 100,000 matching rows
 * (the cap before) was most of a broad filter's cost at 2M findings (bench/README.md);
 * the CSV export and the JSON API still return every row.
 */
export const FINDINGS_COUNT_CAP = 10_000;

/** How many findings match the filters in the user's scope, capped at FINDINGS_COUNT_CAP (+1 means "more"). */
export async function countFindings(user: SessionUser, filters: TFindingFilters): Promise<{ count: number; isCapped: boolean }> {
  const rows = await getDb().$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM findings f WHERE ${buildFindingsWhere(user, filters)} LIMIT ${FINDINGS_COUNT_CAP + 1}
    ) matched`;
  const count = rows[0]?.n ?? 0;
  return { count: Math.min(count, FINDINGS_COUNT_CAP), isCapped: count > FINDINGS_COUNT_CAP };
}
