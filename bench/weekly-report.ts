import { computeAccountScore } from "@/lib/checklist/compute-account-score";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { type ItemResult, type ItemStatus, SEVERITY_WEIGHT } from "@/lib/checklist/types";
import { buildReportData } from "@/lib/data/reports/build-report-data";
import { createReport } from "@/lib/data/reports/create-report";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { lastCompleteIsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import { startBenchDatabase } from "./bench-database";
import type { BenchReport } from "./report";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deterministic pseudo-random numbers (mulberry32), so every run stores the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Peak resident memory of this process while `work` runs (sampled every 20 ms). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, peakMb: Math.round(peak / 1024 / 1024), ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The weekly report for an organisation of `accounts` accounts with 12 weeks of weekly
 * score snapshots (and two in the report's week), generated twice: with `findings` and with
 * 5x as many GuardDuty findings first seen that week. Time = build the data model + print the
 * PDF + store; memory is this process's peak RSS (Chromium runs as its own process).
 */
export async function benchWeeklyReport(options: { isQuick: boolean; log: (line: string) => void }): Promise<BenchReport> {
  const accounts = options.isQuick ? 100 : 500;
  const findings = options.isQuick ? 10_000 : 40_000;
  const log = options.log;
  const database = await startBenchDatabase({ poolSize: 8 });
  try {
    const pool = database.pool;
    const week = lastCompleteIsoWeek(new Date());
    const first = shiftIsoWeek(week, -11);
    const ids = Array.from({ length: accounts }, (_, index) => String(100000000000 + index));
    await pool.query(
      `INSERT INTO accounts (id, name, role_arn, external_id, regions, status)
       SELECT id, 'bench-' || id, 'arn:aws:iam::' || id || ':role/ParapetReadOnly', 'bench-external-id', '{us-east-1,eu-west-1}', 'active' FROM unnest($1::text[]) id`,
      [ids],
    );
    log(`weekly-report: storing ${accounts} accounts x 13 snapshots...`);
    const seeded = performance.now();
    const days = [
      ...Array.from({ length: 12 }, (_, index) => first.start.getTime() + index * 7 * DAY_MS + DAY_MS / 2),
      week.start.getTime() + 5.5 * DAY_MS,
    ];
    const statuses: ItemStatus[] = ["pass", "pass", "pass", "fail", "partial", "no_data", "not_applicable"];
    for (const [index, id] of ids.entries()) {
      const rng = random(index + 1);
      const base = CHECKLIST_ITEMS.map(() => statuses[Math.floor(rng() * statuses.length)]!);
      for (const [step, at] of days.entries()) {
        const items: ItemResult[] = CHECKLIST_ITEMS.map((item, itemIndex) => {
          // Each week a few items change, so "what changed" and the movers have work to do.
          const status = rng() < 0.04 * Math.min(step, 1) ? statuses[Math.floor(rng() * statuses.length)]! : base[itemIndex]!;
          base[itemIndex] = status;
          const partial = status === "partial" ? { passing: 1 + Math.floor(rng() * 3), total: 5 } : {};
          return {
            itemId: item.id,
            domain: item.domain,
            severity: item.severity,
            weight: SEVERITY_WEIGHT[item.severity],
            status,
            ...partial,
            reason: "bench",
            evidence: [],
            riskAdjusted: { status, ...partial },
          };
        });
        await saveAccountScore(pool, computeAccountScore(id, items, new Date(at)));
      }
    }
    log(`weekly-report: history stored in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    const addFindings = async (count: number, offset: number) =>
      pool.query(
        `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
         SELECT 'guardduty', 'bench-' || (g + $4::int), ($1::text[])[1 + (g % array_length($1::text[], 1))], 'us-east-1',
                'Recon:EC2/PortProbeUnprotectedPort.' || (g % 20), 'Unprotected port on EC2 instance is being probed',
                CASE WHEN g % 10 = 0 THEN 9 ELSE 7.5 END, CASE WHEN g % 10 = 0 THEN 'CRITICAL' ELSE 'HIGH' END,
                CASE WHEN g % 3 = 0 THEN 'archived' ELSE 'active' END,
                $2::timestamptz + (g % 600000) * interval '1 second', $2::timestamptz + interval '6 days', $2::timestamptz + interval '6 days', '{}'::jsonb
         FROM generate_series(1, $3::int) g`,
        [ids, week.start, count, offset],
      );

    const runs: Array<{ findings: number; ms: number; dataMs: number; peakMb: number; pages: number; pdfKb: number }> = [];
    let stored = 0;
    for (const target of [findings, findings * 5]) {
      await addFindings(target - stored, stored);
      stored = target;
      await pool.query("ANALYZE");
      const data = await withPeakRss(() => buildReportData(pool, { all: true }, week, new Date()));
      const full = await withPeakRss(() => createReport(pool, { scope: { all: true }, week, paper: "a4", generatedBy: "bench" }));
      runs.push({
        findings: target,
        ms: full.ms,
        dataMs: data.ms,
        peakMb: full.peakMb,
        pages: full.result.pageCount,
        pdfKb: Math.round(full.result.pdf.length / 1024),
      });
      log(
        `weekly-report: ${target} findings: data ${(data.ms / 1000).toFixed(1)} s, report ${(full.ms / 1000).toFixed(1)} s, peak RSS ${full.peakMb} MB, ${full.result.pageCount} pages`,
      );
    }
    const [small, large] = runs as [(typeof runs)[number], (typeof runs)[number]];
    return {
      name: "weekly-report",
      lines: [
        ["organisation", `${accounts} accounts, 12 weekly points + 2 snapshots in ${week.id}, ${CHECKLIST_ITEMS.length} items`],
        ...runs.map((run): [string, string] => [
          `${run.findings} findings`,
          `${(run.ms / 1000).toFixed(1)} s (data model ${(run.dataMs / 1000).toFixed(1)} s), peak RSS ${run.peakMb} MB, ${run.pages} pages, ${run.pdfKb} KB PDF`,
        ]),
        ["memory growth with 5x findings", `${large.peakMb - small.peakMb} MB`],
      ],
      budgets: [{ label: `weekly report, ${accounts} accounts x 12 weeks / 60 s`, ratio: large.ms / 60_000, goal: 1 }],
      data: { accounts, runs },
    };
  } finally {
    await database.stop();
  }
}
