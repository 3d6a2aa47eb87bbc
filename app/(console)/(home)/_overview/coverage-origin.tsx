import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { formatTime } from "../../_components/format";

/** What stands under a coverage figure: how old the evidence is, whether it was imported, and how much went stale; null when nothing. */
export function describeCoverageOrigin(account: Pick<AccountOverviewRow, "evidenceAsOf" | "importedAsOf" | "staleSources">): string | null {
  const parts: string[] = [];
  if (account.importedAsOf) parts.push(`imported as of ${formatTime(account.importedAsOf)}`);
  else if (account.evidenceAsOf) parts.push(`as of ${formatTime(account.evidenceAsOf)}`);
  if (account.staleSources > 0) parts.push(`${account.staleSources} stale`);
  return parts.length === 0 ? null : parts.join(" · ");
}
