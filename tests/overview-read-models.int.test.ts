import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import type { AccountScore, ItemStatus } from "@/lib/checklist/types";
import { findNewThreatsByDay } from "@/lib/data/overview/find-new-threats-by-day";
import { findTopFailingItems } from "@/lib/data/overview/find-top-failing-items";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { statusEvaluation } from "./support/status-evaluation";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The overview read models of migration 1765500000000:
 * - account_item_statuses (what the top failing items count) must always equal the results
 *   with a status of pass, fail or partial in checklist_results, whatever writes them: the
 *   scoring transaction, a status change, an item removed, an account deleted, a TRUNCATE,
 *   and many scorings of one account at once (the per-account advisory lock);
 * - account_threat_days (the new threats by day) holds, per account and UTC day, the
 *   critical and high GuardDuty findings first seen that day as of the account's latest
 *   scoring: archived ones too, Security Hub ones and lower severities never, an old finding
 *   that arrives late on its own day, and nothing of a finding stored after the scoring
 *   until the next one.
 * The oracles are the queries the overview ran over the base tables before (kept verbatim).
 */

const A = "720000000001";
const B = "720000000002";
const IMPORTED = "720000000003"; // data_only
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const ONLY_B: SessionUser = {
  id: "2",
  email: "b@example.com",
  role: "viewer",
  scope: { all: false, accountIds: [B], tags: [], ouIds: [] },
};
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000); // noon UTC today
const daysAgo = (days: number) => new Date(today.getTime() - days * DAY);
let database: TestDatabase;

/** An evaluation whose items have the given statuses (the score figures do not matter here). */
function evaluation(accountId: string, statuses: Record<string, ItemStatus>, at = today): AccountScore {
  return statusEvaluation(accountId, statuses, at);
}

/** The read model, as sorted [account, item, status] triples. */
async function readModel(): Promise<string[]> {
  const { rows } = await database.pool.query<{ triple: string }>(
    `SELECT s.account_id || ' ' || u.item_id || ' ' || u.status AS triple
     FROM account_item_statuses s CROSS JOIN LATERAL unnest(s.item_ids, s.statuses) AS u(item_id, status) ORDER BY 1`,
  );
  return rows.map((row) => row.triple);
}

/** The same triples straight from checklist_results. */
async function oracle(): Promise<string[]> {
  const { rows } = await database.pool.query<{ triple: string }>(
    `SELECT account_id || ' ' || item_id || ' ' || status AS triple FROM checklist_results
     WHERE status IN ('pass', 'fail', 'partial') ORDER BY 1`,
  );
  return rows.map((row) => row.triple);
}

/** The grouped count the overview ran over checklist_results before the read model (verbatim but for the scope). */
async function oldFailingGroups(accountIds?: string[]) {
  const { rows } = await database.pool.query<{ item_id: string; status: string; accounts: number }>(
    `SELECT r.item_id, r.status, count(*)::int AS accounts
     FROM checklist_results r
     WHERE r.status IN ('pass', 'fail', 'partial')
       AND r.account_id IN (SELECT id FROM accounts WHERE status <> 'data_only')
       AND ($1::text[] IS NULL OR r.account_id = ANY($1::text[]))
     GROUP BY r.item_id, r.status`,
    [accountIds ?? null],
  );
  return rows;
}

async function addFinding(id: string, account: string, values: { source?: string; label: string; status?: string; firstSeen: Date }) {
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     VALUES ($1, $2, $3, 'us-east-1', 'Test:Type/Case', $2, 80, $4, $5, $6, now(), now(), '{}')`,
    [values.source ?? "guardduty", id, account, values.label, values.status ?? "active", values.firstSeen],
  );
}

const figures = (days: Awaited<ReturnType<typeof findNewThreatsByDay>>) => days.map((day) => [day.critical, day.high]);

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [id, status] of [
    [A, "active"],
    [B, "active"],
    [IMPORTED, "data_only"],
  ])
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, $2, '{us-east-1}', $3)", [
      id,
      `account ${id}`,
      status,
    ]);
});

afterAll(async () => {
  await database?.drop();
});

describe("account_item_statuses", () => {
  test("the scoring transaction fills it with the pass/fail/partial results only, in item order", async () => {
    await saveAccountScore(
      database.pool,
      evaluation(A, { "X-02": "fail", "X-01": "partial", "X-03": "no_data", "X-04": "not_applicable", "X-05": "pass" }),
    );
    await saveAccountScore(database.pool, evaluation(B, { "X-01": "fail", "X-02": "fail", "X-03": "pass" }));
    await saveAccountScore(database.pool, evaluation(IMPORTED, { "X-01": "fail" }));
    const { rows } = await database.pool.query("SELECT item_ids, statuses FROM account_item_statuses WHERE account_id = $1", [A]);
    expect(rows).toEqual([{ item_ids: ["X-01", "X-02", "X-05"], statuses: ["partial", "fail", "pass"] }]);
    expect(await readModel()).toEqual(await oracle());
  });

  test("the top failing items equal the old count over checklist_results, for every account and for a scoped user", async () => {
    // By hand: X-01 fails in B and is partial in A (the imported-only account never counts); X-02 fails in A and B.
    expect((await findTopFailingItems(ADMIN)).map((entry) => [entry.itemId, entry.failing, entry.partial, entry.withData])).toEqual([
      ["X-02", 2, 0, 2],
      ["X-01", 1, 1, 2],
    ]);
    expect((await findTopFailingItems(ONLY_B)).map((entry) => [entry.itemId, entry.failing, entry.partial, entry.withData])).toEqual([
      ["X-01", 1, 0, 1],
      ["X-02", 1, 0, 1],
    ]);
    const groups = (await oldFailingGroups()).filter((group) => group.status !== "pass");
    expect(groups.reduce((sum, group) => sum + group.accounts, 0)).toBe(4);
    expect((await oldFailingGroups([B])).length).toBe(3);
  });

  test("a rescoring that changes a status or drops an item, a hand-written update and a delete are all followed", async () => {
    await saveAccountScore(database.pool, evaluation(A, { "X-01": "pass", "X-02": "fail" })); // X-03..X-05 removed, X-01 now passes
    expect(await readModel()).toEqual(await oracle());
    await database.pool.query("UPDATE checklist_results SET status = 'fail' WHERE account_id = $1 AND item_id = 'X-03'", [B]);
    await database.pool.query("DELETE FROM checklist_results WHERE account_id = $1 AND item_id = 'X-01'", [B]);
    expect(await readModel()).toEqual(await oracle());
    expect(await readModel()).toContain(`${B} X-03 fail`);
    expect(await readModel()).not.toContain(`${B} X-01 fail`);
  });

  test("twenty scorings of one account at once leave exactly the last committed evaluation", async () => {
    const statuses: ItemStatus[] = ["pass", "fail", "partial"];
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        saveAccountScore(database.pool, evaluation(A, { "X-01": statuses[n % 3]!, "X-02": statuses[(n + 1) % 3]!, [`Y-${n}`]: "fail" })),
      ),
    );
    expect(await readModel()).toEqual(await oracle());
    const { rows } = await database.pool.query("SELECT count(*)::int AS n FROM checklist_results WHERE account_id = $1", [A]);
    expect(rows[0].n).toBe(3); // one evaluation's items survive, the others' Y-n were removed by it
  });

  test("deleting an account removes its row; a TRUNCATE empties the model", async () => {
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ('720000000009', 'gone', '{us-east-1}', 'active')");
    await saveAccountScore(database.pool, evaluation("720000000009", { "X-01": "fail" }));
    expect(await readModel()).toContain("720000000009 X-01 fail");
    await database.pool.query("DELETE FROM accounts WHERE id = '720000000009'");
    expect(await readModel()).toEqual(await oracle());
    expect((await readModel()).some((triple) => triple.startsWith("720000000009"))).toBe(false);
    // Rebuilt afterwards by the scorings below; TRUNCATE is the one write without transition tables.
    await database.pool.query("TRUNCATE checklist_results");
    expect(await readModel()).toEqual([]);
  });
});

describe("account_threat_days", () => {
  test("counts critical/high GuardDuty findings by first-seen day as of the account's latest scoring", async () => {
    await addFinding("gd-a-critical-today", A, { label: "CRITICAL", firstSeen: daysAgo(0) });
    await addFinding("gd-a-high-archived-yesterday", A, { label: "HIGH", status: "archived", firstSeen: daysAgo(1) });
    await addFinding("gd-a-medium-today", A, { label: "MEDIUM", firstSeen: daysAgo(0) });
    await addFinding("sh-a-critical-today", A, { source: "securityhub", label: "CRITICAL", firstSeen: daysAgo(0) });
    await addFinding("gd-b-high-today", B, { label: "HIGH", firstSeen: daysAgo(0) });
    await addFinding("gd-imported-critical-today", IMPORTED, { label: "CRITICAL", firstSeen: daysAgo(0) });
    // Not scored yet: nothing counted.
    expect(figures(await findNewThreatsByDay(ADMIN, 3))).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    for (const id of [A, B, IMPORTED]) await saveAccountScore(database.pool, evaluation(id, { "X-01": "fail" }));
    // By hand: today A's critical and B's high (the imported-only account never counts), yesterday A's archived high.
    expect(figures(await findNewThreatsByDay(ADMIN, 3))).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(figures(await findNewThreatsByDay(ONLY_B, 3))).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });

  test("a finding stored after the scoring waits for the next one; a late old finding lands on its own day", async () => {
    await addFinding("gd-a-critical-two-days-ago", A, { label: "CRITICAL", firstSeen: daysAgo(2) });
    expect(figures(await findNewThreatsByDay(ADMIN, 3))[0]).toEqual([0, 0]);
    await saveAccountScore(database.pool, evaluation(A, { "X-01": "fail" }));
    expect(figures(await findNewThreatsByDay(ADMIN, 3))).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
  });

  test("equals the old count over the findings after a rescoring, with a downgraded finding no longer counted", async () => {
    await database.pool.query("UPDATE findings SET severity_label = 'MEDIUM' WHERE source_id = 'gd-b-high-today'");
    await Promise.all(Array.from({ length: 10 }, () => saveAccountScore(database.pool, evaluation(B, { "X-01": "fail" }))));
    const { rows } = await database.pool.query<{ critical: number; high: number }>(
      `SELECT count(*) FILTER (WHERE f.severity_label = 'CRITICAL')::int AS critical,
              count(*) FILTER (WHERE f.severity_label = 'HIGH')::int AS high
       FROM findings f
       WHERE f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
         AND f.first_seen_at >= ((now() AT TIME ZONE 'UTC')::date - 2)::timestamp AT TIME ZONE 'UTC'
         AND f.account_id IN (SELECT id FROM accounts WHERE status <> 'data_only')`,
    );
    const days = figures(await findNewThreatsByDay(ADMIN, 3));
    expect([days.reduce((sum, [critical]) => sum + critical!, 0), days.reduce((sum, [, high]) => sum + high!, 0)]).toEqual([
      rows[0]!.critical,
      rows[0]!.high,
    ]);
    expect(days[2]).toEqual([1, 0]); // B's high is now medium
    const stored = await database.pool.query("SELECT count(*)::int AS n FROM account_threat_days WHERE account_id = $1", [B]);
    expect(stored.rows[0].n).toBe(0);
  });
});
