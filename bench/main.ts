import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchConsolePages } from "./console-pages";
import { benchFullSync } from "./full-sync";
import { type BenchReport, isBudgetMet } from "./report";
import { benchSignInTiming } from "./sign-in-timing";
import { benchSimStart } from "./sim-start";
import { benchUpsertVsCopy } from "./upsert-vs-copy";
import { benchWeeklyReport } from "./weekly-report";

/**
 * `npm run bench [-- --only upsert|sync|sim-start|report|sign-in-timing] [--quick] [--concurrency N]`: runs the
 * benchmarks one after another in this process, prints each one's measurements and the
 * budget ratios with PASS/MISS, and writes bench/results/latest.json.
 */

const BENCHMARKS = ["upsert", "sync", "sim-start", "report", "sign-in-timing", "console"] as const;
/** Run when no --only is given; `console` (tens of minutes at full size) runs when asked for. */
const DEFAULT_BENCHMARKS: BenchmarkName[] = ["upsert", "sync", "sim-start", "report", "sign-in-timing"];
type BenchmarkName = (typeof BENCHMARKS)[number];

interface BenchOptions {
  only: BenchmarkName[];
  isQuick: boolean;
  concurrency: number | null;
  /** `console`: the "full" size as a fraction of the (1 = 500 accounts, 2M findings, 5M events). */
  scale: number;
  /** `console`: keep the seeded databases in this folder and reuse them. */
  reuseDir: string | null;
  explain: boolean;
  consoleSizes: Array<"full" | "small">;
  /** `console`: passes of each page per size (the default in console-pages.ts when undefined). */
  consolePasses: number | undefined;
  /** `console`: processes of the console server (1, scripts/console-server.js's default, when undefined). */
  consoleWorkers: number | undefined;
}

function parseArgs(args: string[]): BenchOptions {
  const options: BenchOptions = {
    only: [...DEFAULT_BENCHMARKS],
    isQuick: false,
    concurrency: null,
    scale: 1,
    reuseDir: null,
    explain: false,
    consoleSizes: ["full", "small"],
    consolePasses: undefined,
    consoleWorkers: undefined,
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++index] ?? "";
    if (flag === "--quick") options.isQuick = true;
    else if (flag === "--only") {
      const names = value().split(",").filter(Boolean);
      for (const name of names) {
        if (!(BENCHMARKS as readonly string[]).includes(name))
          throw new Error(`--only: unknown benchmark "${name}" (one of ${BENCHMARKS.join(", ")})`);
      }
      options.only = names as BenchmarkName[];
    } else if (flag === "--concurrency") {
      const concurrency = Number(value());
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error("--concurrency must be a positive integer");
      options.concurrency = concurrency;
    } else if (flag === "--scale") {
      const scale = Number(value());
      if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be a number in (0, 1]");
      options.scale = scale;
    } else if (flag === "--reuse") {
      options.reuseDir = value();
      if (!options.reuseDir) throw new Error("--reuse needs a folder");
    } else if (flag === "--passes") {
      const passes = Number(value());
      if (!Number.isInteger(passes) || passes < 1 || passes > 20) throw new Error("--passes must be an integer from 1 to 20");
      options.consolePasses = passes;
    } else if (flag === "--console-workers") {
      const workers = Number(value());
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error("--console-workers must be an integer from 1 to 64");
      options.consoleWorkers = workers;
    } else if (flag === "--explain") options.explain = true;
    else if (flag === "--size") {
      const names = value().split(",").filter(Boolean);
      if (names.length === 0 || names.some((name) => name !== "full" && name !== "small"))
        throw new Error("--size: full, small or full,small");
      options.consoleSizes = names as Array<"full" | "small">;
    } else if (flag === "--help" || flag === "-h") {
      console.log(
        "usage: npm run bench -- [--only upsert|sync|sim-start|report|sign-in-timing|console[,...]] [--quick] [--concurrency N] [--scale F] [--reuse DIR] [--explain] [--size full|small] [--passes N] [--console-workers N]",
      );
      process.exit(0);
    } else throw new Error(`unknown flag ${arg}`);
  }
  return options;
}

async function runBenchmark(name: BenchmarkName, options: BenchOptions, log: (line: string) => void): Promise<BenchReport> {
  if (name === "upsert") return benchUpsertVsCopy({ isQuick: options.isQuick, log });
  if (name === "sync") return benchFullSync({ isQuick: options.isQuick, concurrency: options.concurrency, log });
  if (name === "report") return benchWeeklyReport({ isQuick: options.isQuick, log });
  if (name === "sign-in-timing") return benchSignInTiming({ isQuick: options.isQuick, log });
  if (name === "console")
    return benchConsolePages({
      scale: options.scale,
      reuseDir: options.reuseDir,
      explain: options.explain,
      sizes: options.consoleSizes,
      ...(options.consolePasses !== undefined ? { passes: options.consolePasses } : {}),
      ...(options.consoleWorkers !== undefined ? { workers: options.consoleWorkers } : {}),
      log,
    });
  return benchSimStart({ isQuick: options.isQuick, log });
}

function printReport(report: BenchReport): void {
  const width = Math.max(...report.lines.map(([label]) => label.length));
  console.log(`\n== ${report.name} ==`);
  for (const [label, value] of report.lines) console.log(`  ${label.padEnd(width)}  ${value}`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    isQuick: options.isQuick,
  };
  log(
    `bench: ${options.only.join(", ")}${options.isQuick ? " (quick sizes)" : ""} on ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}`,
  );

  const reports: BenchReport[] = [];
  const failures: Array<{ name: string; error: string }> = [];
  for (const name of options.only) {
    try {
      const report = await runBenchmark(name, options, log);
      printReport(report);
      reports.push(report);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${name} failed: ${message}`);
      failures.push({ name, error: message });
    }
  }

  const budgets = reports.flatMap((report) => report.budgets);
  if (budgets.length > 0) {
    console.log("\n== budgets ==");
    const width = Math.max(...budgets.map((budget) => budget.label.length));
    for (const budget of budgets) {
      console.log(
        `  ${budget.label.padEnd(width)}  ${budget.ratio.toFixed(2)}x  (goal <= ${budget.goal.toFixed(1)}x)  ${isBudgetMet(budget) ? "PASS" : "MISS"}`,
      );
    }
  }

  const resultsDir = path.join(__dirname, "results");
  await mkdir(resultsDir, { recursive: true });
  const output = {
    machine,
    budgets: budgets.map((budget) => ({ ...budget, isMet: isBudgetMet(budget) })),
    benchmarks: Object.fromEntries(reports.map((report) => [report.name, { lines: report.lines, ...report.data }])),
    failures,
  };
  await writeFile(path.join(resultsDir, "latest.json"), `${JSON.stringify(output, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))}`);
  // Budgets are reported, not enforced: a MISS is a finding, a crash is a failure.
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
