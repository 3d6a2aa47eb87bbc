import type { Metadata } from "next";
import "../../_components/console-controls.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { isAccountId } from "@/lib/aws/account-id";
import { getAccountSettings } from "@/lib/data/accounts/get-account-settings";
import { isAppError } from "@/lib/errors";
import { OnboardAccountForm } from "../../_components/onboard-account-form";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ accountId: string }> }): Promise<Metadata> {
  const { accountId } = await params;
  return { title: `Edit account ${accountId}` };
}

/** Edit a registered account's name, role, ExternalId, regions and owner (admins). */
export default async function EditAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  if (!isAccountId(accountId)) notFound();
  const user = await requirePageUser();
  const account = await getAccountSettings(user, accountId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const canEdit = canManageAccounts(user) && account.roleArn !== null && account.status !== "data_only";
  return (
    <div className="cp">
      <div className="crumbs">
        <Link href="/">Overview</Link> / <Link href="/accounts">Accounts</Link> /{" "}
        <Link href={`/accounts/${account.id}`}>{account.name}</Link> / Edit
      </div>
      <h1>
        Edit {account.name} <span className="muted mono">{account.id}</span>
      </h1>
      <section className="panel">
        {!canManageAccounts(user) ? (
          <p className="error-text" data-testid="edit-forbidden">
            Only admins can edit accounts.
          </p>
        ) : !canEdit ? (
          <p className="error-text">This account is known from imported records only: add it with its role on the Accounts page.</p>
        ) : (
          <>
            <p className="muted">
              Status <strong data-testid="edit-status">{account.status}</strong>
              {account.statusError ? <span className="error-text"> ({account.statusError})</span> : null}. A new role or ExternalId puts the
              account back to pending until the next collection proves it; use Test connection first. The stored ExternalId is never shown:{" "}
              {account.hasExternalId ? "leave the field blank to keep it." : "none is stored yet."} Data of regions you remove stays stored
              but is no longer collected.
            </p>
            <OnboardAccountForm
              mode="edit"
              defaultRegions={account.regions}
              initial={{
                id: account.id,
                name: account.name,
                roleArn: account.roleArn ?? "",
                regions: account.regions,
                owner: account.owner ?? "",
              }}
            />
          </>
        )}
      </section>
    </div>
  );
}
