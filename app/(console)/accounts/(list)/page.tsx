import type { Metadata } from "next";
import "../_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { findAccountListPage } from "@/lib/data/accounts/find-account-list-page";
import { findAccountListSummary } from "@/lib/data/accounts/find-account-list-summary";
import { findDiscoveryCandidates } from "@/lib/data/accounts/find-discovery-candidates";
import { findRecordsOnlyAccounts } from "@/lib/data/accounts/find-records-only-accounts";
import { AutoSubmitForm } from "../../_components/auto-submit-form";
import { Pager } from "../../_components/pager";
import { Tile } from "../../_components/tile";
import { AccountsTable, RecordsOnlyTable } from "../_components/accounts-table";
import {
  ACCOUNT_PAGE_SIZE,
  ACCOUNT_PAGE_SIZES,
  accountListQuery,
  DISCOVERY_CANDIDATES_MAX,
  FILTER_CHOICES_MAX,
  parseAccountListParams,
  RECORDS_ONLY_PAGE_SIZE,
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
  const canManage = canManageAccounts(user);
  const canOperate = user.role === "admin" || user.role === "analyst";
  // PostgreSQL filters, sorts and cuts the page and counts the rest: what the request reads
  // grows with the page (and bounded choices), not with the accounts. The export runs the same query.
  const [page, summary, candidates] = await Promise.all([
    findAccountListPage(user, params, { page: params.page, size: params.size }),
    findAccountListSummary(user, { tag: params.tag, ou: params.ou }, FILTER_CHOICES_MAX),
    canManage ? findDiscoveryCandidates(user, DISCOVERY_CANDIDATES_MAX) : Promise.resolve([]),
  ]);
  // Most organisations have no records-only accounts: the summary's count saves their query (a statement is ~0.6 ms of CPU here).
  const recordsOnly =
    summary.recordsOnly > 0 ? await findRecordsOnlyAccounts(user, { page: params.rpage, size: RECORDS_ONLY_PAGE_SIZE }) : null;
  const query = accountListQuery(params, { page: 1, rpage: 1 });
  const listHref = (overrides: Partial<TAccountListParams>) => {
    const text = accountListQuery(params, overrides);
    return `/accounts${text ? `?${text}` : ""}`;
  };
  const pageHref = (n: number) => listHref({ page: n });
  const sizeHref = (size: number) => listHref({ size, page: 1 });
  const recordsHref = (n: number) => `${listHref({ rpage: n })}#records-only`;
  const { tags, ous } = summary;
  const defaultRegions = summary.firstRegions ?? ["us-east-1"];
  const { unreachable, disabled } = summary;
  return (
    <div className="cp">
      <h1>Accounts</h1>
      <div className="tiles">
        <Tile label="Accounts" value={summary.registered} sub="registered with a role" testId="accounts-count" />
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
              {params.tag && !tags.shown.some((choice) => choice.value === params.tag) ? (
                <option value={params.tag}>{params.tag}</option>
              ) : null}
              {tags.shown.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {`${choice.value} (${choice.count})`}
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
              {params.ou && !ous.shown.some((choice) => choice.value === params.ou) ? <option value={params.ou}>{params.ou}</option> : null}
              {/* The OU's name when discovery read it, with its id (the filter's value) after it. */}
              {ous.shown.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label ? `${choice.label} · ${choice.value} (${choice.count})` : `${choice.value} (${choice.count})`}
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
            <strong data-testid="accounts-shown">{page.total}</strong> <span className="muted">of {summary.registered} accounts</span>
          </div>
          <a href={`/api/accounts/export${query ? `?${query}` : ""}`} className="button" data-testid="accounts-export" download>
            Export CSV
          </a>
        </div>
        <AccountsTable accounts={page.rows} params={params} canOperate={canOperate} canManage={canManage} />
        {page.total > 0 ? (
          <Pager
            slice={page}
            href={pageHref}
            label="Accounts list pages"
            testId="accounts-list-pager"
            sizes={{ options: ACCOUNT_PAGE_SIZES, current: params.size, href: sizeHref }}
          />
        ) : null}
      </section>
      {recordsOnly && recordsOnly.total > 0 ? (
        <section className="panel" id="records-only">
          <h2>Known from imported records only</h2>
          <p className="muted">
            Parapet has records for these accounts but no role to collect them. Add them below with their role ARN and ExternalId.
          </p>
          <RecordsOnlyTable accounts={recordsOnly.rows} />
          <Pager slice={recordsOnly} href={recordsHref} label="Records-only accounts pages" testId="records-only-pager" />
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
            <DiscoverAccounts candidates={candidates} defaultRegions={defaultRegions} />
          </section>
        </>
      ) : null}
    </div>
  );
}
