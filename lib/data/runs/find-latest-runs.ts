import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { numberedPageSlice, onNumberedPage, type NumberedPageSlice } from "@/lib/data/numbered-page";

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

/** Accounts per page of the collection page's "Latest run per account" (`lpage` in the URL). */
export const LATEST_RUNS_PAGE_SIZE = 25;

/** One page of latest runs, with the figures the page's tiles show over every listed account. */
export interface LatestRunsPage extends NumberedPageSlice {
  rows: LatestRunRow[];
  /** Of the accounts listed (every page): latest run failed or partial, running now, never collected. */
  failing: number;
  running: number;
  never: number;
}

/**
 * Collection health: the accounts in the user's scope (except those known only from
 * records), failing ones first, then by name, each with its latest run and every region x
 * source step of that run. Sorted, counted and cut in PostgreSQL, so a request renders one
 * page (its steps read for that page's runs only) whatever the number of accounts: at 500
 * accounts the whole list was 500 rows of 12 step tiles, a 1 MB page.
 */
export async function findLatestRuns(
  user: SessionUser,
  options: { accountId?: string; page?: number; size?: number } = {},
): Promise<LatestRunsPage> {
  const conditions = [Prisma.sql`a.status <> 'data_only'`];
  conditions.push(accountInScope(user.scope, "a.id"));
  if (options.accountId) conditions.push(Prisma.sql`a.id = ${options.accountId}`);
  const paging = { page: options.page ?? 1, size: options.size ?? LATEST_RUNS_PAGE_SIZE };
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
      total: number;
      failing: number;
      running: number;
      never: number;
    }>
  >`
    WITH listed AS (
      SELECT a.id AS account_id, a.name AS account_name, a.status AS account_status, a.regions,
             r.id::text AS run_id, r.status, r.trigger, r.started_at, r.finished_at, r.error
      FROM accounts a
      LEFT JOIN LATERAL (
        SELECT id, status, trigger, started_at, finished_at, error FROM collection_runs
        WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1
      ) r ON true
      WHERE ${Prisma.join(conditions, " AND ")}
    ), numbered AS (
      SELECT l.*,
             row_number() OVER (ORDER BY (l.status IN ('failed', 'partial')) DESC NULLS LAST, l.account_name ASC, l.account_id ASC) AS position,
             count(*) OVER ()::int AS total,
             (count(*) FILTER (WHERE l.status IN ('failed', 'partial')) OVER ())::int AS failing,
             (count(*) FILTER (WHERE l.status = 'running') OVER ())::int AS running,
             (count(*) FILTER (WHERE l.status IS NULL) OVER ())::int AS never
      FROM listed l
    )
    SELECT * FROM numbered n
    WHERE ${onNumberedPage(Prisma.sql`n.position`, Prisma.sql`n.total`, paging)}
    ORDER BY n.position`;
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
  const first = runs[0];
  return {
    rows: runs.map((run) => ({
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
    })),
    ...numberedPageSlice(first?.total ?? 0, runs.length, paging),
    failing: first?.failing ?? 0,
    running: first?.running ?? 0,
    never: first?.never ?? 0,
  };
}
