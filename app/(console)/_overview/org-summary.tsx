import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import type { OrgScorePoint } from "@/lib/data/overview/find-org-score-trend";

/** Org score = today's pooled roll-up of the account scores (see lib/checklist/roll-up-org-score.ts). */
export function OrgSummary({ accounts, orgScore }: { accounts: AccountOverviewRow[]; orgScore: OrgScorePoint | null }) {
  const rollUp = { score: orgScore?.score ?? null, riskAdjustedScore: orgScore?.riskAdjustedScore ?? null, coverage: orgScore?.coverage ?? null };
  const total = (key: "critical" | "high" | "medium" | "low") => accounts.reduce((sum, account) => sum + account[key], 0);
  const unreachable = accounts.filter((account) => account.status === "unreachable" || account.failedSteps > 0).length;
  return (
    <div className="tiles" data-testid="org-summary">
      <div className="tile">
        <div className="label">Org score</div>
        <div className="value" data-testid="org-score">{rollUp.score === null ? "n/a" : rollUp.score.toFixed(1)}</div>
        <div className="sub">
          coverage {rollUp.coverage === null ? "n/a" : `${rollUp.coverage.toFixed(0)}%`}
          {rollUp.riskAdjustedScore !== null && rollUp.riskAdjustedScore !== rollUp.score ? ` · risk-adjusted ${rollUp.riskAdjustedScore.toFixed(1)}` : ""}
        </div>
      </div>
      <div className="tile">
        <div className="label">Accounts</div>
        <div className="value">{accounts.length}</div>
        <div className="sub">{unreachable} with collection errors</div>
      </div>
      <div className="tile">
        <div className="label">Critical</div>
        <div className="value sev-critical">{total("critical")}</div>
        <div className="sub">active findings</div>
      </div>
      <div className="tile">
        <div className="label">High</div>
        <div className="value sev-high">{total("high")}</div>
        <div className="sub">active findings</div>
      </div>
      <div className="tile">
        <div className="label">Medium</div>
        <div className="value sev-medium">{total("medium")}</div>
        <div className="sub">active findings</div>
      </div>
      <div className="tile">
        <div className="label">Low</div>
        <div className="value sev-low">{total("low")}</div>
        <div className="sub">active findings</div>
      </div>
    </div>
  );
}
