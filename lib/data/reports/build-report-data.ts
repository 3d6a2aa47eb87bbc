import "server-only";
import { mapSecurityEventRow, SECURITY_EVENT_COLUMNS, type SecurityEventRow } from "@/lib/data/checklist/map-security-event-row";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { Prisma } from "@/lib/generated/prisma/client";
import type pg from "pg";
import { diffSnapshots, type ChangeKind } from "@/lib/checklist/diff-snapshots";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "@/lib/checklist/items";
import { rankOrgFixFirst } from "@/lib/checklist/rank-org-fix-first";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import { classifyEventOutcome } from "@/lib/checklist/events/classify-event-outcome";
import { matchesRiskyEvent } from "@/lib/checklist/events/match-risky-event";
import type { TrailInfo } from "@/lib/aws/normalise/types";
import type { AccountScore, RiskyEventPattern } from "@/lib/checklist/types";
import { DOMAIN_TITLES, DOMAINS, type Domain } from "@/lib/checklist/types";
import { UNMEASURABLE_DUTIES } from "@/lib/checklist/unmeasurable-duties";
import { rebuildSnapshotScore, type SnapshotItemSummary } from "@/lib/data/scores/rebuild-snapshot-score";
import { type IsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import type { ReportData } from "@/lib/reports/report-model";
import { describeScope, type ReportScope } from "@/lib/reports/report-scope";
import { SHARED_RESPONSIBILITY } from "@/lib/reports/shared-responsibility";

const TREND_WEEKS = 12;
const ACCEPTANCE_HORIZON_DAYS = 30;
const RISKY_PATTERNS: RiskyEventPattern[] = ["root_use", "logging_tampering", "detection_disabled", "console_login_without_mfa"];
const PATTERN_LABEL: Record<RiskyEventPattern, string> = {
  root_use: "Root user activity",
  logging_tampering: "CloudTrail logging stopped or deleted",
  detection_disabled: "Threat detection switched off",
  console_login_without_mfa: "Console sign-in without MFA",
};
const CHANGE_KINDS: Array<ChangeKind | "new_account"> = [
  "fixed",
  "regressed",
  "new_resources",
  "lost_coverage",
  "gained_coverage",
  "now_applicable",
  "no_longer_applicable",
  "accepted",
  "acceptance_expired",
  "added_to_checklist",
  "removed_from_checklist",
  "new_account",
];
const TITLES = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item]));

/**
 * The scope filter every query of the report starts from: the `scoped` CTE of the accounts
 * (registered, not data-only) the scope matched when the report was built, resolved once
 * through the one scope helper (ids, tags or OUs), as $1.
 */
async function scopedCte(pool: pg.Pool, scope: ReportScope): Promise<{ sql: string; params: unknown[] }> {
  const { text, values } = toPgQuery(
    Prisma.sql`SELECT a.id FROM accounts a WHERE a.status <> 'data_only' AND ${accountInScope(scope, "a.id")}`,
  );
  const ids = (await pool.query<{ id: string }>(text, values)).rows.map((row) => row.id);
  return {
    sql: `scoped AS (SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at FROM accounts a WHERE a.id = ANY($1::text[]))`,
    params: [ids],
  };
}

interface SnapshotRow {
  account_id: string;
  day: Date;
  taken_at: Date;
  score: number | null;
  coverage: number | null;
  items: SnapshotItemSummary[] | null;
  checklist_version: string;
}

interface SumRow {
  wk: number;
  domain: string;
  applicable: number;
  with_data: number;
  earned: number;
  adjusted: number;
  accounts: number;
}

/**
 * Builds the weekly report of `scope` for `week` from the stored score snapshots, findings,
 * CloudTrail events, acceptances and source states: the same rows, formulas and rounding
 * as the console's read models (pooled org score and coverage as in find-org-domain-scores,
 * fix-first as rank-org-fix-first, what-changed as diff-snapshots), taken at the week's end.
 *
 * The week's figures pool each account's last snapshot of the week; "change" compares with
 * the previous week's point, and per account with its last snapshot before the week (or the
 * week's first, for a new account). Memory grows with accounts x checklist items, never with
 * findings or events: those are counted and grouped in SQL.
 */
export async function buildReportData(pool: pg.Pool, scope: ReportScope, week: IsoWeek, generatedAt: Date): Promise<ReportData> {
  const cte = await scopedCte(pool, scope);
  const trendStart = shiftIsoWeek(week, -(TREND_WEEKS - 1));
  const p = cte.params;

  const [accounts, sums, endRows, beforeRows, firstRows, threatCounts, threatRows, eventRows, trailRows, acceptances, sources, noData] =
    await Promise.all([
      pool.query<{ id: string; name: string; status: string; status_error: string | null; last_collected_at: Date | null }>(
        `WITH ${cte.sql} SELECT * FROM scoped ORDER BY id`,
        p,
      ),
      pool.query<SumRow>(
        `WITH ${cte.sql},
       last_in_week AS (
         SELECT DISTINCT ON (s.account_id, (s.day - $2::date) / 7) s.account_id, (s.day - $2::date) / 7 AS wk, s.domains
         FROM score_snapshots s JOIN scoped ON scoped.id = s.account_id
         WHERE s.day >= $2::date AND s.day < $3::date
         ORDER BY s.account_id, (s.day - $2::date) / 7, s.day DESC)
       SELECT wk::int AS wk, d.key AS domain,
              sum((d.value->>'weightApplicable')::float8)::float8 AS applicable,
              sum((d.value->>'weightWithData')::float8)::float8 AS with_data,
              sum((d.value->>'earnedWeight')::float8)::float8 AS earned,
              sum((d.value->>'riskAdjustedEarnedWeight')::float8)::float8 AS adjusted,
              count(DISTINCT account_id)::int AS accounts
       FROM last_in_week, jsonb_each(last_in_week.domains) d
       GROUP BY wk, d.key`,
        [...p, day(trendStart.start), day(week.end)],
      ),
      snapshotQuery(pool, cte, "s.day >= $2::date AND s.day < $3::date", "DESC", [day(week.start), day(week.end)]),
      snapshotQuery(pool, cte, "s.day < $2::date AND s.day >= $2::date - 35", "DESC", [day(week.start)]),
      snapshotQuery(pool, cte, "s.day >= $2::date AND s.day < $3::date", "ASC", [day(week.start), day(week.end)]),
      pool.query<{ critical: number; high: number; active: number }>(
        `WITH ${cte.sql}
       SELECT count(*) FILTER (WHERE f.severity_label = 'CRITICAL')::int AS critical,
              count(*) FILTER (WHERE f.severity_label = 'HIGH')::int AS high,
              count(*) FILTER (WHERE f.status = 'active')::int AS active
       FROM findings f JOIN scoped ON scoped.id = f.account_id
       WHERE f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
         AND f.first_seen_at >= $2 AND f.first_seen_at < $3`,
        [...p, week.start, week.end],
      ),
      pool.query<{
        account_id: string;
        name: string;
        severity_label: "CRITICAL" | "HIGH";
        type: string;
        title: string;
        count: number;
        active: number;
        first_seen_at: Date;
      }>(
        `WITH ${cte.sql}
       SELECT f.account_id, scoped.name, f.severity_label, f.type, min(f.title) AS title, count(*)::int AS count,
              count(*) FILTER (WHERE f.status = 'active')::int AS active, min(f.first_seen_at) AS first_seen_at
       FROM findings f JOIN scoped ON scoped.id = f.account_id
       WHERE f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
         AND f.first_seen_at >= $2 AND f.first_seen_at < $3
       GROUP BY f.account_id, scoped.name, f.severity_label, f.type
       ORDER BY (f.severity_label = 'CRITICAL') DESC, count(*) DESC, f.account_id, f.type
       LIMIT 40`,
        [...p, week.start, week.end],
      ),
      // Candidate events, one row each with the outcome and parameter fields the checklist's
      // events rule reads from the stored record; classifyEventOutcome and matchesRiskyEvent
      // decide below, so the report and the score agree on what is risky and what happened.
      pool.query<SecurityEventRow & { account_id: string; name: string }>(
        `WITH ${cte.sql}
       SELECT e.account_id, scoped.name, ${SECURITY_EVENT_COLUMNS}
       FROM cloudtrail_events e JOIN scoped ON scoped.id = e.account_id
       WHERE e.event_time >= $2 AND e.event_time < $3 AND e.error_code IS NULL
         AND (e.user_type = 'Root' OR e.event_name = 'ConsoleLogin'
              OR e.event_source IN ('cloudtrail.amazonaws.com', 'guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'config.amazonaws.com',
                                    'access-analyzer.amazonaws.com', 'kms.amazonaws.com'))`,
        [...p, week.start, week.end],
      ),
      pool.query<{
        account_id: string;
        name: string;
        home_region: string;
        is_multi_region: boolean;
        is_logging: boolean;
        log_file_validation: boolean;
        kms_key_id: string | null;
        cloudwatch_logs_log_group_arn: string | null;
      }>(
        `WITH ${cte.sql}
       SELECT t.account_id, t.name, t.home_region, t.is_multi_region, t.is_logging, t.log_file_validation, t.kms_key_id, t.cloudwatch_logs_log_group_arn
       FROM trails t JOIN scoped ON scoped.id = t.account_id`,
        p,
      ),
      pool.query<{ account_id: string; name: string; item_id: string; owner: string; reason: string; expires_at: Date }>(
        `WITH ${cte.sql}
       SELECT r.account_id, scoped.name, r.item_id, r.owner, r.reason, r.expires_at
       FROM risk_acceptances r JOIN scoped ON scoped.id = r.account_id
       WHERE r.revoked_at IS NULL AND r.expires_at >= $2 AND r.expires_at < $2::timestamptz + make_interval(days => $3)
       ORDER BY r.expires_at, r.account_id, r.item_id`,
        [...p, week.end, ACCEPTANCE_HORIZON_DAYS],
      ),
      pool.query<{ account_id: string; name: string; region: string; source: string; state: string; error: string | null }>(
        `WITH ${cte.sql}
       SELECT c.account_id, scoped.name, c.region, c.source, c.state, c.error
       FROM source_cursors c JOIN scoped ON scoped.id = c.account_id
       WHERE c.state <> 'ok'
       ORDER BY c.account_id, c.source, c.region`,
        p,
      ),
      pool.query<{ item_id: string; accounts: number }>(
        `WITH ${cte.sql},
       last_snap AS (
         SELECT DISTINCT ON (s.account_id) s.items FROM score_snapshots s JOIN scoped ON scoped.id = s.account_id
         WHERE s.day >= $2::date AND s.day < $3::date ORDER BY s.account_id, s.day DESC)
       SELECT i->>'itemId' AS item_id, count(*)::int AS accounts
       FROM last_snap, jsonb_array_elements(last_snap.items) i
       WHERE i->>'status' = 'no_data'
       GROUP BY 1 ORDER BY 2 DESC, 1`,
        [...p, day(week.start), day(week.end)],
      ),
    ]);

  const names = new Map(accounts.rows.map((row) => [row.id, row.name]));
  const nameOf = (id: string) => names.get(id) ?? id;

  // Trend and domain scorecard: pooled sums per week (index 0 = oldest) and domain.
  type Sums = { applicable: number; withData: number; earned: number; adjusted: number; accounts: number };
  const zero = (): Sums => ({ applicable: 0, withData: 0, earned: 0, adjusted: 0, accounts: 0 });
  const perWeek = Array.from({ length: TREND_WEEKS }, () => ({ total: zero(), domains: new Map<string, Sums>() }));
  for (const row of sums.rows) {
    const bucket = perWeek[row.wk];
    if (!bucket) continue;
    bucket.domains.set(row.domain, {
      applicable: row.applicable,
      withData: row.with_data,
      earned: row.earned,
      adjusted: row.adjusted,
      accounts: row.accounts,
    });
    bucket.total.applicable += row.applicable;
    bucket.total.withData += row.with_data;
    bucket.total.earned += row.earned;
    bucket.total.adjusted += row.adjusted;
    bucket.total.accounts = Math.max(bucket.total.accounts, row.accounts);
  }
  const scoreOf = (s: Sums | undefined) => (s && s.withData > 0 ? roundToTenth((100 * s.earned) / s.withData) : null);
  const adjustedOf = (s: Sums | undefined) => (s && s.withData > 0 ? roundToTenth((100 * s.adjusted) / s.withData) : null);
  const coverageOf = (s: Sums | undefined) => (s && s.applicable > 0 ? roundToTenth((100 * s.withData) / s.applicable) : null);
  const diff = (after: number | null, before: number | null) => (after === null || before === null ? null : roundToTenth(after - before));
  const trend = perWeek.map((bucket, index) => ({
    week: shiftIsoWeek(trendStart, index).id,
    score: scoreOf(bucket.total),
    coverage: coverageOf(bucket.total),
    accounts: bucket.total.accounts,
  }));
  const current = perWeek[TREND_WEEKS - 1]!;
  const previous = perWeek[TREND_WEEKS - 2]!;

  // Per account: the week's last snapshot against the one before the week (or the week's first).
  const toScore = (row: SnapshotRow): AccountScore =>
    rebuildSnapshotScore(row.account_id, { takenAt: row.taken_at, checklistVersion: row.checklist_version, items: row.items ?? [] });
  const endScores = endRows.map(toScore);
  const beforeById = new Map(beforeRows.map((row) => [row.account_id, row]));
  const firstById = new Map(firstRows.map((row) => [row.account_id, row]));
  const totals = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as ReportData["changes"]["totals"];
  const highlights: ReportData["changes"]["highlights"] = [];
  const changedAccounts: ReportData["changes"]["accounts"] = [];
  const accountFigures: Array<{ accountId: string; score: number | null; coverage: number | null; change: number | null }> = [];
  for (const end of endRows) {
    const after = toScore(end);
    const baseRow = beforeById.get(end.account_id) ?? null;
    const isNew = baseRow === null;
    const startRow = baseRow ?? firstById.get(end.account_id)!;
    const before = toScore(startRow);
    const snapshotDiff = diffSnapshots(before, after);
    const scoreChange = isNew ? null : diff(after.score, before.score);
    accountFigures.push({ accountId: end.account_id, score: after.score, coverage: after.coverage, change: scoreChange });
    if (isNew) totals.new_account += 1;
    const counts: Partial<Record<ChangeKind, number>> = {};
    for (const change of snapshotDiff.changes) {
      totals[change.kind] += 1;
      counts[change.kind] = (counts[change.kind] ?? 0) + 1;
      highlights.push({
        accountId: end.account_id,
        accountName: nameOf(end.account_id),
        itemId: change.itemId,
        title: TITLES.get(change.itemId)?.title ?? change.itemId,
        kind: change.kind,
        scoreImpact: change.scoreImpact,
        detail: change.reason,
      });
    }
    if (isNew || snapshotDiff.changes.length > 0) {
      changedAccounts.push({
        accountId: end.account_id,
        accountName: nameOf(end.account_id),
        scoreBefore: isNew ? null : before.score,
        scoreAfter: after.score,
        scoreChange,
        isNew,
        counts,
        main: snapshotDiff.changes
          .slice(0, 3)
          .map(
            (change) =>
              `${change.itemId} ${change.kind.replace(/_/g, " ")}${change.scoreImpact ? ` (${change.scoreImpact > 0 ? "+" : ""}${change.scoreImpact})` : ""}`,
          )
          .join("; "),
      });
    }
  }
  highlights.sort(
    (a, b) =>
      Math.abs(b.scoreImpact) - Math.abs(a.scoreImpact) || a.accountId.localeCompare(b.accountId) || a.itemId.localeCompare(b.itemId),
  );
  changedAccounts.sort((a, b) => Math.abs(b.scoreChange ?? 0) - Math.abs(a.scoreChange ?? 0) || a.accountId.localeCompare(b.accountId));

  const assessedIds = new Set(endRows.map((row) => row.account_id));
  const worstAccounts = accountFigures
    .filter((account) => account.score !== null)
    .sort((a, b) => a.score! - b.score! || a.accountId.localeCompare(b.accountId))
    .slice(0, 5)
    .map((account) => ({
      accountId: account.accountId,
      accountName: nameOf(account.accountId),
      score: account.score,
      coverage: account.coverage,
      scoreChange: account.change,
    }));
  const moving = accountFigures.filter(
    (account): account is typeof account & { change: number } => account.change !== null && account.change !== 0,
  );
  const mover = (account: (typeof moving)[number]) => ({
    accountId: account.accountId,
    accountName: nameOf(account.accountId),
    score: account.score,
    scoreChange: account.change,
  });
  const movers = {
    up: moving
      .filter((a) => a.change > 0)
      .sort((a, b) => b.change - a.change || a.accountId.localeCompare(b.accountId))
      .slice(0, 3)
      .map(mover),
    down: moving
      .filter((a) => a.change < 0)
      .sort((a, b) => a.change - b.change || a.accountId.localeCompare(b.accountId))
      .slice(0, 3)
      .map(mover),
  };

  const topFixes = rankOrgFixFirst(endScores)
    .slice(0, 5)
    .map((fix) => ({
      itemId: fix.itemId,
      title: TITLES.get(fix.itemId)?.title ?? fix.itemId,
      domain: fix.domain,
      severity: fix.severity,
      uplift: fix.uplift,
      accountCount: fix.accounts.length,
      accounts: fix.accounts
        .slice(0, 5)
        .map((account) => ({ accountId: account.accountId, accountName: nameOf(account.accountId), uplift: account.uplift })),
      remediation: TITLES.get(fix.itemId)?.remediation ?? "",
    }));

  const events = new Map<string, ReportData["threats"]["events"][number]>();
  const trailsByAccount = new Map<string, TrailInfo[]>();
  for (const row of trailRows.rows) {
    const trail: TrailInfo = {
      name: row.name,
      homeRegion: row.home_region,
      isMultiRegion: row.is_multi_region,
      isLogging: row.is_logging,
      logFileValidation: row.log_file_validation,
      kmsKeyId: row.kms_key_id,
      cloudWatchLogsLogGroupArn: row.cloudwatch_logs_log_group_arn,
    };
    trailsByAccount.set(row.account_id, [...(trailsByAccount.get(row.account_id) ?? []), trail]);
  }
  for (const row of eventRows.rows) {
    const event = mapSecurityEventRow(row);
    if (classifyEventOutcome(event) !== "success") continue;
    const trails = trailsByAccount.get(row.account_id) ?? [];
    const pattern = RISKY_PATTERNS.find((candidate) => matchesRiskyEvent(candidate, event, trails));
    if (!pattern) continue;
    const key = `${row.account_id} ${pattern} ${row.event_name}`;
    const existing = events.get(key);
    if (existing) {
      existing.count += 1;
      if (row.event_time.toISOString() > existing.lastAt) existing.lastAt = row.event_time.toISOString();
    } else {
      events.set(key, {
        accountId: row.account_id,
        accountName: row.name,
        pattern: PATTERN_LABEL[pattern],
        eventName: row.event_name,
        count: 1,
        lastAt: row.event_time.toISOString(),
      });
    }
  }
  const eventList = [...events.values()].sort(
    (a, b) => b.count - a.count || a.accountId.localeCompare(b.accountId) || a.eventName.localeCompare(b.eventName),
  );
  const counts = threatCounts.rows[0] ?? { critical: 0, high: 0, active: 0 };

  const notAssessedAccounts = accounts.rows
    .filter((row) => !assessedIds.has(row.id) || row.status === "unreachable" || row.status === "disabled")
    .map((row) => ({
      accountId: row.id,
      accountName: row.name,
      status: row.status,
      reason: !assessedIds.has(row.id)
        ? `No evaluation this week${row.last_collected_at ? `; last collected ${row.last_collected_at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "; never collected"}.`
        : `${row.status}${row.status_error ? `: ${row.status_error}` : ""} (figures use its last evaluation of the week).`,
    }));

  const takenTimes = endRows.map((row) => row.taken_at.getTime());
  return {
    formatVersion: 1,
    scope,
    scopeLabel: describeScope(scope),
    week: week.id,
    periodStart: week.start.toISOString(),
    periodEnd: week.end.toISOString(),
    generatedAt: generatedAt.toISOString(),
    checklistVersion: endRows[0]?.checklist_version ?? CHECKLIST_VERSION,
    freshness: {
      oldestEvidenceAt: takenTimes.length ? new Date(Math.min(...takenTimes)).toISOString() : null,
      newestEvidenceAt: takenTimes.length ? new Date(Math.max(...takenTimes)).toISOString() : null,
    },
    org: {
      score: scoreOf(current.total),
      riskAdjustedScore: adjustedOf(current.total),
      coverage: coverageOf(current.total),
      scoreChange: diff(scoreOf(current.total), scoreOf(previous.total)),
      coverageChange: diff(coverageOf(current.total), coverageOf(previous.total)),
      accountsInScope: accounts.rows.length,
      accountsAssessed: endRows.length,
    },
    trend,
    domains: DOMAINS.map((domain: Domain) => ({
      domain,
      title: DOMAIN_TITLES[domain],
      ...SHARED_RESPONSIBILITY[domain],
      score: scoreOf(current.domains.get(domain)),
      coverage: coverageOf(current.domains.get(domain)),
      scoreChange: diff(scoreOf(current.domains.get(domain)), scoreOf(previous.domains.get(domain))),
    })),
    changes: { totals, highlights: highlights.slice(0, 12), accounts: changedAccounts },
    worstAccounts,
    movers,
    threats: {
      newCritical: counts.critical,
      newHigh: counts.high,
      stillActive: counts.active,
      riskyEvents: eventList.reduce((sum, event) => sum + event.count, 0),
      findings: threatRows.rows.map((row) => ({
        accountId: row.account_id,
        accountName: row.name,
        severity: row.severity_label,
        type: row.type,
        title: row.title,
        count: row.count,
        active: row.active,
        firstSeenAt: row.first_seen_at.toISOString(),
      })),
      events: eventList.slice(0, 30),
    },
    topFixes,
    expiringAcceptances: acceptances.rows.map((row) => ({
      accountId: row.account_id,
      accountName: row.name,
      itemId: row.item_id,
      title: TITLES.get(row.item_id)?.title ?? row.item_id,
      owner: row.owner,
      reason: row.reason,
      expiresAt: row.expires_at.toISOString(),
    })),
    notAssessed: {
      accounts: notAssessedAccounts,
      sources: sources.rows.map((row) => ({
        accountId: row.account_id,
        accountName: row.name,
        region: row.region,
        source: row.source,
        state: row.state,
        error: row.error,
      })),
      noDataItems: noData.rows.map((row) => ({
        itemId: row.item_id,
        title: TITLES.get(row.item_id)?.title ?? row.item_id,
        accounts: row.accounts,
      })),
      unmeasurable: UNMEASURABLE_DUTIES.map((duty) => ({ id: duty.id, domain: duty.domain, duty: duty.duty, reason: duty.reason })),
    },
  };
}

/** A UTC calendar day as PostgreSQL reads a date, whatever the session's time zone. */
const day = (at: Date) => at.toISOString().slice(0, 10);

async function snapshotQuery(
  pool: pg.Pool,
  cte: { sql: string; params: unknown[] },
  where: string,
  order: "ASC" | "DESC",
  extra: unknown[],
): Promise<SnapshotRow[]> {
  const result = await pool.query<SnapshotRow>(
    `WITH ${cte.sql}
     SELECT DISTINCT ON (s.account_id) s.account_id, s.day, s.taken_at, s.score, s.coverage, s.items, s.checklist_version
     FROM score_snapshots s JOIN scoped ON scoped.id = s.account_id
     WHERE ${where}
     ORDER BY s.account_id, s.day ${order}`,
    [...cte.params, ...extra],
  );
  return result.rows;
}
