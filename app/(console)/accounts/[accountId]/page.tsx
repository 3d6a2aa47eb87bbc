import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { isAccountId } from "@/lib/aws/account-id";
import { canManageAccounts } from "@/lib/auth/permissions";
import { rankFixFirst } from "@/lib/checklist/rank-fix-first";
import { findAccountAttemptSignals } from "@/lib/data/checklist/find-account-attempt-signals";
import { findAccountSecurityEvents } from "@/lib/data/checklist/find-account-security-events";
import { findScoreChanges } from "@/lib/data/scores/find-score-changes";
import { findScoreHistory } from "@/lib/data/scores/find-score-history";
import { getAccountScorecard } from "@/lib/data/scores/get-account-scorecard";
import { isAppError } from "@/lib/errors";
import { UnmeasurableDuties } from "../../_components/unmeasurable-duties";
import { AccountHeader } from "./_components/account-header";
import { AccountTags } from "./_components/account-tags";
import { AttemptSignals } from "./_components/attempt-signals";
import { EvidenceFreshness } from "./_components/evidence-freshness";
import { DomainsTable } from "./_components/domains-table";
import { FixFirstList } from "./_components/fix-first-list";
import { formatPercent, formatScore, formatTime, scoreClass } from "../../_components/format";
import { ItemsByDomain } from "./_components/items-by-domain";
import { ScoreChanges } from "./_components/score-changes";
import { ScoreTrendChart } from "./_components/score-trend-chart";
import { SecurityEvents } from "./_components/security-events";

export const dynamic = "force-dynamic";

const FIX_FIRST_LIMIT = 10;

export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  if (!isAccountId(accountId)) notFound();
  const user = await requirePageUser();
  const [scorecard, history, changes, events, signals] = await Promise.all([
    getAccountScorecard(user, accountId),
    findScoreHistory(user, accountId),
    findScoreChanges(user, accountId),
    findAccountSecurityEvents(user, accountId),
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
          <Link href={`/accounts/${account.id}/edit`} className="small" style={{ marginLeft: 12, fontWeight: "normal" }} data-testid="edit-account-link">
            Edit account
          </Link>
        ) : null}
      </h1>
      <AccountHeader scorecard={scorecard} />
      <AccountTags accountId={account.id} tags={account.tags} ouPath={account.ouPath} canEdit={canManageAccounts(user)} />

      {!snapshot || !score ? (
        <section className="panel">
          <p className="muted">Not scored yet: the score appears after the first collection of this account finishes.</p>
        </section>
      ) : (
        <>
          <div className="tiles" data-testid="score-tiles">
            <div className="tile">
              <div className="label">Score</div>
              <div className={`value ${scoreClass(snapshot.score)}`} data-testid="account-score">
                {formatScore(snapshot.score)}
              </div>
              <div className="sub">raw: accepted risks count as failing</div>
            </div>
            <div className="tile">
              <div className="label">Risk-adjusted</div>
              <div className="value" data-testid="account-risk-adjusted-score">
                {formatScore(snapshot.riskAdjustedScore)}
              </div>
              <div className="sub">accepted risks count as passing</div>
            </div>
            <div className="tile">
              <div className="label">Coverage</div>
              <div className="value" data-testid="account-coverage">
                {formatPercent(snapshot.coverage)}
              </div>
              <div className="sub">
                of applicable weight had evidence · evidence as of {snapshot.evidenceAsOf ? formatTime(snapshot.evidenceAsOf) : "unknown"}
              </div>
            </div>
            <div className="tile">
              <div className="label">Items</div>
              <div className="value">{failing}</div>
              <div className="sub">
                failing or partial · {noData} without data · {score.items.length} in checklist {snapshot.checklistVersion}
              </div>
            </div>
            <div className="tile">
              <div className="label">Evaluated</div>
              <div className="value" style={{ fontSize: 16 }}>
                {formatTime(snapshot.takenAt)}
              </div>
              <div className="sub">latest daily snapshot ({snapshot.day})</div>
            </div>
          </div>

          <section className="panel">
            <h2>Evidence behind the coverage</h2>
            <EvidenceFreshness snapshot={snapshot} />
          </section>

          <section className="panel">
            <h2>Score trend</h2>
            <ScoreTrendChart
              data={history.map((point) => ({ day: point.day, Score: point.score, "Risk-adjusted": point.riskAdjustedScore, Coverage: point.coverage }))}
            />
          </section>

          <div className="grid-2">
            <section className="panel">
              <h2>Domains</h2>
              <DomainsTable domains={snapshot.domains} />
            </section>
            <section className="panel">
              <h2>Fix first</h2>
              <p className="small muted">Failing items ranked by the points the risk-adjusted score gains if each passes.</p>
              <FixFirstList accountId={account.id} entries={fixFirst} />
            </section>
          </div>

          <section className="panel">
            <h2>What changed since the previous snapshot</h2>
            <ScoreChanges accountId={account.id} diff={changes} />
          </section>

          <section className="panel">
            <h2>Checklist items</h2>
            <ItemsByDomain accountId={account.id} items={score.items} domains={score.domains} />
          </section>
        </>
      )}

      <section className="panel">
        <h2>Failed and refused attempts</h2>
        <p className="small muted">Attempts are not acts: none of these fails a checklist item, but each is worth a look.</p>
        <AttemptSignals accountId={account.id} signals={signals} />
      </section>

      <UnmeasurableDuties compact />

      <section className="panel">
        <h2>Latest CloudTrail security events</h2>
        <p className="small muted">
          Root use, console sign-ins, logging and detection changes, IAM and network changes. Every active finding of this account is in the{" "}
          <Link href={`/findings?account=${account.id}`}>findings explorer</Link>.
        </p>
        <SecurityEvents accountId={account.id} events={events} />
      </section>
    </>
  );
}
