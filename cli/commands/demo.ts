import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { onShutdown, surviveDatabaseOutages } from "@/cli/shutdown";
import { generatePassword } from "@/lib/auth/password";
import { registerSimAccounts } from "@/cli/register-sim-accounts";
import { discoverAccounts } from "@/lib/aws/discover-accounts";
import { updateAccountPlacements } from "@/lib/data/accounts/update-account-placements";
import { upsertOrganizationalUnits } from "@/lib/data/accounts/upsert-organizational-units";
import { ensureDefaultSchedule } from "@/lib/data/reports/ensure-default-schedule";
import { hasScheduledReport } from "@/lib/data/reports/has-scheduled-report";
import { countCollectedData } from "@/lib/data/runs/count-collected-data";
import { hasScoreSnapshots } from "@/lib/data/scores/has-score-snapshots";
import { upsertLocalAdmin } from "@/lib/data/users/upsert-local-admin";
import { closeDb, getPool } from "@/lib/db";
import { childProcessEnv, getDataDir, getEnv } from "@/lib/env";
import { listCronEntries } from "@/lib/jobs/define-job";
import { COLLECTION_SWEEP_JOB_KEY } from "@/lib/jobs/definitions/schedule-collection-sweep";
import { EVENT_PARTITIONS_JOB_KEY } from "@/lib/jobs/definitions/maintain-event-partitions";
import { enqueue } from "@/lib/jobs/enqueue";
import { migrateQueue, startSupervisedQueueWorker, waitForQueueIdle } from "@/lib/jobs/queue";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { isPortFree } from "@/lib/pg/embedded";
import { lastCompleteIsoWeek } from "@/lib/reports/iso-week";
import { startSimulator } from "@/sim/index";
import { TASKS } from "@/workers/registry";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `npm run demo`: the whole product on one machine, in one process tree. PostgreSQL
 * (embedded unless DATABASE_URL), the AWS simulator, the job worker in this process and
 * the Next.js console as a child. The first collection and scoring finish before "ready".
 * Ctrl-C stops everything; the data folder keeps the data for the next run.
 */
export async function runDemo(argv: string[]): Promise<number> {
  parseFlags(argv, {});
  const env = getEnv();
  const started = Date.now();
  const log = (line: string) => console.log(`[parapet] ${line}`);
  if (!(await isPortFree(env.PORT))) {
    throw new CliError(`port ${env.PORT} for the console is already in use: stop what uses it or run with PORT=<another port>`);
  }

  // Bound once the job runner exists: an outage then makes it hand back the jobs it could not release.
  let onOutage = () => {};
  surviveDatabaseOutages(log, () => onOutage());
  const database = await openDatabase({ log });
  const pool = getPool();
  await migrateQueue(pool, log);

  const regions = env.PARAPET_DEMO_REGIONS.split(",");
  // First run (nothing scored yet): the simulated organisation starts some days back and
  // the demo collects and scores once per simulated day up to now, so the console opens
  // with trends and day-to-day changes instead of a single point.
  const isFirstRun = !(await hasScoreSnapshots(pool));
  const historyDays = isFirstRun ? env.PARAPET_DEMO_HISTORY_DAYS : 0;
  // Older history is cheap: one collection per simulated week before the daily days, so the
  // weekly report opens with a trend of several weeks without a collection per day of it.
  const historyWeeks = isFirstRun ? env.PARAPET_DEMO_HISTORY_WEEKS : 0;
  const historySteps = [...Array.from({ length: historyWeeks }, () => 7 * DAY_MS), ...Array.from({ length: historyDays }, () => DAY_MS)];
  const historyMs = historySteps.reduce((sum, step) => sum + step, 0);
  const sim = await startSimulator({
    port: 0,
    accounts: env.PARAPET_DEMO_ACCOUNTS,
    regions,
    ...(historyMs > 0 ? { now: new Date(Date.now() - historyMs) } : {}),
  });
  log(`AWS simulator on ${sim.url}: ${sim.org.accounts.length} accounts in ${regions.join(", ")}`);
  await registerSimAccounts(pool, sim.org.accounts, "parapet-demo");

  const password = env.PARAPET_ADMIN_PASSWORD ?? (await readOrCreateSecret("admin-password", generatePassword));
  await upsertLocalAdmin(pool, env.PARAPET_ADMIN_EMAIL, password);
  const authSecret = env.NEXTAUTH_SECRET ?? (await readOrCreateSecret("auth-secret", () => generatePassword() + generatePassword()));

  const runtime = createWorkerRuntime({
    pool,
    log: (line) => log(line),
    aws: { endpoint: sim.url, baseCredentials: sim.baseCredentials },
    // The worker lives on the simulator's clock: equal to wall time once the history is in.
    now: () => sim.now(),
  });
  // OU paths and tags come from Organizations discovery through the management account's
  // role, as an admin's "Discover accounts" does, so scopes by OU and tag work in the demo.
  const management = sim.org.accounts.find((account) => account.id === sim.org.managementAccountId)!;
  const discovery = await discoverAccounts(runtime.aws, {
    accountId: management.id,
    roleArn: management.roleArn,
    externalId: management.externalId,
  });
  const placed = discovery.accounts.flatMap((account) =>
    account.ouPath ? [{ id: account.id, ouPath: account.ouPath, tags: account.tags }] : [],
  );
  await updateAccountPlacements(placed, "parapet-demo", pool);
  await upsertOrganizationalUnits(discovery.organizationalUnits, pool);
  // A collection mostly waits on CloudTrail's LookupEvents quota (2/s per account and
  // region, about 5 s per account), so the demo collects up to 12 accounts at once.
  const concurrency = Math.max(env.PARAPET_WORKER_CONCURRENCY, Math.min(env.PARAPET_DEMO_ACCOUNTS, 12));
  const runner = await startSupervisedQueueWorker({ runtime, concurrency, tasks: TASKS, cron: listCronEntries(TASKS, env) });
  onOutage = runner.recover;

  let console_: ChildProcess | undefined;
  let isStopping = false;
  const stopAll = async () => {
    isStopping = true;
    if (console_ && console_.exitCode === null && console_.signalCode === null) {
      const exited = new Promise((resolve) => console_?.once("exit", resolve));
      console_.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await runner.stop().catch(() => {});
    runtime.roles.destroy();
    await sim.close().catch(() => {});
    await closeDb();
    await database.stop();
  };
  onShutdown(async (signal) => {
    log(`${signal}: stopping the console, the worker, the simulator and PostgreSQL (data is kept)`);
    await stopAll();
  });

  try {
    // On the simulator's clock (weeks back on a first run): partitions for the 90 days the
    // first collection reads back and the months ahead, so the history fills months, not DEFAULT.
    await enqueue(pool, "maintain-event-partitions", { trigger: "demo" }, { jobKey: EVENT_PARTITIONS_JOB_KEY });
    await waitForQueueIdle(pool, { timeoutMs: 5 * 60_000 });
    log("first collection of every account (GuardDuty, Security Hub, CloudTrail through the AWS SDK)...");
    const collectStarted = Date.now();
    for (let step = 0; step <= historySteps.length; step++) {
      if (step > 0) {
        const evolved = sim.advanceTime(historySteps[step - 1]!);
        log(
          `simulated ${sim.now().toISOString().slice(0, 10)}: ${evolved.newGuardDuty} new and ${evolved.archivedGuardDuty} archived GuardDuty findings, ` +
            `${evolved.resolvedControls} controls resolved, ${evolved.newEvents} new CloudTrail events; collecting again...`,
        );
      } else if (historySteps.length > 0) {
        log(`first run: collecting ${historyWeeks} simulated weeks (one collection each) and ${historyDays} days (one a day) of history`);
      }
      await enqueue(pool, "schedule-collection-sweep", { trigger: "demo" }, { jobKey: COLLECTION_SWEEP_JOB_KEY });
      await waitForQueueIdle(pool, { timeoutMs: 30 * 60_000 });
    }
    // The weekly report of the last complete week, as the default schedule would build it
    // (same job and job key, so the schedule does not build that week again).
    const defaultScheduleId = await ensureDefaultSchedule(pool, env.PARAPET_REPORT_SCHEDULE);
    const reportWeek = lastCompleteIsoWeek(sim.now());
    const reportStarted = Date.now();
    await enqueue(
      pool,
      "generate-report",
      { scope: { all: true }, week: reportWeek.id, paper: "a4", generatedBy: "schedule", scheduleId: defaultScheduleId },
      // Not maxAttempts 1: waitForQueueIdle counts a job as pending while attempts < max_attempts,
      // and a running job's attempt is already counted.
      { jobKey: `report:${defaultScheduleId}:${reportWeek.id}`, maxAttempts: 3 },
    );
    await waitForQueueIdle(pool, { timeoutMs: 5 * 60_000 });
    log(
      (await hasScheduledReport(pool, defaultScheduleId, reportWeek.id))
        ? `weekly report for ${reportWeek.id} ready (${((Date.now() - reportStarted) / 1000).toFixed(1)} s): Reports page`
        : `the weekly report for ${reportWeek.id} could not be built (see the lines above); the console works without it`,
    );
    const row = await countCollectedData(pool);
    log(
      `collected ${row.accounts} accounts: ${row.findings} findings, ${row.events} CloudTrail events in ${((Date.now() - collectStarted) / 1000).toFixed(1)} s`,
    );

    await ensureNextBuild(log);
    const url = `http://localhost:${env.PORT}`;
    // Not `next start`: scripts/console-server.js records the socket address (see lib/http/client-ip.ts).
    console_ = spawn(process.execPath, [path.resolve("scripts/console-server.js"), String(env.PORT), "127.0.0.1"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: childProcessEnv({
        NODE_ENV: "production",
        DATABASE_URL: getEnv().DATABASE_URL,
        NEXTAUTH_SECRET: authSecret,
        NEXTAUTH_URL: env.NEXTAUTH_URL ?? url,
        // The console's own AWS calls (test connection, discovery) go to the simulator too.
        AWS_ENDPOINT_URL: sim.url,
        AWS_ACCESS_KEY_ID: sim.baseCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sim.baseCredentials.secretAccessKey,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_REGION: regions[0],
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      }),
    });
    console_.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[console] ${chunk.toString()}`));
    console_.on("exit", (code) => {
      if (!isStopping && code !== null && code !== 0) log(`the console exited with code ${code}; Ctrl-C to stop the rest`);
    });
    await waitForHttp(`${url}/sign-in`, 60_000);
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      `\n  Parapet console:  ${url}\n  Sign in as:       ${env.PARAPET_ADMIN_EMAIL}\n  Password:         ${password}\n\n  Ctrl-C stops everything; data stays in ${getDataDir()}.\n`,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  await new Promise(() => {});
  return 0;
}

async function readOrCreateSecret(name: string, create: () => string): Promise<string> {
  const file = path.join(getDataDir(), name);
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const value = create();
  await fs.mkdir(getDataDir(), { recursive: true });
  await fs.writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** Builds the console when there is no build yet, or when a source file is newer than it. */
async function ensureNextBuild(log: (line: string) => void): Promise<void> {
  const buildId = path.resolve(".next/BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const isStale =
    builtAt === 0 ||
    ["app", "lib", "components", "proxy.ts", "next.config.js", "package-lock.json"].some((entry) => newestMtime(entry) > builtAt);
  if (!isStale) return;
  log("building the console (first run, or sources changed; about a minute)...");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: childProcessEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new CliError(`next build failed:\n${output.slice(-4000)}`))));
  });
}

function newestMtime(entry: string): number {
  const full = path.resolve(entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (entry.endsWith("generated")) return 0;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new CliError(`the console did not answer on ${url} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
