import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import type { AccountScore, ItemStatus } from "@/lib/checklist/types";
import { findNewThreatsByDay } from "@/lib/data/overview/find-new-threats-by-day";
import { findTopFailingItems } from "@/lib/data/overview/find-top-failing-items";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { statusEvaluation } from "./support/status-evaluation";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The org journals of migration 1765600000000 (org_item_status_deltas and
 * org_threat_day_deltas): summed per item or day they must always equal the sum of the
 * per-account models over the accounts that are not data_only, whatever writes happened:
 * scorings (one at a time and many at once, of one account and of many), an account turned
 * data_only and back, an account deleted, a hand-written fix, a TRUNCATE, and the writers'
 * compactions (forced here by crossing the 512-row boundary many times). The oracles are
 * plain queries over checklist_results, account_threat_days and accounts; a user who sees
 * every account (the journal) and one who sees all of them by id (the per-account path)
 * must read the same figures.
 */

const ACCOUNTS = Array.from({ length: 8 }, (_, n) => `73000000000${n}`);
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const EVERY_ID: SessionUser = {
  id: "2",
  email: "ids@example.com",
  role: "viewer",
  scope: { all: false, accountIds: ACCOUNTS, tags: [], ouIds: [] },
};
const ITEMS = ["X-01", "X-02", "X-03", "X-04", "X-05", "X-06"];
const STATUSES: ItemStatus[] = ["pass", "fail", "partial", "no_data", "not_applicable"];
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000); // noon UTC today
let database: TestDatabase;
let findingSerial = 0;

function evaluation(accountId: string, statuses: Record<string, ItemStatus>): AccountScore {
  return statusEvaluation(accountId, statuses, today);
}

/** The item journal summed, as "item failing partial withData" lines without all-zero items. */
async function itemJournal(): Promise<string[]> {
  const { rows } = await database.pool.query<{ line: string }>(
    `SELECT item_id || ' ' || sum(failing) || ' ' || sum(partial) || ' ' || sum(with_data) AS line
     FROM org_item_status_deltas GROUP BY item_id
     HAVING sum(failing) <> 0 OR sum(partial) <> 0 OR sum(with_data) <> 0 ORDER BY item_id`,
  );
  return rows.map((row) => row.line);
}

/** The same from checklist_results and the accounts' status, not through any read model. */
async function itemOracle(): Promise<string[]> {
  const { rows } = await database.pool.query<{ line: string }>(
    `SELECT r.item_id || ' ' || count(*) FILTER (WHERE r.status = 'fail') || ' ' || count(*) FILTER (WHERE r.status = 'partial')
              || ' ' || count(*) AS line
     FROM checklist_results r JOIN accounts a ON a.id = r.account_id
     WHERE r.status IN ('pass', 'fail', 'partial') AND a.status <> 'data_only'
     GROUP BY r.item_id ORDER BY r.item_id`,
  );
  return rows.map((row) => row.line);
}

async function threatJournal(): Promise<string[]> {
  const { rows } = await database.pool.query<{ line: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') || ' ' || sum(critical) || ' ' || sum(high) AS line
     FROM org_threat_day_deltas GROUP BY day HAVING sum(critical) <> 0 OR sum(high) <> 0 ORDER BY day`,
  );
  return rows.map((row) => row.line);
}

async function threatOracle(): Promise<string[]> {
  const { rows } = await database.pool.query<{ line: string }>(
    `SELECT to_char(t.day, 'YYYY-MM-DD') || ' ' || sum(t.critical) || ' ' || sum(t.high) AS line
     FROM account_threat_days t JOIN accounts a ON a.id = t.account_id
     WHERE a.status <> 'data_only'
     GROUP BY t.day HAVING sum(t.critical) <> 0 OR sum(t.high) <> 0 ORDER BY t.day`,
  );
  return rows.map((row) => row.line);
}

async function expectJournalsMatch() {
  expect(await itemJournal()).toEqual(await itemOracle());
  expect(await threatJournal()).toEqual(await threatOracle());
  // Both read paths of the overview agree: the journal for everyone, the per-account rows for the rest.
  expect(await findTopFailingItems(ADMIN, 100)).toEqual(await findTopFailingItems(EVERY_ID, 100));
  expect(await findNewThreatsByDay(ADMIN, 10)).toEqual(await findNewThreatsByDay(EVERY_ID, 10));
}

async function addThreat(account: string, label: "CRITICAL" | "HIGH", daysAgo: number) {
  findingSerial += 1;
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     VALUES ('guardduty', $1, $2, 'us-east-1', 'Test:Type/Case', $1, 8, $3, 'active', $4, now(), now(), '{}')`,
    [`gd-journal-${findingSerial}`, account, label, new Date(today.getTime() - daysAgo * DAY)],
  );
}

async function journalRows(): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM org_item_status_deltas");
  return rows[0]!.n;
}

async function resetAll() {
  await database.pool.query("DELETE FROM findings");
  await database.pool.query("DELETE FROM checklist_results");
  await database.pool.query("DELETE FROM account_threat_days");
  await database.pool.query("UPDATE accounts SET status = 'active'");
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of ACCOUNTS)
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, $2, '{us-east-1}', 'active')", [
      id,
      `acct ${id}`,
    ]);
});

afterAll(async () => {
  await database?.drop();
});

describe("org journals", () => {
  test("follow scorings, a data_only account in and out, a hand-written fix and a deletion; figures worked out by hand", async () => {
    const [a, b, c] = ACCOUNTS as [string, string, string];
    await saveAccountScore(database.pool, evaluation(a, { "X-01": "fail", "X-02": "partial", "X-03": "pass", "X-04": "no_data" }));
    await saveAccountScore(database.pool, evaluation(b, { "X-01": "fail", "X-02": "pass" }));
    await addThreat(a, "CRITICAL", 0);
    await addThreat(b, "HIGH", 0);
    await addThreat(b, "HIGH", 1);
    await saveAccountScore(database.pool, evaluation(a, { "X-01": "fail", "X-02": "partial", "X-03": "pass", "X-04": "no_data" }));
    await saveAccountScore(database.pool, evaluation(b, { "X-01": "fail", "X-02": "pass" }));
    const day = (daysAgo: number) => new Date(today.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
    // By hand: X-01 fails in a and b; X-02 partial in a, passes in b; X-03 passes in a (no_data is not data).
    expect(await itemJournal()).toEqual(["X-01 2 0 2", "X-02 0 1 2", "X-03 0 0 1"]);
    expect(await threatJournal()).toEqual([`${day(1)} 0 1`, `${day(0)} 1 1`]);
    await expectJournalsMatch();

    // b becomes data_only: its items and threats leave the org figures; and come back.
    await database.pool.query("UPDATE accounts SET status = 'data_only' WHERE id = $1", [b]);
    expect(await itemJournal()).toEqual(["X-01 1 0 1", "X-02 0 1 1", "X-03 0 0 1"]);
    expect(await threatJournal()).toEqual([`${day(0)} 1 0`]);
    await expectJournalsMatch();
    await database.pool.query("UPDATE accounts SET status = 'active' WHERE id = $1", [b]);
    expect(await itemJournal()).toEqual(["X-01 2 0 2", "X-02 0 1 2", "X-03 0 0 1"]);
    await expectJournalsMatch();

    // A rescoring that changes nothing journals nothing.
    const before = await journalRows();
    await saveAccountScore(database.pool, evaluation(a, { "X-01": "fail", "X-02": "partial", "X-03": "pass", "X-04": "no_data" }));
    expect(await journalRows()).toBe(before);

    // A hand-written fix of a result, then an account scored and deleted.
    await database.pool.query("UPDATE checklist_results SET status = 'pass' WHERE account_id = $1 AND item_id = 'X-01'", [b]);
    await saveAccountScore(database.pool, evaluation(c, { "X-05": "fail" }));
    await addThreat(c, "CRITICAL", 2);
    await saveAccountScore(database.pool, evaluation(c, { "X-05": "fail" }));
    expect(await itemJournal()).toContain("X-05 1 0 1");
    await database.pool.query("DELETE FROM accounts WHERE id = $1", [c]);
    expect(await itemJournal()).toEqual(["X-01 1 0 2", "X-02 0 1 2", "X-03 0 0 1"]);
    expect(await threatJournal()).toEqual([`${day(1)} 0 1`, `${day(0)} 1 1`]);
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'again', '{us-east-1}', 'active')", [c]);
    await expectJournalsMatch();

    // A TRUNCATE of the results empties the per-account model and so the journal's sums.
    await database.pool.query("TRUNCATE checklist_results");
    expect(await itemJournal()).toEqual([]);
    await expectJournalsMatch();
  });

  test("many scorings of many accounts at once, crossing the compaction boundary again and again, leave the journals equal to the models", async () => {
    await resetAll();
    for (const [n, account] of ACCOUNTS.entries())
      for (let day = 0; day < 5; day += 1) if ((n + day) % 2 === 0) await addThreat(account, "HIGH", day);
    // 8 accounts x 40 scorings, each flipping every item: ~2 x 6 journal rows per scoring,
    // thousands of rows in all, so the writers compact many times while others insert.
    const rounds = 40;
    await Promise.all(
      ACCOUNTS.map(async (account, n) => {
        for (let round = 0; round < rounds; round += 1) {
          const statuses = Object.fromEntries(ITEMS.map((itemId, index) => [itemId, STATUSES[(round + index + n) % STATUSES.length]!]));
          if (round === rounds / 2) await addThreat(account, "CRITICAL", n % 4);
          await saveAccountScore(database.pool, evaluation(account, statuses));
        }
      }),
    );
    await expectJournalsMatch();
    // The folds happened: the journal holds far fewer rows than were ever written to it (by
    // hand: four of the five steps of the status cycle change an item's figures, so about
    // 8 x 39 x 6 x 4/5 = 1,500 rows, past 512 and 1,024).
    const { rows } = await database.pool.query<{ last: string }>("SELECT last_value::text AS last FROM org_item_status_deltas_id_seq");
    const written = Number(rows[0]!.last);
    expect(written).toBeGreaterThan(1024);
    expect(await journalRows()).toBeLessThan(written / 2);
  });

  test("any sequence of scorings, status flips, fixes and deletions keeps the journals equal to the models (property)", async () => {
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant("score" as const),
        account: fc.integer({ min: 0, max: 3 }),
        statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: ITEMS.length, maxLength: ITEMS.length }),
        dropped: fc.integer({ min: 0, max: ITEMS.length - 1 }),
      }),
      fc.record({ kind: fc.constant("threat" as const), account: fc.integer({ min: 0, max: 3 }), days: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant("flip" as const), account: fc.integer({ min: 0, max: 3 }), dataOnly: fc.boolean() }),
      fc.record({ kind: fc.constant("fix" as const), account: fc.integer({ min: 0, max: 3 }), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant("delete" as const), account: fc.integer({ min: 0, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        await resetAll();
        for (const op of operations) {
          const account = ACCOUNTS[op.account]!;
          if (op.kind === "score") {
            const statuses = Object.fromEntries(ITEMS.slice(op.dropped).map((itemId, index) => [itemId, op.statuses[index]!]));
            await saveAccountScore(database.pool, evaluation(account, statuses));
          } else if (op.kind === "threat") {
            await addThreat(account, op.days % 2 === 0 ? "CRITICAL" : "HIGH", op.days);
          } else if (op.kind === "flip") {
            await database.pool.query("UPDATE accounts SET status = $2 WHERE id = $1", [account, op.dataOnly ? "data_only" : "active"]);
          } else if (op.kind === "fix") {
            await database.pool.query("UPDATE checklist_results SET status = $2 WHERE account_id = $1 AND item_id = 'X-06'", [
              account,
              op.status,
            ]);
          } else {
            await database.pool.query("DELETE FROM accounts WHERE id = $1", [account]);
            await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'again', '{us-east-1}', 'active')", [
              account,
            ]);
          }
        }
        await expectJournalsMatch();
      }),
      { numRuns: 25 },
    );
  });
});
