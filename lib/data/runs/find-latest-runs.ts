import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface RunStepRow {
  region: string;
  source: string;
  /** running | succeeded | disabled | failed */
  status: string;
  fetched: number;
  inserted: number;
  updated: number;
  startedAt: Date;
  finishedAt: Date | null;
  errorCode: string | null;
  error: string | null;
}

export interface LatestRunRow {
  accountId: string;
  accountName: string;
  accountStatus: string;
  regions: string[];
  runId: string | null;
  /** running | succeeded | partial | failed; null when the account was never collected */
  status: string | null;
  trigger: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  steps: RunStepRow[];
}

/**
 * Collection health: for every account in the user's scope (except those known only from
 * records), its latest run with every region x source step of that run.
 */
export async function findLatestRuns(user: SessionUser, options: { accountId?: string } = {}): Promise<LatestRunRow[]> {
  const conditions = [Prisma.sql`a.status <> 'data_only'`];
  conditions.push(accountInScope(user.scope, "a.id"));
  if (options.accountId) conditions.push(Prisma.sql`a.id = ${options.accountId}`);
  const db = getDb();
  const runs = await db.$queryRaw<
    Array<{
      account_id: string;
      account_name: string;
      account_status: string;
      regions: string[];
      run_id: string | null;
      status: string | null;
      trigger: string | null;
      started_at: Date | null;
      finished_at: Date | null;
      error: string | null;
    }>
  >`
    SELECT a.id AS account_id, a.name AS account_name, a.status AS account_status, a.regions,
           r.id::text AS run_id, r.status, r.trigger, r.started_at, r.finished_at, r.error
    FROM accounts a
    LEFT JOIN LATERAL (
      SELECT id, status, trigger, started_at, finished_at, error FROM collection_runs
      WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1
    ) r ON true
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY (r.status IN ('failed', 'partial')) DESC NULLS LAST, a.name ASC, a.id ASC`;
  const runIds = runs.flatMap((run) => (run.run_id ? [BigInt(run.run_id)] : []));
  const steps =
    runIds.length === 0
      ? []
      : await db.collectionStep.findMany({
          where: { runId: { in: runIds } },
          select: {
            runId: true,
            region: true,
            source: true,
            status: true,
            fetched: true,
            inserted: true,
            updated: true,
            startedAt: true,
            finishedAt: true,
            errorCode: true,
            error: true,
          },
          orderBy: [{ region: "asc" }, { source: "asc" }],
        });
  const stepsByRun = new Map<string, RunStepRow[]>();
  for (const { runId, ...step } of steps) {
    const key = runId.toString();
    const list = stepsByRun.get(key) ?? [];
    list.push(step);
    stepsByRun.set(key, list);
  }
  return runs.map((run) => ({
    accountId: run.account_id,
    accountName: run.account_name,
    accountStatus: run.account_status,
    regions: run.regions,
    runId: run.run_id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    error: run.error,
    steps: run.run_id ? (stepsByRun.get(run.run_id) ?? []) : [],
  }));
}
