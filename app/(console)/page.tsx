import Link from "next/link";
import { requirePageUser } from "@/lib/auth";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { findOrgScoreTrend } from "@/lib/data/overview/find-org-score-trend";
import { findTopFailingItems } from "@/lib/data/overview/find-top-failing-items";
import { AccountsTable } from "./_overview/accounts-table";
import { OrgSummary } from "./_overview/org-summary";
import { ScoreTrendChart } from "./_overview/score-trend-chart";
import { SeverityChart } from "./_overview/severity-chart";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const user = await requirePageUser();
  const [accounts, trend, failing] = await Promise.all([findAccountOverview(user), findOrgScoreTrend(user), findTopFailingItems(user)]);
  const today = trend.at(-1) ?? null;
  return (
    <>
      <h1>Overview</h1>
      <OrgSummary accounts={accounts} orgScore={today} />
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)", gap: 16 }}>
        <section className="panel">
          <h2>Active findings by severity, per account</h2>
          <SeverityChart
            data={accounts.map((account) => ({
              name: account.name,
              Critical: account.critical,
              High: account.high,
              Medium: account.medium,
              Low: account.low,
            }))}
          />
        </section>
        <section className="panel">
          <h2>Org score and coverage by day</h2>
          <ScoreTrendChart data={trend} />
        </section>
      </div>
      <section className="panel">
        <h2>Checklist items failing in the most accounts</h2>
        {failing.length === 0 ? (
          <p className="muted">No failing items among the accounts you can see.</p>
        ) : (
          <table data-testid="top-failing-items">
            <thead>
              <tr>
                <th>Item</th>
                <th>Domain</th>
                <th>Severity</th>
                <th className="num">Failing</th>
                <th className="num">Partial</th>
                <th className="num">Accounts with data</th>
              </tr>
            </thead>
            <tbody>
              {failing.map((item) => (
                <tr key={item.itemId}>
                  <td>
                    <Link href={`/checklist#${item.itemId}`}>{item.itemId}</Link> {item.title}
                  </td>
                  <td>{item.domain.replaceAll("_", " ")}</td>
                  <td>{item.severity}</td>
                  <td className="num sev-high">{item.failing}</td>
                  <td className="num sev-medium">{item.partial}</td>
                  <td className="num">{item.withData}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>Accounts</h2>
        <AccountsTable accounts={accounts} />
      </section>
    </>
  );
}
