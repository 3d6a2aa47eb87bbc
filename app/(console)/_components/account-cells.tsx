import type { ReactNode } from "react";
import { formatDelta, formatPercent, formatScore, scoreClass } from "./format";

/**
 * Table cells every accounts table shows the same way (the overview's accounts, lowest
 * scores and movers, and the accounts list), so a score, a coverage or a change reads alike
 * on every page and the tests find them under the same test ids.
 */
export function AccountNameCell({
  id,
  name,
  sub,
  isSubMono = false,
  className,
}: {
  id: string;
  name: string;
  sub?: string;
  isSubMono?: boolean;
  className?: string;
}) {
  // A plain anchor, not `next/link`: these cells fill pages of 25-100 rows, and a client
  // component per row is render time and flight payload for a link that is followed once.
  return (
    <td className={className}>
      <a href={`/accounts/${id}`}>{name}</a>
      {sub ? <div className={isSubMono ? "muted small mono" : "muted small"}>{sub}</div> : null}
    </td>
  );
}

export function ScoreCell({ score, testId = "account-score" }: { score: number | null; testId?: string }) {
  return (
    <td className="num">
      <span className={scoreClass(score)} data-testid={testId}>
        {formatScore(score)}
      </span>
    </td>
  );
}

export function CoverageCell({ coverage, children }: { coverage: number | null; children?: ReactNode }) {
  return (
    <td className="num" data-testid="account-coverage">
      {formatPercent(coverage)}
      {children}
    </td>
  );
}

export function DeltaCell({ delta, testId }: { delta: number | null; testId?: string }) {
  const change = formatDelta(delta);
  return (
    <td className={`num ${change.className}`} data-testid={testId}>
      {change.text}
    </td>
  );
}

export function SeverityCountCell({
  severity,
  count,
  testId,
}: {
  severity: "critical" | "high" | "medium" | "low";
  count: number;
  testId: string;
}) {
  return (
    <td className={`num sev-${severity}`} data-testid={testId}>
      {count}
    </td>
  );
}
