import "server-only";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import type pg from "pg";
import type { AssumedRoleCache, RoleTarget } from "@/lib/aws/assume-role";
import { classifyAwsError } from "@/lib/aws/classify-aws-error";
import { describeTrails, fetchSecurityEvents } from "@/lib/aws/collectors/cloudtrail";
import { describeGuardDuty, fetchGuardDutyFindings } from "@/lib/aws/collectors/guardduty";
import { describeSecurityHub, fetchSecurityHubFindings } from "@/lib/aws/collectors/securityhub";
import type { FindingsPage } from "@/lib/aws/collectors/types";
import { type AwsContext, clientConfig } from "@/lib/aws/context";
import { applyRateLimit, type RateLimiter } from "@/lib/aws/rate-limits";
import type { RecordProblem } from "@/lib/aws/normalise/types";
import { type Source, SOURCES } from "@/lib/aws/sources";
import { withTransaction } from "@/lib/db";
import { loadCursor, saveCursor } from "@/lib/ingest/save-cursor";
import { saveDetectors, saveHub, saveTrails } from "@/lib/ingest/save-service-state";
import { upsertEvents } from "@/lib/ingest/upsert-events";
import { upsertFindings } from "@/lib/ingest/upsert-findings";

export interface CollectDeps {
  context: AwsContext;
  roles: AssumedRoleCache;
  limiter: RateLimiter;
  pool: pg.Pool;
  now: () => Date;
  /** How far back a first collection looks. */
  findingsLookbackDays: number;
  cloudTrailLookbackDays: number;
  log: (line: string) => void;
}

export interface CollectTarget extends RoleTarget {
  regions: string[];
}

export interface StepSummary {
  region: string;
  source: Source;
  status: "succeeded" | "disabled" | "failed";
  fetched: number;
  inserted: number;
  updated: number;
  errorCode: string | null;
  error: string | null;
  problems: RecordProblem[];
}

export interface RunSummary {
  runId: string;
  accountId: string;
  status: "succeeded" | "partial" | "failed";
  error: string | null;
  steps: StepSummary[];
}

/** CloudTrail delivers events up to ~15 minutes late; each lookup re-reads that much (inserts are idempotent). */
const CLOUDTRAIL_OVERLAP_MS = 15 * 60_000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * One full collection of one account: assume its role once, then every enabled region x
 * source in parallel (each under its own API quotas). A failing region or source is
 * recorded with the AWS error and the others carry on; a denied role fails the account.
 */
export async function collectAccount(deps: CollectDeps, target: CollectTarget, trigger: string): Promise<RunSummary> {
  const { pool } = deps;
  // A worker killed mid-run leaves its run "running"; the job key allows one collection per
  // account at a time, so any such run is dead. Close it so the console does not show it as live.
  await pool.query(
    `WITH closed AS (
       UPDATE collection_runs SET status = 'failed', finished_at = now(),
         error = 'interrupted: the worker stopped before this run finished; the next run resumed from the stored cursors'
       WHERE account_id = $1 AND status = 'running' RETURNING id)
     UPDATE collection_steps SET status = 'failed', finished_at = now(), error_code = 'Interrupted', error = 'the worker stopped during this step'
     WHERE run_id IN (SELECT id FROM closed) AND status = 'running'`,
    [target.accountId],
  );
  const run = await pool.query<{ id: string }>("INSERT INTO collection_runs (account_id, trigger) VALUES ($1, $2) RETURNING id::text", [
    target.accountId,
    trigger,
  ]);
  const runId = run.rows[0]!.id;

  try {
    await deps.roles.get(target);
  } catch (error) {
    const failure = classifyAwsError(error);
    const message = `AssumeRole into ${target.roleArn} failed: ${failure.message}`;
    await pool.query("UPDATE collection_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1", [runId, message]);
    await pool.query("UPDATE accounts SET status = 'unreachable', status_error = $2, updated_at = now() WHERE id = $1", [
      target.accountId,
      message,
    ]);
    deps.log(`account ${target.accountId}: ${message}`);
    return { runId, accountId: target.accountId, status: "failed", error: message, steps: [] };
  }

  const steps = await Promise.all(
    target.regions.flatMap((region) => SOURCES.map((source) => runStep(deps, target, runId, region, source))),
  );
  const failed = steps.filter((step) => step.status === "failed").length;
  const status = failed === 0 ? "succeeded" : failed === steps.length ? "failed" : "partial";
  const error = failed === 0 ? null : `${failed} of ${steps.length} region/source steps failed`;
  const stats = {
    fetched: steps.reduce((sum, step) => sum + step.fetched, 0),
    inserted: steps.reduce((sum, step) => sum + step.inserted, 0),
    updated: steps.reduce((sum, step) => sum + step.updated, 0),
    problems: steps.reduce((sum, step) => sum + step.problems.length, 0),
  };
  await pool.query("UPDATE collection_runs SET status = $2, finished_at = now(), error = $3, stats = $4 WHERE id = $1", [
    runId,
    status,
    error,
    JSON.stringify(stats),
  ]);
  await pool.query(
    `UPDATE accounts SET status = 'active', status_error = $2, last_collected_at = now(), updated_at = now() WHERE id = $1`,
    [target.accountId, error],
  );
  return { runId, accountId: target.accountId, status, error, steps };
}

async function runStep(deps: CollectDeps, target: CollectTarget, runId: string, region: string, source: Source): Promise<StepSummary> {
  const step = await deps.pool.query<{ id: string }>(
    "INSERT INTO collection_steps (run_id, account_id, region, source) VALUES ($1, $2, $3, $4) RETURNING id::text",
    [runId, target.accountId, region, source],
  );
  const stepId = step.rows[0]!.id;
  const summary: StepSummary = {
    region,
    source,
    status: "succeeded",
    fetched: 0,
    inserted: 0,
    updated: 0,
    errorCode: null,
    error: null,
    problems: [],
  };
  const key = { accountId: target.accountId, region, source };

  for (let attempt = 1; ; attempt++) {
    try {
      const isEnabled = await collectSource(deps, target, region, source, summary);
      summary.status = isEnabled ? "succeeded" : "disabled";
      break;
    } catch (error) {
      const failure = classifyAwsError(error);
      // Credentials that expire mid-pagination: drop the session and resume from the cursor once.
      if (failure.kind === "expired-credentials" && attempt === 1) {
        deps.roles.invalidate(target);
        continue;
      }
      summary.status = "failed";
      summary.errorCode = failure.code;
      summary.error = failure.message;
      await saveCursor(deps.pool, key, { position: null, state: "error", errorCode: failure.code, error: failure.message });
      deps.log(`account ${target.accountId} ${region} ${source}: ${failure.message}`);
      break;
    }
  }

  await deps.pool.query(
    `UPDATE collection_steps SET status = $2, finished_at = now(), fetched = $3, inserted = $4, updated = $5, error_code = $6, error = $7 WHERE id = $1`,
    [stepId, summary.status, summary.fetched, summary.inserted, summary.updated, summary.errorCode, summary.error],
  );
  return summary;
}

/** Closes a client's own connections; clients on the shared agents are left to the garbage collector. */
function releaseClient(client: { destroy: () => void }, context: AwsContext): void {
  if (!context.agents) client.destroy();
}

/** What a source's collector gets: a client config for the region, the cursor, and where to count. */
interface SourceStep {
  deps: CollectDeps;
  target: CollectTarget;
  region: string;
  config: ReturnType<typeof clientConfig>;
  key: { accountId: string; region: string; source: Source };
  /** The stored cursor, null before the first collection. */
  stored: Date | null;
  now: Date;
  summary: StepSummary;
}

/** Collects one source in one region. Returns false when the service is off there. */
async function collectSource(
  deps: CollectDeps,
  target: CollectTarget,
  region: string,
  source: Source,
  summary: StepSummary,
): Promise<boolean> {
  const credentials = deps.roles.providerFor(target);
  const config = clientConfig(deps.context, region, credentials);
  const key = { accountId: target.accountId, region, source };
  const stored = await loadCursor(deps.pool, key);
  return SOURCE_COLLECTORS[source]({ deps, target, region, config, key, stored, now: deps.now(), summary });
}

/** Stores finding pages, each with its cursor in the same transaction. */
async function ingestFindingPages(step: SourceStep, pages: AsyncGenerator<FindingsPage>): Promise<void> {
  const { deps, key, summary } = step;
  for await (const page of pages) {
    const counts = await withTransaction(async (client) => {
      const result = await upsertFindings(client, page.findings);
      await saveCursor(client, key, { position: page.cursor, state: "ok" });
      return result;
    }, deps.pool);
    summary.fetched += page.fetched;
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.problems.push(...page.problems);
  }
}

/**
 * The SDK side of each source (lib/aws/sources.ts holds the rest of what a source is). A
 * Record, not an if-chain, so a new source cannot fall through to another source's code.
 */
const SOURCE_COLLECTORS: Record<Source, (step: SourceStep) => Promise<boolean>> = {
  async guardduty(step) {
    const { deps, target, region, key, stored, now } = step;
    const client = new GuardDutyClient(step.config);
    applyRateLimit(client, deps.limiter, { accountId: target.accountId, region, service: "guardduty" });
    try {
      const detectors = await describeGuardDuty(client, region);
      const enabled = detectors.filter((detector) => detector.status === "ENABLED");
      await withTransaction(async (tx) => {
        await saveDetectors(tx, target.accountId, region, detectors);
        await saveCursor(tx, key, { position: null, state: enabled.length > 0 ? "ok" : "disabled" });
      }, deps.pool);
      if (enabled.length === 0) return false;
      const since = stored ?? new Date(now.getTime() - deps.findingsLookbackDays * DAY_MS);
      for (const detector of enabled) await ingestFindingPages(step, fetchGuardDutyFindings(client, detector.detectorId, since));
      return true;
    } finally {
      releaseClient(client, deps.context);
    }
  },

  async securityhub(step) {
    const { deps, target, region, key, stored, now } = step;
    const client = new SecurityHubClient(step.config);
    applyRateLimit(client, deps.limiter, { accountId: target.accountId, region, service: "securityhub" });
    try {
      const hub = await describeSecurityHub(client, region);
      await withTransaction(async (tx) => {
        await saveHub(tx, target.accountId, hub);
        await saveCursor(tx, key, { position: null, state: hub.enabled ? "ok" : "disabled" });
      }, deps.pool);
      if (!hub.enabled) return false;
      const since = stored ?? new Date(now.getTime() - deps.findingsLookbackDays * DAY_MS);
      await ingestFindingPages(step, fetchSecurityHubFindings(client, since, now));
      return true;
    } finally {
      releaseClient(client, deps.context);
    }
  },

  async cloudtrail(step) {
    const { deps, target, region, key, stored, now, summary } = step;
    const client = new CloudTrailClient(step.config);
    applyRateLimit(client, deps.limiter, { accountId: target.accountId, region, service: "cloudtrail" });
    try {
      const trails = await describeTrails(client, region);
      await withTransaction((tx) => saveTrails(tx, target.accountId, region, trails), deps.pool);
      const since = stored
        ? new Date(stored.getTime() - CLOUDTRAIL_OVERLAP_MS)
        : new Date(now.getTime() - deps.cloudTrailLookbackDays * DAY_MS);
      for await (const page of fetchSecurityEvents(client, since, now)) {
        const counts = await withTransaction((tx) => upsertEvents(tx, page.events), deps.pool);
        summary.fetched += page.fetched;
        summary.inserted += counts.inserted;
        summary.problems.push(...page.problems);
      }
      // Only after every lookup's pages are stored: a crash before this re-reads the window.
      await withTransaction((tx) => saveCursor(tx, key, { position: now, state: "ok" }), deps.pool);
      // Events are looked up even without a trail (LookupEvents covers 90 days regardless); "no trail" is itself evidence.
      return true;
    } finally {
      releaseClient(client, deps.context);
    }
  },
};
