import type { OverviewTableAccount } from "@/lib/data/overview/select-overview-table-page";
import { formatTime } from "../../_components/format";
import { describeCoverageOrigin } from "./coverage-origin";

export type { OverviewTableSortKey } from "@/lib/data/overview/overview-sorts";

/**
 * One row of the overview's accounts table as the (client) table gets it: the figures and
 * the texts made on the server (times in UTC as everywhere), so the flight payload carries
 * these ~300 bytes instead of the rendered row.
 */
export interface OverviewTableRow {
  id: string;
  name: string;
  score: number | null;
  coverage: number | null;
  /** How old the coverage's evidence is (see describeCoverageOrigin). */
  origin: string | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  collected: string;
  collection: "unreachable" | "failed" | "ok" | "pending";
  failedSteps: number;
  error: string | null;
}

export function toOverviewTableRow(account: OverviewTableAccount): OverviewTableRow {
  return {
    id: account.id,
    name: account.name,
    score: account.score,
    coverage: account.coverage,
    origin: describeCoverageOrigin(account),
    critical: account.critical,
    high: account.high,
    medium: account.medium,
    low: account.low,
    collected: formatTime(account.lastCollectedAt),
    collection:
      account.status === "unreachable" ? "unreachable" : account.failedSteps > 0 ? "failed" : account.lastCollectedAt ? "ok" : "pending",
    failedSteps: account.failedSteps,
    error: account.statusError,
  };
}
