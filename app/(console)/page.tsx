import { requirePageUser } from "@/lib/auth";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { AccountsTable } from "./_overview/accounts-table";
import { OrgSummary } from "./_overview/org-summary";
import { SeverityChart } from "./_overview/severity-chart";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const user = await requirePageUser();
  const accounts = await findAccountOverview(user);
  return (
    <>
      <h1>Overview</h1>
      <OrgSummary accounts={accounts} />
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
        <h2>Accounts</h2>
        <AccountsTable accounts={accounts} />
      </section>
    </>
  );
}
