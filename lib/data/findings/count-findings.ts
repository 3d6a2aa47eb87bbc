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

/**
 * With a text filter (title or type contains) counting stops at 1,000 instead: such a count
 * cannot be read from an index alone (the trigram index finds candidates, and each must be
 * re-checked against its row, with its status), so a broad term ("public bucket", in most
 * Security Hub titles) cost 42 ms of heap reads at 2M findings for a figure no one pages
 * through; search engines stop counting at the same order. The page says where it stopped.
 */
export const FINDINGS_TEXT_COUNT_CAP = 1_000;

/** Where the count of these filters stops (FINDINGS_TEXT_COUNT_CAP with a text filter). */
export function findingsCountCap(filters: Pick<TFindingFilters, "q" | "type">): number {
  return filters.q || filters.type ? FINDINGS_TEXT_COUNT_CAP : FINDINGS_COUNT_CAP;
}

/** How many findings match the filters in the user's scope, capped at findingsCountCap(filters) (+1 means "more"). */
export async function countFindings(user: SessionUser, filters: TFindingFilters): Promise<{ count: number; isCapped: boolean }> {
  const cap = findingsCountCap(filters);
  const rows = await getDb().$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM findings f WHERE ${buildFindingsWhere(user, filters)} LIMIT ${cap + 1}
    ) matched`;
  const count = rows[0]?.n ?? 0;
  return { count: Math.min(count, cap), isCapped: count > cap };
}
