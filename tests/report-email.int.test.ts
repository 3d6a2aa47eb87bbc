import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { deliverReport } from "@/lib/data/reports/deliver-report";
import { findReports } from "@/lib/data/reports/find-reports";
import { setDatabaseUrl } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { startQueueWorker, waitForQueueIdle } from "@/lib/jobs/queue";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import type { Simulator } from "@/sim/index";
import { TASKS } from "@/workers/registry";
import { buildReportHistory } from "./support/report-history";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * A schedule with two recipients, a real SMTP server (smtp-server, started here) that refuses
 * the first attempt with a temporary error, and the real worker queue: the report is built
 * once for the week, the failure is recorded and shown with the SMTP error, the queue retries
 * with back-off, and the message arrives with the PDF attached and the headline numbers.
 */
let database: TestDatabase;
let sim: Simulator;
let smtp: SMTPServer;
let refuseNext = 1;
let alwaysRefuse = false;
const received: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
const admin: SessionUser = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "admin@example.test",
  role: "admin",
  scope: { all: true },
};

beforeAll(async () => {
  database = await createTestDatabase();
  ({ sim } = await buildReportHistory(database.pool, { accounts: 3, weeks: 1 }));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (alwaysRefuse || refuseNext > 0) {
        refuseNext--;
        const error = Object.assign(new Error("4.3.2 mail system busy, try again later (test)"), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.PARAPET_SMTP_HOST = "127.0.0.1";
  process.env.PARAPET_SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
  process.env.PARAPET_SMTP_TLS = "none";
  process.env.PARAPET_SMTP_FROM = "Parapet <reports@example.test>";
  // Re-pointing at the same database also makes lib/env read the SMTP settings afresh.
  setDatabaseUrl(database.url);
}, 300_000);

afterAll(async () => {
  for (const name of ["PARAPET_SMTP_HOST", "PARAPET_SMTP_PORT", "PARAPET_SMTP_TLS", "PARAPET_SMTP_FROM"]) delete process.env[name];
  if (database) setDatabaseUrl(database.url);
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await sim?.close();
  await database?.drop();
});

test("a scheduled report is e-mailed to the schedule's recipients; a refused attempt is shown, retried and then delivered", async () => {
  await database.pool.query(
    `INSERT INTO report_schedules (name, scope, recipients, paper, day_of_week, time_of_day, time_zone)
     VALUES ('Board', '{"all":true}', '{ciso@example.test,board@example.test}', 'letter', 1, '00:00', 'UTC')`,
  );
  const runtime = createWorkerRuntime({ pool: database.pool, log: () => {} });
  const runner = await startQueueWorker({ runtime, concurrency: 2, tasks: TASKS, cron: [] });
  try {
    await enqueue(database.pool, "schedule-report-sweep", { trigger: "test" }, { jobKey: "report-sweep" });
    // The first attempt is refused: the delivery shows the SMTP error while it waits to retry.
    const deadline = Date.now() + 120_000;
    let shown: Awaited<ReturnType<typeof findReports>>[number]["delivery"] = null;
    while (Date.now() < deadline) {
      const reports = await findReports(admin);
      shown = reports.find((report) => report.delivery)?.delivery ?? null;
      if (shown && shown.status !== "pending") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(shown?.status).toBe("retrying");
    expect(shown?.lastError).toMatch(/451|mail system busy/);
    await waitForQueueIdle(database.pool, { timeoutMs: 120_000, pollMs: 200 });
    // A second sweep finds the week built: no second report, no second e-mail.
    await enqueue(database.pool, "schedule-report-sweep", { trigger: "test" }, { jobKey: "report-sweep" });
    await waitForQueueIdle(database.pool, { timeoutMs: 60_000, pollMs: 200 });
  } finally {
    await runner.stop();
    runtime.roles.destroy();
  }

  expect(received).toHaveLength(1);
  const { envelopeTo, mail } = received[0]!;
  expect(envelopeTo.sort()).toEqual(["board@example.test", "ciso@example.test"]);
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]!.contentType).toBe("application/pdf");
  expect(mail.attachments[0]!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const reports = await database.pool.query<{ schedule: string | null; data: { org: { score: number; coverage: number } }; paper: string }>(
    "SELECT s.name AS schedule, r.data, r.paper FROM reports r LEFT JOIN report_schedules s ON s.id = r.schedule_id ORDER BY r.id",
  );
  // The default org-wide schedule (no recipients) and the board's: one report each for the week.
  expect(reports.rows.map((row) => row.schedule).sort()).toEqual(["Board", "Weekly organisation report"]);
  const board = reports.rows.find((row) => row.schedule === "Board")!;
  expect(board.paper).toBe("letter");
  expect(mail.text).toContain(`Security score: ${board.data.org.score.toFixed(1)}`);
  expect(mail.text).toContain(`Coverage: ${board.data.org.coverage.toFixed(1)}%`);
  const delivery = await database.pool.query<{ status: string; attempts: number }>("SELECT status, attempts FROM report_deliveries");
  expect(delivery.rows).toEqual([{ status: "sent", attempts: 2 }]);
});

test("the last refused attempt leaves the delivery failed, with the SMTP error on the Reports page", async () => {
  alwaysRefuse = true;
  const report = await database.pool.query<{ id: string }>("SELECT id::text FROM reports ORDER BY id LIMIT 1");
  const delivery = await database.pool.query<{ id: string }>(
    "INSERT INTO report_deliveries (report_id, recipients) VALUES ($1, '{ciso@example.test}') RETURNING id::text",
    [report.rows[0]!.id],
  );
  await expect(deliverReport(database.pool, delivery.rows[0]!.id, 4, 5)).rejects.toThrow(/mail system busy/);
  expect((await database.pool.query("SELECT status FROM report_deliveries WHERE id = $1", [delivery.rows[0]!.id])).rows[0].status).toBe(
    "retrying",
  );
  await expect(deliverReport(database.pool, delivery.rows[0]!.id, 5, 5)).rejects.toThrow(/mail system busy/);
  const listed = (await findReports(admin)).find((row) => row.id === report.rows[0]!.id)!;
  expect(listed.delivery?.status).toBe("failed");
  expect(listed.delivery?.attempts).toBe(2);
  expect(listed.delivery?.lastError).toMatch(/451|mail system busy/);
});
