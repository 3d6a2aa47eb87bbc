import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { countFindings, FINDINGS_COUNT_CAP, FINDINGS_TEXT_COUNT_CAP } from "@/lib/data/findings/count-findings";
import { findFindings } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The explorer's text search (served by a pg_trgm index on findings.title) and its bounded
 * count, against the database: the rows are those a hand-written ILIKE over every finding
 * returns, whichever plan PostgreSQL picks, and the count is exact up to the cap and says
 * "more" past it.
 */

const SEARCH_ACCOUNT = "555555555555";
const COUNT_ACCOUNT = "666666666666";
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
let database: TestDatabase;

const TITLES = [
  "S3 bucket is public",
  "s3 BUCKET allows PUBLIC read",
  "Public access block disabled on bucket",
  "Root account used",
  "100% of keys unrotated",
  "1000 keys unrotated",
  "key_rotation disabled",
  "keyXrotation disabled",
  "Back\\slash in title",
  "Grüße from München",
  "ab",
];

const byNumber = (a: string, b: string) => Number(a) - Number(b);

/** Every title containing `text` case-insensitively, by the test's own SQL over all findings (LIKE escapes written out). */
async function expectedIds(text: string): Promise<string[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
  const { rows } = await database.pool.query<{ id: string }>(`SELECT id::text FROM findings WHERE account_id = $1 AND title ILIKE $2`, [
    SEARCH_ACCOUNT,
    pattern,
  ]);
  return rows.map((row) => row.id).sort(byNumber);
}

async function searchIds(text: string): Promise<string[]> {
  const filters = parseFindingFilters({ account: SEARCH_ACCOUNT, q: text, status: "all" });
  const page = await findFindings(ADMIN, filters, { limit: 5000 });
  return page.rows.map((row) => row.id).sort(byNumber);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    "INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'search', '{us-east-1}', 'active'), ($2, 'count', '{us-east-1}', 'active')",
    [SEARCH_ACCOUNT, COUNT_ACCOUNT],
  );
  // Each title 30 times, so the trigram index is worth using for the rarer ones.
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     SELECT 'guardduty', 'search-' || t.n || '-' || copy, $1, 'us-east-1', 'Test:Type/Case', t.title, 50, 'MEDIUM', 'active', now(), now(), now(), '{}'
     FROM unnest($2::text[]) WITH ORDINALITY AS t(title, n) CROSS JOIN generate_series(1, 30) AS copy`,
    [SEARCH_ACCOUNT, TITLES],
  );
  // One more than the cap: the count must stop and say so.
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     SELECT 'guardduty', 'count-' || n, $1, 'us-east-1', 'Test:Type/Case', 'counted ' || n, 40, 'MEDIUM', 'active', now(), now(), now(), '{}'
     FROM generate_series(1, $2::int) AS n`,
    [COUNT_ACCOUNT, FINDINGS_COUNT_CAP + 1],
  );
  await database.pool.query("ANALYZE findings");
});

afterAll(async () => {
  await database.drop();
});

describe("text search over titles", () => {
  test.each([
    ["public bucket"],
    ["PUBLIC"],
    ["bucket"],
    ["100%"],
    ["key_rotation"],
    ["back\\slash"],
    ["grüße"],
    ["münchen"],
    ["ab"],
    ["a"],
    ["nothing like this"],
  ])("q=%s finds exactly what ILIKE over every title finds", async (text) => {
    const expected = await expectedIds(text);
    expect(await searchIds(text)).toEqual(expected);
  });

  test("worked by hand: the literal %, _ and \\ and the case-folding", async () => {
    // "100%" is only in "100% of keys unrotated" (not "1000 keys"); "key_rotation" not "keyXrotation".
    expect((await expectedIds("100%")).length).toBe(30);
    expect((await expectedIds("key_rotation")).length).toBe(30);
    // "public" (any case) is in three titles.
    expect((await searchIds("public")).length).toBe(90);
  });

  test("the trigram index serves the search, and returns the same rows as a sequential scan", async () => {
    const client = await database.pool.connect();
    try {
      // No ORDER BY: the primary key's order would be a plan of its own; the rows are sorted here.
      const sql = "SELECT id::text FROM findings WHERE title ILIKE $1";
      await client.query("SET enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, ["%rotated%"]);
      expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toContain("findings_title_trgm_idx");
      const byIndex = await client.query(sql, ["%rotated%"]);
      await client.query("RESET enable_seqscan");
      await client.query("SET enable_indexscan = off; SET enable_bitmapscan = off");
      const bySeqScan = await client.query(sql, ["%rotated%"]);
      const ids = (result: { rows: Array<{ id: string }> }) => result.rows.map((row) => row.id).sort(byNumber);
      expect(ids(byIndex)).toEqual(ids(bySeqScan));
      // "1000 keys unrotated" and "100% of keys unrotated", 30 each.
      expect(byIndex.rows).toHaveLength(60);
    } finally {
      await client.query("RESET ALL");
      client.release();
    }
  });
});

describe("the explorer's bounded count", () => {
  test(`stops at ${FINDINGS_COUNT_CAP.toLocaleString("en-US")} and says there are more`, async () => {
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT }))).toEqual({
      count: FINDINGS_COUNT_CAP,
      isCapped: true,
    });
  });

  test(`stops at ${FINDINGS_TEXT_COUNT_CAP.toLocaleString("en-US")} with a text filter, which no index can count alone`, async () => {
    // Every one of the 10,001 titles contains "counted"; "counted 1" matches 1, 10..19, 100..199, 1000..1999 and 10000, 10001 = 1,113.
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT, q: "counted" }))).toEqual({
      count: FINDINGS_TEXT_COUNT_CAP,
      isCapped: true,
    });
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT, q: "counted 1" }))).toEqual({
      count: FINDINGS_TEXT_COUNT_CAP,
      isCapped: true,
    });
    // "counted 10" .. : 10, 100..109, 1000..1099, 10000, 10001 = 1 + 10 + 100 + 2 = 113.
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT, q: "counted 10" }))).toEqual({
      count: 113,
      isCapped: false,
    });
  });

  test("is exact below the cap", async () => {
    // "counted 1" .. "counted 10001": titles containing "counted 100" are 100, 1000..1009 and 10000, 10001 = 13.
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT, q: "counted 100" }))).toEqual({
      count: 13,
      isCapped: false,
    });
    await database.pool.query("UPDATE findings SET status = 'archived' WHERE account_id = $1 AND source_id = 'count-1'", [COUNT_ACCOUNT]);
    expect(await countFindings(ADMIN, parseFindingFilters({ account: COUNT_ACCOUNT }))).toEqual({
      count: FINDINGS_COUNT_CAP,
      isCapped: false,
    });
    await database.pool.query("UPDATE findings SET status = 'active' WHERE account_id = $1 AND source_id = 'count-1'", [COUNT_ACCOUNT]);
  });
});
