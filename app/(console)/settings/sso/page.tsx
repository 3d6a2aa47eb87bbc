import "../../accounts/_components/console-controls.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth";
import { getOidcConfig } from "@/lib/auth/sso/get-oidc-config";
import { countAccountsInScope } from "@/lib/data/accounts/count-accounts-in-scope";
import { findScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { findSsoMappings } from "@/lib/data/sso/find-sso-mappings";
import { accountScopeOf } from "@/lib/data/users/user-access";
import { ScopeMatchCount } from "../../users/_components/scope-match-count";
import { describeScope } from "../../users/_lib/describe-scope";
import { DeleteMappingButton } from "./_components/delete-mapping-button";
import { MappingForm } from "./_components/mapping-form";

export const dynamic = "force-dynamic";

/** `?edit=<mapping id>` opens that mapping's role and scope for editing (a link, so it works from the keyboard and can be shared). */
const ZEditParam = z.preprocess(
  // The first of repeated values; a blank one is no edit, like an absent one.
  (value) => {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" && first.trim() === "" ? undefined : first;
  },
  z
    .string()
    .regex(/^[1-9]\d{0,17}$/)
    .optional(),
);

/** Single sign-on (admins): which IdP groups get which role and accounts. */
export default async function SsoSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  if (user.role !== "admin") notFound();
  const oidc = getOidcConfig();
  const edit = ZEditParam.safeParse((await searchParams).edit);
  const [mappings, choices] = await Promise.all([findSsoMappings(user), findScopeChoices(user)]);
  const editing = edit.success && edit.data ? mappings.find((mapping) => mapping.id === edit.data) : undefined;
  // A malformed id, or a mapping removed since the link was made: said in the edit panel's place, with the way back.
  const editMissing = !edit.success || (edit.data !== undefined && !editing);
  const matches = new Map(
    await Promise.all(mappings.map(async (row) => [row.id, (await countAccountsInScope(user, accountScopeOf(row), 0)).count] as const)),
  );
  return (
    <div className="cp">
      <h1>Single sign-on</h1>
      <p className="muted">
        {oidc ? (
          <>
            Issuer <code>{oidc.issuer}</code>, client <code>{oidc.clientId}</code>, groups from the <code>{oidc.groupsClaim}</code> claim.
          </>
        ) : (
          "Not configured: set PARAPET_OIDC_ISSUER, PARAPET_OIDC_CLIENT_ID and PARAPET_OIDC_CLIENT_SECRET (see the README)."
        )}{" "}
        A user gets the highest role of their mapped groups and sees the accounts of all of them; a user with no mapped group is refused.
      </p>
      <section className="panel">
        <h2>Group mappings</h2>
        {mappings.length === 0 ? (
          <p className="muted">No mappings: nobody can sign in with single sign-on yet.</p>
        ) : (
          <table aria-label="Group mappings">
            <thead>
              <tr>
                <th>Group</th>
                <th>Role</th>
                <th>Accounts</th>
                <th>Added by</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {mappings.map((mapping) => (
                <tr key={mapping.id}>
                  <td>
                    <code>{mapping.groupName}</code>
                  </td>
                  <td>{mapping.role}</td>
                  <td className="small">
                    {describeScope(mapping)}
                    <ScopeMatchCount count={matches.get(mapping.id)} />
                  </td>
                  <td className="small">{mapping.createdBy}</td>
                  <td className="nowrap">
                    <Link
                      href={`/settings/sso?edit=${mapping.id}#edit-mapping`}
                      className="button secondary"
                      aria-label={`Edit mapping ${mapping.groupName}`}
                      aria-current={editing?.id === mapping.id ? "true" : undefined}
                    >
                      Edit
                    </Link>{" "}
                    <DeleteMappingButton mappingId={mapping.id} groupName={mapping.groupName} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editing ? (
        <section className="panel" id="edit-mapping">
          <h2>Edit a mapping</h2>
          <p className="muted">Members get the new role and accounts at their next sign-in.</p>
          <MappingForm
            choices={choices}
            mapping={{
              id: editing.id,
              groupName: editing.groupName,
              role: editing.role,
              allAccounts: editing.allAccounts,
              accountScope: editing.accountScope,
              scopeTags: editing.scopeTags,
              scopeOus: editing.scopeOus,
            }}
          />
        </section>
      ) : editMissing ? (
        <section className="panel" id="edit-mapping">
          <h2>Edit a mapping</h2>
          <p className="alert" role="alert">
            No such mapping (another admin may have removed it). <Link href="/settings/sso">Back to the mappings</Link>
          </p>
        </section>
      ) : null}
      <section className="panel">
        <h2>Map a group</h2>
        <p className="muted">
          Saving a group that is already mapped replaces its role and accounts. A scope by tag or OU follows the accounts: an account tagged
          or moved later is in it at once.
        </p>
        <MappingForm choices={choices} />
      </section>
    </div>
  );
}
