import type { Metadata } from "next";
import "../_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { AutoSubmitForm } from "../../_components/auto-submit-form";
import { Pager } from "../../_components/pager";
import { slicePage } from "../../_components/paging";
import { Tile } from "../../_components/tile";
import { AccountsTable, RecordsOnlyTable } from "../_components/accounts-table";
import {
  ACCOUNT_PAGE_SIZE,
  ACCOUNT_PAGE_SIZES,
  accountListQuery,
  buildAccountList,
  DISCOVERY_CANDIDATES_MAX,
  discoveryCandidates,
  FILTER_CHOICES_MAX,
  filterAccountList,
  limitChoices,
  ouChoices,
  parseAccountListParams,
  tagChoices,
  type TAccountListParams,
} from "../_lib/account-list";
import { isAppError } from "@/lib/errors";
import { InvalidQuery } from "../../_components/invalid-query";
import { DiscoverAccounts } from "../_components/discover-accounts";
import { OnboardAccountForm } from "../_components/onboard-account-form";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  let params: TAccountListParams;
  try {
    params = parseAccountListParams(await searchParams);
  } catch (error) {
    if (isAppError(error))
      return (
        <InvalidQuery title="Accounts" message={error.message} resetHref="/accounts" resetLabel="Open the accounts list without them" />
      );
    throw error;
  }
  const [accounts, overview] = await Promise.all([findAccounts(user), findAccountOverview(user)]);
  const list = buildAccountList(accounts, overview);
  const shown = filterAccountList(list, params);
  // Filtered and sorted as a whole, then one page is rendered; the export gets the whole filtered set.
  const page = slicePage(shown, params.page, params.size);
  const query = accountListQuery(params, { page: 1 });
  const pageHref = (n: number) => {
    const text = accountListQuery(params, { page: n });
    return `/accounts${text ? `?${text}` : ""}`;
  };
  // What the page carries grows with one page of rows, not with the accounts: bounded filter
  // choices, suggested discovery sources rather than a select of every account.
  const tags = limitChoices(tagChoices(list), (choice) => choice.tag, FILTER_CHOICES_MAX, params.tag);
  const ous = limitChoices(ouChoices(list), (choice) => choice.ou, FILTER_CHOICES_MAX, params.ou);
  const sizeHref = (size: number) => {
    const text = accountListQuery({ ...params, size }, { page: 1 });
    return `/accounts${text ? `?${text}` : ""}`;
  };
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
        <Tile label="Accounts" value={registered.length} sub="registered with a role" testId="accounts-count" />
        <Tile
          label="Unreachable"
          value={unreachable}
          valueClass={unreachable > 0 ? "sev-high" : undefined}
          sub="role could not be assumed"
          href={unreachable > 0 ? "/accounts?status=unreachable" : undefined}
        />
        <Tile label="Disabled" value={disabled} sub="not collected" />
      </div>
      <section className="panel">
        <h2>Registered accounts</h2>
        <AutoSubmitForm action="/accounts" className="filters" aria-label="Filter accounts" data-testid="accounts-filters">
          <div>
            <label htmlFor="a-q">Name, id or owner</label>
            <input id="a-q" name="q" type="search" defaultValue={params.q ?? ""} />
          </div>
          <div>
            <label htmlFor="a-status">Status</label>
            <select id="a-status" name="status" defaultValue={params.status ?? ""}>
              <option value="">Any</option>
              {["active", "pending", "unreachable", "disabled"].map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="a-health">Collection health</label>
            <select id="a-health" name="health" defaultValue={params.health ?? ""}>
              <option value="">Any</option>
              <option value="errors">With collection errors</option>
              <option value="stale">Stale (not collected in 24 h)</option>
              <option value="ok">Fresh and without errors</option>
            </select>
          </div>
          <div>
            <label htmlFor="a-tag">Tag</label>
            <select id="a-tag" name="tag" defaultValue={params.tag ?? ""} aria-describedby={tags.hidden > 0 ? "a-tag-more" : undefined}>
              <option value="">Any</option>
              {/* A tag typed into the URL is kept as a choice so the select shows what filters. */}
              {params.tag && !tags.shown.some((choice) => choice.tag === params.tag) ? (
                <option value={params.tag}>{params.tag}</option>
              ) : null}
              {tags.shown.map((choice) => (
                <option key={choice.tag} value={choice.tag}>
                  {`${choice.tag} (${choice.count})`}
                </option>
              ))}
            </select>
            {tags.hidden > 0 ? (
              <div id="a-tag-more" className="small muted">
                {`The ${FILTER_CHOICES_MAX} most used; ${tags.hidden} more in the rows' tag links`}
              </div>
            ) : null}
          </div>
          <div>
            <label htmlFor="a-ou">OU</label>
            <select id="a-ou" name="ou" defaultValue={params.ou ?? ""} aria-describedby={ous.hidden > 0 ? "a-ou-more" : undefined}>
              <option value="">Any</option>
              {/* A path typed into the URL is kept as a choice so the select shows what filters. */}
              {params.ou && !ous.shown.some((choice) => choice.ou === params.ou) ? <option value={params.ou}>{params.ou}</option> : null}
              {ous.shown.map((choice) => (
                <option key={choice.ou} value={choice.ou}>
                  {`${choice.ou} (${choice.count})`}
                </option>
              ))}
            </select>
            {ous.hidden > 0 ? (
              <div id="a-ou-more" className="small muted">
                {`The ${FILTER_CHOICES_MAX} largest; ${ous.hidden} more in the rows' OU links`}
              </div>
            ) : null}
          </div>
          {params.sort !== "name" ? <input type="hidden" name="sort" value={params.sort} /> : null}
          {params.dir !== "asc" ? <input type="hidden" name="dir" value={params.dir} /> : null}
          {params.size !== ACCOUNT_PAGE_SIZE ? <input type="hidden" name="size" value={params.size} /> : null}
          <div className="buttons">
            <button type="submit">Apply</button>
            <a href="/accounts" className="button">
              Reset
            </a>
          </div>
        </AutoSubmitForm>
        <div className="toolbar" style={{ marginTop: 12 }}>
          <div>
            <strong data-testid="accounts-shown">{shown.length}</strong> <span className="muted">of {list.length} accounts</span>
          </div>
          <a href={`/api/accounts/export${query ? `?${query}` : ""}`} className="button" data-testid="accounts-export" download>
            Export CSV
          </a>
        </div>
        <AccountsTable accounts={page.rows} params={params} canOperate={canOperate} canManage={canManage} />
        {shown.length > 0 ? (
          <Pager
            slice={page}
            href={pageHref}
            label="Accounts list pages"
            testId="accounts-list-pager"
            sizes={{ options: ACCOUNT_PAGE_SIZES, current: params.size, href: sizeHref }}
          />
        ) : null}
      </section>
      {recordsOnly.length > 0 ? (
        <section className="panel">
          <h2>Known from imported records only</h2>
          <p className="muted">
            Parapet has records for these accounts but no role to collect them. Add them below with their role ARN and ExternalId.
          </p>
          <RecordsOnlyTable accounts={recordsOnly} />
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
              Lists the organisation&apos;s accounts with organizations:ListAccounts through the role of a registered management or
              delegated administrator account, and proposes those not registered yet with a role of the same name.
            </p>
            <DiscoverAccounts candidates={discoveryCandidates(registered, DISCOVERY_CANDIDATES_MAX)} defaultRegions={defaultRegions} />
          </section>
        </>
      ) : null}
    </div>
  );
}
