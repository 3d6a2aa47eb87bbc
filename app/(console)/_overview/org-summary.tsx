import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { rollUpScores } from "./roll-up-scores";

export function OrgSummary({ accounts }: { accounts: AccountOverviewRow[] }) {
  const rollUp = rollUpScores(accounts);
  const total = (key: "critical" | "high" | "medium" | "low") => accounts.reduce((sum, account) => sum + account[key], 0);
  const unreachable = accounts.filter((account) => account.status === "unreachable" || account.failedSteps > 0).length;
  return (
    <div className="tiles" data-testid="org-summary">
      <div className="tile">
        <div className="label">Org score</div>
        <div className="value" data-testid="org-score">{rollUp.score === null ? "n/a" : rollUp.score.toFixed(1)}</div>
        <div className="sub">coverage {rollUp.coverage === null ? "n/a" : `${rollUp.coverage.toFixed(0)}%`}</div>
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
