import type { AdjustedStatus } from "./types";

/** Credit in [0, 1] of a status, or null when it carries no evidence (no_data, not_applicable). */
export function computeItemCredit(result: AdjustedStatus): number | null {
  switch (result.status) {
    case "pass":
      return 1;
    case "fail":
      return 0;
    case "partial":
      return result.total !== undefined && result.total > 0 ? (result.passing ?? 0) / result.total : 0;
    default:
      return null;
  }
}
