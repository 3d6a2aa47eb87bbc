import type { ReactNode } from "react";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import type { OrgScorePoint } from "@/lib/data/overview/find-org-score-trend";
import { formatPercent, formatScore } from "../_components/format";

const SEVERITIES = [
  { key: "critical", label: "Critical" },
  { key: "high", label: "High" },
  { key: "medium", label: "Medium" },
  { key: "low", label: "Low" },
] as const;

function Tile({ label, value, sub, valueClass, testId }: { label: string; value: ReactNode; sub: ReactNode; valueClass?: string; testId?: string }) {
  return (
    <div className="tile">
      <div className="label">{label}</div>
      <div className={valueClass ? `value ${valueClass}` : "value"} data-testid={testId}>
        {value}
      </div>
      <div className="sub">{sub}</div>
    </div>
  );
}

/** Org score = today's pooled roll-up of the account scores (see lib/checklist/roll-up-org-score.ts). */
export function OrgSummary({ accounts, orgScore }: { accounts: AccountOverviewRow[]; orgScore: OrgScorePoint | null }) {
  const score = orgScore?.score ?? null;
  const riskAdjusted = orgScore?.riskAdjustedScore ?? null;
  const withErrors = accounts.filter((account) => account.status === "unreachable" || account.failedSteps > 0).length;
  return (
    <div className="tiles" data-testid="org-summary">
      <Tile
        label="Org score"
        value={formatScore(score)}
        testId="org-score"
        sub={`coverage ${formatPercent(orgScore?.coverage)}${riskAdjusted !== null && riskAdjusted !== score ? ` · risk-adjusted ${formatScore(riskAdjusted)}` : ""}`}
      />
      <Tile label="Accounts" value={accounts.length} sub={`${withErrors} with collection errors`} />
      {SEVERITIES.map(({ key, label }) => (
        <Tile key={key} label={label} valueClass={`sev-${key}`} value={accounts.reduce((sum, account) => sum + account[key], 0)} sub="active findings" />
      ))}
    </div>
  );
}
