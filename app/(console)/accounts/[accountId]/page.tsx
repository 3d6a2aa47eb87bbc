import type { Metadata } from "next";
import "../_components/console-controls.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth";
import { isAccountId } from "@/lib/aws/account-id";
import { canManageAccounts } from "@/lib/auth/permissions";
import { rankFixFirst } from "@/lib/checklist/rank-fix-first";
import { findAccountAttemptSignals } from "@/lib/data/checklist/find-account-attempt-signals";
import { parseEventFilters, type TEventFilters } from "@/lib/data/checklist/event-filters";
import { findAccountSecurityEvents } from "@/lib/data/checklist/find-account-security-events";
import { findFindings } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { findSourceCursors } from "@/lib/data/runs/find-source-cursors";
import { CollapsibleSection } from "../../_components/collapsible-section";
import { ScrollToHash } from "../../_components/scroll-to-hash";
import { Tile } from "../../_components/tile";
import { CursorsTable } from "../../collection/_components/cursors-table";
import { FindingsTable } from "../../findings/_components/findings-table";
import { findScoreChanges } from "@/lib/data/scores/find-score-changes";
import { getAccountScorecard, type AccountScorecard } from "@/lib/data/scores/get-account-scorecard";
import { isAppError } from "@/lib/errors";
import { UnmeasurableDuties } from "../../_components/unmeasurable-duties";
import type { SessionUser } from "@/lib/auth";
import { AccountHeader } from "./_components/account-header";
import { AccountSkeleton } from "./_components/account-skeleton";
import { AccountTags } from "./_components/account-tags";
import { AttemptSignals } from "./_components/attempt-signals";
import { EvidenceFreshness } from "./_components/evidence-freshness";
import { DomainsTable } from "./_components/domains-table";
import { FixFirstList } from "./_components/fix-first-list";
import { formatPercent, formatScore, formatTime, scoreClass } from "../../_components/format";
import { ItemsByDomain } from "./_components/items-by-domain";
import type { ItemsView } from "./_components/items-by-domain-view";
import { ScoreChanges } from "./_components/score-changes";
import { ScoreTrendChart } from "./_components/score-trend-chart";
import { SecurityEvents } from "./_components/security-events";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ accountId: string }> }): Promise<Metadata> {
  const { accountId } = await params;
  return { title: `Account ${accountId}` };
}

const FIX_FIRST_LIMIT = 10;

const ACCOUNT_FINDINGS_LIMIT = 10;

const SECTIONS = [
  ["score", "Score"],
  ["domains", "Domains"],
  ["fix-first", "Fix first"],
  ["changes", "Changes"],
  ["attempts", "Failed attempts"],
  ["items", "Checklist items"],
  ["findings", "Findings"],
  ["events", "CloudTrail events"],
  ["collection", "Collection health"],
] as const;

/**
 * The account drill-down. The scorecard (one statement, scoped) is read before anything is
 * sent, so an unknown or out-of-scope account is a real 404; the page's other queries then
 * stream in behind a skeleton of the page (a route-level loading.tsx would send 200 before
 * the check could run).
 */
export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { accountId } = await params;
  if (!isAccountId(accountId)) notFound();
  const user = await requirePageUser();
  // The scorecard is the scope check (one statement, its WHERE carries the user's scope) and
  // the page's first read, so checking costs no statement of its own.
  const scorecard = await getAccountScorecard(user, accountId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const query = await searchParams;
  return (
    <Suspense fallback={<AccountSkeleton />}>
      <AccountPageBody user={user} scorecard={scorecard} query={query} />
    </Suspense>
  );
}

/**
 * This account page's URL with its other parameters kept (the timeline's filters, the items
 * view, the changes list) and some set, or removed where `set` gives null.
 */
function withQuery(
  accountId: string,
  query: Record<string, string | string[] | undefined>,
  set: Record<string, string | null>,
  hash: string,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key in set || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  for (const [key, value] of Object.entries(set)) if (value !== null) params.set(key, value);
  const search = params.toString();
  return `/accounts/${accountId}${search ? `?${search}` : ""}#${hash}`;
}

/** The items section's views: the toolbar's links, and `items` values in the URL. */
const ITEM_VIEWS: Array<{ view: ItemsView; label: string; testId: string }> = [
  { view: "default", label: "Needing work, passing folded", testId: "items-all" },
  { view: "failing", label: "Failing only", testId: "items-failing-only" },
  { view: "all", label: "Every item", testId: "items-every" },
];

async function AccountPageBody({
  user,
  scorecard,
  query,
}: {
  user: SessionUser;
  scorecard: AccountScorecard;
  query: Record<string, string | string[] | undefined>;
}) {
  const accountId = scorecard.account.id;
  // Bad timeline parameters (a hand-edited link, a crafted cursor) are named on the page, in the
  // timeline's place, with a way to clear them; the rest of the account is still shown.
  let eventFilters: TEventFilters | null = null;
  let eventsError: string | null = null;
  try {
    eventFilters = parseEventFilters(query);
  } catch (error) {
    if (!isAppError(error) || error.code !== "INVALID_INPUT") throw error;
    eventsError = error.message;
  }
  const itemsView: ItemsView = query.items === "failing" ? "failing" : query.items === "all" ? "all" : "default";
  const findingFilters = parseFindingFilters({ account: accountId });
  const [changes, events, findings, cursors, signals] = await Promise.all([
    findScoreChanges(user, accountId),
    eventFilters ? findAccountSecurityEvents(user, accountId, eventFilters) : null,
    findFindings(user, findingFilters, { limit: ACCOUNT_FINDINGS_LIMIT }),
    findSourceCursors(user, { accountId, state: "all" }, { counts: false }),
    findAccountAttemptSignals(user, accountId),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { account, snapshot, score } = scorecard;
  const fixFirst = score ? rankFixFirst(score).slice(0, FIX_FIRST_LIMIT) : [];
  const failing = score?.items.filter((item) => item.status === "fail" || item.status === "partial").length ?? 0;
  const noData = score?.items.filter((item) => item.status === "no_data").length ?? 0;

  return (
    <>
      <div className="crumbs">
        <Link href="/">Overview</Link> / <Link href="/accounts">Accounts</Link> / {account.name}
      </div>
      <h1>
        {account.name} <span className="muted mono">{account.id}</span>
        {canManageAccounts(user) && account.status !== "data_only" ? (
          <Link
            href={`/accounts/${account.id}/edit`}
            className="small"
            style={{ marginLeft: 12, fontWeight: "normal" }}
            data-testid="edit-account-link"
          >
            Edit account
          </Link>
        ) : null}
      </h1>
      <AccountHeader scorecard={scorecard} />
      <AccountTags accountId={account.id} tags={account.tags} ouPath={account.ouPath} canEdit={canManageAccounts(user)} />
      <nav className="section-nav" aria-label="Sections of this account" data-testid="section-nav">
        {SECTIONS.map(([id, label]) => (
          <a key={id} href={`#${id}`}>
            {label}
          </a>
        ))}
      </nav>

      {!snapshot || !score ? (
        <section className="panel">
          <p className="muted">Not scored yet: the score appears after the first collection of this account finishes.</p>
        </section>
      ) : (
        <>
          <div className="tiles" data-testid="score-tiles" id="score">
            <Tile
              label="Score"
              value={formatScore(snapshot.score)}
              valueClass={scoreClass(snapshot.score)}
              testId="account-score"
              sub="raw: accepted risks count as failing"
            />
            <Tile
              label="Risk-adjusted"
              value={formatScore(snapshot.riskAdjustedScore)}
              testId="account-risk-adjusted-score"
              sub="accepted risks count as passing"
            />
            <Tile
              label="Coverage"
              value={formatPercent(snapshot.coverage)}
              testId="account-coverage"
              sub={`of applicable weight had evidence · evidence as of ${snapshot.evidenceAsOf ? formatTime(snapshot.evidenceAsOf) : "unknown"}`}
            />
            <Tile
              label="Items"
              value={failing}
              sub={`failing or partial · ${noData} without data · ${score.items.length} in checklist ${snapshot.checklistVersion}`}
            />
            <Tile
              label="Evaluated"
              value={<span style={{ fontSize: 16 }}>{formatTime(snapshot.takenAt)}</span>}
              sub={`latest daily snapshot (${snapshot.day})`}
            />
          </div>

          <div className="grid-2">
            <CollapsibleSection title="Evidence behind the coverage" testId="evidence-freshness-section">
              <EvidenceFreshness sources={snapshot.sources} evidenceAsOf={snapshot.evidenceAsOf} />
            </CollapsibleSection>

            <CollapsibleSection title="Score trend">
              <ScoreTrendChart
                days={scorecard.trend}
                tablesOpen={query.tables === "open"}
                tablesHref={withQuery(account.id, query, { tables: "open" }, "score")}
              />
            </CollapsibleSection>
          </div>

          <div className="grid-2">
            <CollapsibleSection id="domains" title="Domains">
              <DomainsTable domains={snapshot.domains} />
            </CollapsibleSection>
            <CollapsibleSection id="fix-first" title="Fix first">
              <p className="small muted">Failing items ranked by the points the risk-adjusted score gains if each passes.</p>
              <FixFirstList accountId={account.id} entries={fixFirst} />
            </CollapsibleSection>
          </div>
        </>
      )}

      <div className="grid-2">
        {snapshot && score ? (
          <CollapsibleSection id="changes" title="What changed since the previous snapshot">
            <ScoreChanges
              accountId={account.id}
              diff={changes}
              showAll={query.changes === "all"}
              showAllHref={withQuery(account.id, query, { changes: "all" }, "changes")}
            />
          </CollapsibleSection>
        ) : null}
        <CollapsibleSection id="attempts" title="Failed and refused attempts">
          <p className="small muted">Attempts are not acts: none of these fails a checklist item, but each is worth a look.</p>
          <AttemptSignals accountId={account.id} signals={signals} />
        </CollapsibleSection>
      </div>

      {snapshot && score ? (
        <>
          <CollapsibleSection id="items" title="Checklist items">
            <div className="toolbar">
              <p className="small muted" style={{ margin: 0 }}>
                Passing and not applicable items are folded under each domain.
              </p>
              <div className="pager" role="group" aria-label="Which items">
                {ITEM_VIEWS.map(({ view, label, testId }) => (
                  <Link
                    key={view}
                    href={withQuery(account.id, query, { items: view === "default" ? null : view }, "items")}
                    className="button secondary"
                    aria-current={itemsView === view ? "true" : undefined}
                    data-testid={testId}
                  >
                    {label}
                  </Link>
                ))}
              </div>
            </div>
            <ItemsByDomain
              accountId={account.id}
              items={score.items}
              domains={score.domains}
              view={itemsView}
              allHref={(domain) => withQuery(account.id, query, { items: "all" }, `domain-${domain}`)}
            />
          </CollapsibleSection>
        </>
      ) : null}

      <CollapsibleSection id="findings" title="Active findings, most severe first">
        <p className="small muted">
          The {ACCOUNT_FINDINGS_LIMIT} most severe; every finding of this account, with filters and export, is in the{" "}
          <Link href={`/findings?account=${account.id}`} data-testid="account-findings-link">
            findings explorer
          </Link>
          .
        </p>
        <FindingsTable rows={findings.rows} filters={findingFilters} selectable={false} now={new Date()} accountColumn={false} />
      </CollapsibleSection>

      <CollapsibleSection id="events" title="CloudTrail security events">
        <p className="small muted">Root use, console sign-ins, logging and detection changes, IAM and network changes; newest first.</p>
        {events && eventFilters ? (
          <SecurityEvents
            accountId={account.id}
            events={events.rows}
            nextCursor={events.nextCursor}
            filters={eventFilters}
            regions={account.regions}
          />
        ) : (
          <div role="alert" data-testid="events-invalid-query">
            <p className="error-text">The link&apos;s event filters cannot be used: {eventsError}</p>
            <p>
              <Link href={`/accounts/${account.id}#events`} className="button">
                Show events without them
              </Link>
            </p>
          </div>
        )}
      </CollapsibleSection>

      <CollapsibleSection id="collection" title="Collection health by region and source">
        <p className="small muted">
          Where the next collection of each source starts, and the AWS error that stopped the last one. Runs are on the{" "}
          <Link href={`/collection?account=${account.id}`}>collection page</Link>.
        </p>
        <CursorsTable rows={cursors.rows} />
        {cursors.total > cursors.rows.length ? (
          <p className="small muted">
            {`The first ${cursors.rows.length} of ${cursors.total}; `}
            <Link href={`/collection?account=${account.id}&cursor=all#cursors`}>every cursor is on the collection page</Link>.
          </p>
        ) : null}
      </CollapsibleSection>

      <UnmeasurableDuties compact />
      <ScrollToHash />
    </>
  );
}
