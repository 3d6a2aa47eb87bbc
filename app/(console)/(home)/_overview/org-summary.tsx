import type { OrgScorePoint } from "@/lib/data/overview/find-org-score-trend";
import type { OverviewSummary } from "@/lib/data/overview/select-overview-tiles";
import { STALE_AFTER_HOURS } from "../../_components/account-health";
import { formatDelta, formatPercent, formatScore } from "../../_components/format";
import { Tile } from "../../_components/tile";

const SEVERITIES = [
  { key: "critical", label: "Critical", param: "CRITICAL" },
  { key: "high", label: "High", param: "HIGH" },
  { key: "medium", label: "Medium", param: "MEDIUM" },
  { key: "low", label: "Low", param: "LOW" },
] as const;

/** The org score a week before today's point (the nearest earlier day with a score), for the trend. */
function weekAgo(trend: OrgScorePoint[]): OrgScorePoint | null {
  const today = trend.at(-1);
  if (!today) return null;
  const cutoff = new Date(`${today.day}T00:00:00Z`).getTime() - 7 * 86_400_000;
  return [...trend].reverse().find((point) => new Date(`${point.day}T00:00:00Z`).getTime() <= cutoff && point.score !== null) ?? null;
}

/**
 * Org score = today's pooled roll-up of the account scores (see lib/checklist/roll-up-org-score.ts);
 * the other tiles are counted in SQL (selectOverviewTiles) with the accounts list's health rules.
 */
export function OrgSummary({ summary, trend }: { summary: OverviewSummary; trend: OrgScorePoint[] }) {
  const orgScore = trend.at(-1) ?? null;
  const score = orgScore?.score ?? null;
  const riskAdjusted = orgScore?.riskAdjustedScore ?? null;
  const previous = weekAgo(trend);
  const delta = score !== null && previous?.score != null ? Math.round((score - previous.score) * 10) / 10 : null;
  const change = formatDelta(delta);
  const { withErrors, stale } = summary;
  return (
    <div className="tiles tiles-8" data-testid="org-summary">
      <Tile
        label="Org score"
        value={formatScore(score)}
        testId="org-score"
        sub={
          <>
            coverage <span data-testid="org-coverage">{formatPercent(orgScore?.coverage)}</span> ·{" "}
            <span className={change.className} data-testid="org-score-change">
              {change.text}
            </span>{" "}
            vs {previous ? previous.day : "a week ago (no score yet)"}
            {riskAdjusted !== null && riskAdjusted !== score ? ` · risk-adjusted ${formatScore(riskAdjusted)}` : ""}
          </>
        }
      />
      <Tile label="Accounts" value={summary.accounts} sub="registered" href="/accounts" testId="accounts-total" />
      <Tile
        label="Collection errors"
        value={withErrors}
        valueClass={withErrors > 0 ? "sev-high" : undefined}
        sub="accounts unreachable or with a failed latest run"
        href="/accounts?health=errors"
        testId="accounts-with-errors"
      />
      <Tile
        label="Stale"
        value={stale}
        valueClass={stale > 0 ? "sev-medium" : undefined}
        sub={`accounts not collected in ${STALE_AFTER_HOURS} h`}
        href="/accounts?health=stale"
        testId="accounts-stale"
      />
      {SEVERITIES.map(({ key, label, param }) => (
        <Tile
          key={key}
          label={label}
          valueClass={`sev-${key}`}
          value={summary[key]}
          sub="active findings"
          href={`/findings?severity=${param}`}
          testId={`total-${key}`}
        />
      ))}
    </div>
  );
}
