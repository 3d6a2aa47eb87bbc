import type { Metadata } from "next";
import "../accounts/_components/console-controls.css";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth";
import { findAccountNames } from "@/lib/data/accounts/find-account-names";
import { findLatestRuns } from "@/lib/data/runs/find-latest-runs";
import { findRuns } from "@/lib/data/runs/find-runs";
import { findSourceCursors } from "@/lib/data/runs/find-source-cursors";
import { CURSOR_FILTERS, parseRunFilters, RUN_STATUSES, type TRunFilters } from "@/lib/data/runs/run-filters";
import { isAppError } from "@/lib/errors";
import { InvalidQuery } from "../_components/invalid-query";
import { Pager } from "../_components/pager";
import { CursorsTable } from "./_components/cursors-table";
import { LatestRuns } from "./_components/latest-runs";
import { RunsTable } from "./_components/runs-table";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Collection" };

function href(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return `/collection${query ? `?${query}` : ""}`;
}

export default async function CollectionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  let params: TRunFilters;
  try {
    params = parseRunFilters(await searchParams);
  } catch (error) {
    if (isAppError(error))
      return (
        <InvalidQuery
          title="Collection"
          message={error.message}
          resetHref="/collection"
          resetLabel="Open the collection page without them"
        />
      );
    throw error;
  }
  const scopeFilter = params.account ? { accountId: params.account } : {};
  // Both long lists are counted and cut in PostgreSQL: at 500 accounts the latest runs alone
  // were 500 rows of 12 step tiles (a 1 MB page); each is a page now, in the URL.
  // The account filter is a text field, not a list of every account (500 options were a
  // sixth of the page); the chosen account's name is read alone.
  const [latest, runs, cursors, chosen] = await Promise.all([
    findLatestRuns(user, { ...scopeFilter, page: params.lpage }),
    findRuns(user, {
      ...scopeFilter,
      ...(params.status ? { status: params.status } : {}),
      ...(params.after ? { after: params.after } : {}),
    }),
    findSourceCursors(user, { ...scopeFilter, state: params.cursor }, { page: params.cpage }),
    params.account ? findAccountNames(user, [params.account]) : Promise.resolve([]),
  ]);
  const { failing, running, never } = latest;
  const cursorErrors = cursors.counts.error ?? 0;
  const base = { account: params.account, status: params.status, cursor: params.cursor === "problems" ? undefined : params.cursor };
  // The page as it is (filters, the runs' cursor and both pages), with some set: each list's
  // pager keeps the other lists where they are.
  const current = {
    ...base,
    after: params.after,
    lpage: params.lpage > 1 ? String(params.lpage) : undefined,
    cpage: params.cpage > 1 ? String(params.cpage) : undefined,
  };
  return (
    <div className="cp">
      <h1>Collection</h1>
      <div className="tiles">
        <div className="tile">
          <div className="label">Accounts</div>
          <div className="value">{latest.total}</div>
          <div className="sub">{never} never collected</div>
        </div>
        <div className="tile">
          <div className="label">Latest run failing</div>
          <div className={failing > 0 ? "value sev-high" : "value"} data-testid="failing-accounts">
            {failing}
          </div>
          <div className="sub">failed or partial</div>
        </div>
        <div className="tile">
          <div className="label">Running</div>
          <div className="value">{running}</div>
          <div className="sub">collections in progress</div>
        </div>
        <div className="tile">
          <div className="label">Cursors in error</div>
          <div className={cursorErrors > 0 ? "value sev-high" : "value"}>{cursorErrors}</div>
          <div className="sub">region x source</div>
        </div>
      </div>
      <section className="panel">
        <form method="get" action="/collection" className="inline-form" aria-label="Filter collection">
          <div>
            <label htmlFor="c-account">Account id</label>
            <input
              id="c-account"
              name="account"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{12}"
              maxLength={12}
              defaultValue={params.account ?? ""}
              aria-describedby="c-account-hint"
            />
            <div id="c-account-hint" className="small muted" data-testid="collection-account-hint">
              {params.account
                ? `${chosen[0]?.name ?? "not an account you can see"} · empty for all accounts`
                : "12 digits, or an account's \u201cruns and cursors\u201d link below"}
            </div>
          </div>
          <div>
            <label htmlFor="c-status">Run status</label>
            <select id="c-status" name="status" defaultValue={params.status ?? ""}>
              <option value="">Any</option>
              {RUN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="c-cursor">Cursor state</label>
            <select id="c-cursor" name="cursor" defaultValue={params.cursor}>
              {CURSOR_FILTERS.map((state) => (
                <option key={state} value={state}>
                  {state === "problems" ? "error or disabled" : state}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary">
            Apply
          </button>
          <Link href="/collection" className="button">
            Reset
          </Link>
        </form>
      </section>
      <section className="panel" id="latest">
        <h2>Latest run per account</h2>
        <p className="small muted">Failed and partial runs first, then by account name.</p>
        <LatestRuns runs={latest.rows} />
        {latest.total > 0 ? (
          <Pager
            slice={latest}
            href={(page) => `${href({ ...current, lpage: page > 1 ? String(page) : undefined })}#latest`}
            label="Latest runs pages"
            testId="latest-runs-pager"
          />
        ) : null}
      </section>
      <section className="panel">
        <div className="toolbar">
          <h2>Recent runs</h2>
          <div className="pager">
            {params.after ? (
              <Link href={href({ ...current, after: undefined })} className="button">
                Newest
              </Link>
            ) : null}
            {runs.nextCursor ? (
              <Link href={href({ ...current, after: runs.nextCursor })} className="button" rel="next">
                Older
              </Link>
            ) : (
              <span className="disabled">Older</span>
            )}
          </div>
        </div>
        <RunsTable rows={runs.rows} />
      </section>
      <section className="panel" id="cursors">
        <h2>Source cursors</h2>
        <p className="muted" data-testid="cursor-counts">
          {Object.entries(cursors.counts)
            .map(([state, count]) => `${count} ${state}`)
            .join(" · ") || "no cursors yet"}
          {params.cursor === "problems" ? (
            <>
              {" "}
              · showing error and disabled ones: <Link href={href({ ...base, cursor: "all" })}>show all</Link>
            </>
          ) : null}
        </p>
        <CursorsTable rows={cursors.rows} />
        {cursors.total > 0 ? (
          <Pager
            slice={cursors}
            href={(page) => `${href({ ...current, cpage: page > 1 ? String(page) : undefined })}#cursors`}
            label="Source cursor pages"
            testId="cursors-pager"
            unit="cursors"
          />
        ) : null}
      </section>
    </div>
  );
}
