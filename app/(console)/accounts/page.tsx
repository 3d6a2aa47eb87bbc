import type { Metadata } from "next";
import "./_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { findAccounts, type AccountListRow } from "@/lib/data/accounts/find-accounts";
import { AccountsTable } from "./_components/accounts-table";
import { DiscoverAccounts } from "./_components/discover-accounts";
import { OnboardAccountForm } from "./_components/onboard-account-form";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Accounts" };

/** Accounts whose role can be used for discovery, the likely management accounts first. */
function discoverySources(accounts: AccountListRow[]): Array<{ id: string; name: string }> {
  const isLikelyManagement = (name: string) => /manage|master|payer|org|root/i.test(name);
  return accounts
    .filter((account) => account.roleArn && account.status !== "disabled")
    .sort((a, b) => Number(isLikelyManagement(b.name)) - Number(isLikelyManagement(a.name)))
    .map((account) => ({ id: account.id, name: account.name }));
}

export default async function AccountsPage() {
  const user = await requirePageUser();
  const accounts = await findAccounts(user);
  const canManage = canManageAccounts(user);
  const canOperate = user.role === "admin" || user.role === "analyst";
  const registered = accounts.filter((account) => account.status !== "data_only");
  const recordsOnly = accounts.filter((account) => account.status === "data_only");
  const defaultRegions = registered[0]?.regions ?? ["us-east-1"];
  const unreachable = registered.filter((account) => account.status === "unreachable").length;
  const disabled = registered.filter((account) => account.status === "disabled").length;
  return (
    <div className="cp">
      <h1>Accounts</h1>
      <div className="tiles">
        <div className="tile">
          <div className="label">Accounts</div>
          <div className="value" data-testid="accounts-count">{registered.length}</div>
          <div className="sub">registered with a role</div>
        </div>
        <div className="tile">
          <div className="label">Unreachable</div>
          <div className={unreachable > 0 ? "value sev-high" : "value"}>{unreachable}</div>
          <div className="sub">role could not be assumed</div>
        </div>
        <div className="tile">
          <div className="label">Disabled</div>
          <div className="value">{disabled}</div>
          <div className="sub">not collected</div>
        </div>
      </div>
      <section className="panel">
        <h2>Registered accounts</h2>
        <AccountsTable accounts={registered} canOperate={canOperate} canManage={canManage} />
      </section>
      {recordsOnly.length > 0 ? (
        <section className="panel">
          <h2>Known from imported records only</h2>
          <p className="muted">Parapet has records for these accounts but no role to collect them. Add them below with their role ARN and ExternalId.</p>
          <AccountsTable accounts={recordsOnly} canOperate={false} canManage={false} />
        </section>
      ) : null}
      {canManage ? (
        <>
          <section className="panel">
            <h2>Add an account</h2>
            <p className="muted">
              Parapet assumes a read-only role in the account. The role&apos;s trust policy must require the ExternalId you enter here
              (confused-deputy protection); no AWS secret is stored.
            </p>
            <OnboardAccountForm defaultRegions={defaultRegions} />
          </section>
          <section className="panel">
            <h2>Discover from AWS Organizations</h2>
            <p className="muted">
              Lists the organisation&apos;s accounts with organizations:ListAccounts through the role of a registered management or delegated
              administrator account, and proposes those not registered yet with a role of the same name.
            </p>
            <DiscoverAccounts
              sources={discoverySources(registered)}
              defaultRegions={defaultRegions}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}
