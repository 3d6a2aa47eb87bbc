import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth";
import { findNewThreatsByDay } from "@/lib/data/overview/find-new-threats-by-day";
import { loadOverviewAccounts } from "@/lib/data/overview/load-overview-accounts";
import { findOrgScoreTrend } from "@/lib/data/overview/find-org-score-trend";
import { findTopFailingItems } from "@/lib/data/overview/find-top-failing-items";
import { STALE_AFTER_HOURS } from "../_components/account-health";
import { ChartDataTable } from "../_components/chart-data-table";
import { AccountNameCell, CoverageCell, DeltaCell, ScoreCell } from "../_components/account-cells";
import { formatPercent, formatScore } from "../_components/format";
import { Pager } from "../_components/pager";
import { AccountsTable } from "./_overview/accounts-table";
import { DomainHeatmap } from "./_overview/domain-heatmap";
import { toHeatmapRow } from "./_overview/heatmap-rows";
import { sortHrefs } from "../_components/sort-hrefs";
import { OrgSummary } from "./_overview/org-summary";
import { isAppError } from "@/lib/errors";
import { InvalidQuery } from "../_components/invalid-query";
import { toOverviewTableRow } from "./_overview/overview-table-rows";
import {
  HEATMAP_SORTS,
  OVERVIEW_PAGE_SIZES,
  OVERVIEW_TABLE_SORTS,
  overviewHref,
  parseOverviewParams,
  type TOverviewParams,
} from "./_overview/overview-params";
import { ScoreTrendChart } from "./_overview/score-trend-chart";
import { SeverityChart } from "./_overview/severity-chart";
import { ThreatsChart } from "./_overview/threats-chart";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Overview" };

const WORST_LIMIT = 5;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  let params: TOverviewParams;
  const query = await searchParams;
  // Every chart's data table drawn open, rows and all: where the opened fold links without JavaScript.
  const tablesOpen = query.tables === "open";
  const tablesHref = (hash: string) => {
    const [path, anchor] = overviewHref(params, {}, hash).split("#");
    return `${path}${path!.includes("?") ? "&" : "?"}tables=open#${anchor}`;
  };
  try {
    params = parseOverviewParams(query);
  } catch (error) {
    if (isAppError(error))
      return <InvalidQuery title="Overview" message={error.message} resetHref="/" resetLabel="Open the overview without them" />;
    throw error;
  }
  // Every figure is counted, sorted and cut in PostgreSQL: the page reads the tiles, five
  // accounts per short list and one page of each table (10 rows by default; the reader can
  // choose 10 to 100 under either table, and the choice holds for both, one `size` in the
  // URL) in one statement over the accounts, so what a request moves, maps and renders grows
  // with what it shows, not with the number of accounts.
  const [{ summary, lowest: worst, movers, heat, table }, trend, failing, threats] = await Promise.all([
    loadOverviewAccounts(user, {
      now: new Date(),
      staleAfterHours: STALE_AFTER_HOURS,
      lowest: WORST_LIMIT,
      movers: WORST_LIMIT,
      heat: { sort: { key: params.heat, dir: params.dir }, page: params.hpage, size: params.size },
      table: { sort: { key: params.sort, dir: params.adir }, page: params.apage, size: params.size },
    }),
    findOrgScoreTrend(user),
    findTopFailingItems(user),
    findNewThreatsByDay(user),
  ]);
  return (
    <>
      <h1>Overview</h1>
      <OrgSummary summary={summary} trend={trend} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="h-trend">
          <h2 id="h-trend">Org score and coverage by day</h2>
          <ScoreTrendChart data={trend} />
          <ChartDataTable
            caption="Org score and coverage by day"
            testId="org-trend-data"
            initiallyOpen={tablesOpen}
            openHref={tablesHref("h-trend")}
            rows={trend}
            columns={[
              { label: "Day", value: (point) => point.day },
              { label: "Score", value: (point) => formatScore(point.score), numeric: true },
              { label: "Coverage", value: (point) => formatPercent(point.coverage), numeric: true },
              { label: "Accounts", value: (point) => point.accounts, numeric: true },
            ]}
          />
        </section>
        <section className="panel" aria-labelledby="h-threats">
          <h2 id="h-threats">New critical and high threats by day</h2>
          <p className="small muted">GuardDuty findings by the day they were first seen, last 14 days (UTC).</p>
          <ThreatsChart data={threats} />
          <ChartDataTable
            caption="New critical and high GuardDuty findings by day"
            testId="threats-data"
            initiallyOpen={tablesOpen}
            openHref={tablesHref("h-threats")}
            rows={threats}
            columns={[
              { label: "Day", value: (day) => day.day },
              { label: "Critical", value: (day) => day.critical, numeric: true },
              { label: "High", value: (day) => day.high, numeric: true },
            ]}
          />
        </section>
      </div>

      <section className="panel" id="heatmap" aria-labelledby="h-heatmap">
        <h2 id="h-heatmap">Accounts by domain</h2>
        <p className="small muted">
          Score and coverage of each domain in each account&apos;s latest snapshot. Select a cell to open that domain in the account; select
          a heading to sort.
        </p>
        <DomainHeatmap
          accounts={heat.rows.map(toHeatmapRow)}
          sort={{ key: params.heat, dir: params.dir }}
          sortHrefs={sortHrefs(HEATMAP_SORTS, { key: params.heat, dir: params.dir }, (heatKey, dir) =>
            overviewHref(params, { heat: heatKey, dir, hpage: 1 }, "heatmap"),
          )}
        />
        {heat.total > 0 ? (
          <Pager
            slice={heat}
            href={(page) => overviewHref(params, { hpage: page }, "heatmap")}
            label="Heat map pages"
            testId="heatmap-pager"
            sizes={{
              options: OVERVIEW_PAGE_SIZES,
              current: params.size,
              href: (size) => overviewHref(params, { size, hpage: 1, apage: 1 }, "heatmap"),
            }}
          />
        ) : null}
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="h-worst">
          <h2 id="h-worst">Lowest scores</h2>
          {worst.length === 0 ? (
            <p className="muted">No account is scored yet.</p>
          ) : (
            <table data-testid="worst-accounts">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col" className="num">
                    Coverage
                  </th>
                  <th scope="col" className="num">
                    vs last week
                  </th>
                </tr>
              </thead>
              <tbody>
                {worst.map((account) => (
                  <tr key={account.id} data-account-id={account.id}>
                    <AccountNameCell id={account.id} name={account.name} />
                    <ScoreCell score={account.score} />
                    <CoverageCell coverage={account.coverage} />
                    <DeltaCell delta={account.delta} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="h-movers">
          <h2 id="h-movers">Biggest movers this week</h2>
          {movers.length === 0 ? (
            <p className="muted" data-testid="no-movers">
              No account&apos;s score moved since last week&apos;s snapshot (or there is no snapshot a week old yet).
            </p>
          ) : (
            <table data-testid="movers">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Last week
                  </th>
                  <th scope="col" className="num">
                    Now
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {movers.map((account) => (
                  <tr key={account.id} data-account-id={account.id}>
                    <AccountNameCell id={account.id} name={account.name} />
                    <td className="num">{formatScore(account.weekAgoScore)}</td>
                    <td className="num">{formatScore(account.score)}</td>
                    <DeltaCell delta={account.delta} testId="mover-change" />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="h-failing">
        <h2 id="h-failing">Checklist items failing in the most accounts</h2>
        {failing.length === 0 ? (
          <p className="muted">No failing items among the accounts you can see.</p>
        ) : (
          <table data-testid="top-failing-items">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Domain</th>
                <th scope="col">Severity</th>
                <th scope="col" className="num">
                  Failing
                </th>
                <th scope="col" className="num">
                  Partial
                </th>
                <th scope="col" className="num">
                  Accounts with data
                </th>
              </tr>
            </thead>
            <tbody>
              {failing.map((item) => (
                <tr key={item.itemId}>
                  <td>
                    {/* A plain link: a full load lets the browser scroll to the row (a client-side
                        navigation to another page's anchor landed at its top). */}
                    <a href={`/checklist#item-${item.itemId}`}>{item.itemId}</a> {item.title}
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

      <section className="panel" aria-labelledby="h-severity">
        <h2 id="h-severity">Active findings by severity, per account</h2>
        <p className="small muted">
          The accounts on the accounts table&apos;s current page ({table.from}-{table.to} of {table.total}, in its order); sort or page the
          table below to chart others.
        </p>
        <SeverityChart
          data={table.rows.map((account) => ({
            name: account.name,
            Critical: account.critical,
            High: account.high,
            Medium: account.medium,
            Low: account.low,
          }))}
        />
        <p className="small muted">The exact counts per account are in the accounts table below.</p>
      </section>
      <section className="panel" id="accounts" aria-labelledby="h-accounts">
        <h2 id="h-accounts">Accounts</h2>
        <p className="small muted">
          Worst score first unless sorted otherwise; every account, with filters and a CSV export, is on the{" "}
          <a href="/accounts">accounts list</a>.
        </p>
        <AccountsTable
          accounts={table.rows.map(toOverviewTableRow)}
          sort={{ key: params.sort, dir: params.adir }}
          sortHrefs={sortHrefs(OVERVIEW_TABLE_SORTS, { key: params.sort, dir: params.adir }, (sortKey, adir) =>
            overviewHref(params, { sort: sortKey, adir, apage: 1 }, "accounts"),
          )}
        />
        {table.total > 0 ? (
          <Pager
            slice={table}
            href={(page) => overviewHref(params, { apage: page }, "accounts")}
            label="Accounts table pages"
            testId="accounts-pager"
            sizes={{
              options: OVERVIEW_PAGE_SIZES,
              current: params.size,
              href: (size) => overviewHref(params, { size, hpage: 1, apage: 1 }, "accounts"),
            }}
          />
        ) : null}
      </section>
    </>
  );
}
