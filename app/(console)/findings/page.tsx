import type { Metadata } from "next";
import "../accounts/_components/console-controls.css";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth";
import { findAccountNames } from "@/lib/data/accounts/find-account-names";
import { searchAccounts } from "@/lib/data/accounts/search-accounts";
import { findScopeRegions } from "@/lib/data/accounts/find-scope-regions";
import { countFindings, findingsCountCap } from "@/lib/data/findings/count-findings";
import { findFindings, FINDINGS_PAGE_SIZE } from "@/lib/data/findings/find-findings";
import { parseFindingFilters, type TFindingFilters } from "@/lib/data/findings/finding-filters";
import { canAcceptRisk } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { lastAllowedExpiry } from "@/lib/schemas/acceptance";
import { parseFindingsAccountSearch } from "@/lib/schemas/account-search";
import { InvalidQuery } from "../_components/invalid-query";
import { BulkAcceptForm } from "./_components/bulk-accept-form";
import { FindingsFilters } from "./_components/findings-filters";
import { FindingsTable } from "./_components/findings-table";
import { findingsQuery } from "./_lib/findings-href";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Findings" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  let filters: TFindingFilters;
  let accountQuery: string | null;
  try {
    const params = await searchParams;
    filters = parseFindingFilters(params);
    accountQuery = parseFindingsAccountSearch(params);
  } catch (error) {
    if (isAppError(error))
      return <InvalidQuery title="Findings" message={error.message} resetHref="/findings" resetLabel="Open findings without them" />;
    throw error;
  }
  const { after, before } = filters;
  // Only the chosen accounts' names and the regions in scope: the page's size must not grow with the number of accounts.
  const [page, total, names, regions, accountMatches] = await Promise.all([
    findFindings(user, filters, { ...(after ? { after } : {}), ...(before ? { before } : {}) }),
    countFindings(user, filters),
    findAccountNames(user, filters.account),
    findScopeRegions(user),
    // The picker's text submitted without JavaScript: at most 20 accounts, like its suggestions.
    accountQuery ? searchAccounts(user, accountQuery) : Promise.resolve(null),
  ]);
  const nameOf = new Map(names.map((account) => [account.id, account.name]));
  const chosenAccounts = filters.account.map((id) => ({ id, name: nameOf.get(id) ?? null }));
  const query = findingsQuery(filters);
  const now = new Date();
  // Bulk acceptance is for analysts and admins; the rows are the user's accounts already, and the action checks the scope again in its queries.
  const canBulkAccept = canAcceptRisk(user) && page.rows.length > 0;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const table = <FindingsTable rows={page.rows} filters={filters} selectable={canBulkAccept} now={now} />;
  return (
    <div className="cp">
      <h1>Findings</h1>
      <section className="panel">
        <FindingsFilters
          filters={filters}
          chosenAccounts={chosenAccounts}
          accountSearch={accountQuery && accountMatches ? { q: accountQuery, matches: accountMatches } : null}
          regions={regions}
        />
      </section>
      <section className="panel">
        <div className="toolbar">
          <div>
            <strong data-testid="findings-count">
              {total.count.toLocaleString("en-US")}
              {total.isCapped ? "+" : ""}
            </strong>{" "}
            <span className="muted">
              matching finding{total.count === 1 ? "" : "s"}
              {total.isCapped
                ? ` (counting stops at ${findingsCountCap(filters).toLocaleString("en-US")}${filters.q || filters.type ? " for a text search" : ""}; the export has them all)`
                : ""}
              {page.rows.length > 0 ? `, ${FINDINGS_PAGE_SIZE} per page` : ""}
            </span>
          </div>
          <div className="pager" data-testid="findings-pager">
            {after || before ? (
              <Link href={`/findings${query ? `?${query}` : ""}`} className="button">
                First page
              </Link>
            ) : null}
            {page.previousCursor ? (
              <Link
                href={`/findings?${findingsQuery(filters, { before: page.previousCursor })}`}
                className="button"
                rel="prev"
                data-testid="findings-previous"
              >
                Previous
              </Link>
            ) : (
              <span className="disabled">Previous</span>
            )}
            {page.nextCursor ? (
              <Link
                href={`/findings?${findingsQuery(filters, { after: page.nextCursor })}`}
                className="button"
                rel="next"
                data-testid="findings-next"
              >
                Next
              </Link>
            ) : (
              <span className="disabled">Next</span>
            )}
            <a href={`/api/findings/export${query ? `?${query}` : ""}`} className="button" data-testid="findings-export" download>
              Export CSV
            </a>
          </div>
        </div>
        {canBulkAccept ? (
          <BulkAcceptForm
            defaultOwner={user.email}
            minDate={day(new Date(now.getTime() + 86_400_000))}
            maxDate={day(lastAllowedExpiry(now))}
            defaultDate={day(new Date(now.getTime() + 90 * 86_400_000))}
          >
            {table}
          </BulkAcceptForm>
        ) : (
          table
        )}
      </section>
    </div>
  );
}
