import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { countFindings } from "@/lib/data/findings/count-findings";
import { findFindings } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { findRuns } from "@/lib/data/runs/find-runs";
import { parseRunFilters } from "@/lib/data/runs/run-filters";
import { isAppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * Weakness 5 of issue 12: a NUL byte in `q`/`type` or a crafted `after` cursor reached
 * PostgreSQL and came back as a database error (a 500 on the page, a header-only CSV).
 * Each input here goes through what the findings page, the export and /api/v1/findings
 * do (parse the URL, then the scoped queries) against a real database, and must end as
 * an INVALID_INPUT AppError (400) with a message, never as a database error.
 */
let database: TestDatabase;
const admin: SessionUser = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "admin@example.com",
  role: "admin",
  scope: { all: true },
};
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ('111111111111', 'prod', '{us-east-1}', 'active')");
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     SELECT 'guardduty', 'f' || n, '111111111111', 'us-east-1', 'Recon:EC2/PortProbe', 'finding ' || n, 70, 'HIGH', 'active', now(), now(), now(), '{}'::jsonb
     FROM generate_series(1, 3) n`,
  );
  await database.pool.query("INSERT INTO collection_runs (account_id, status) VALUES ('111111111111', 'succeeded')");
});
afterAll(async () => {
  await database?.drop();
});

/** What the findings page / export / API do with a URL: `ok` with the row count, `invalid` with the 400 message, or `crash` (a 500). */
async function runFindingsQuery(
  query: string,
): Promise<{ outcome: "ok"; rows: number } | { outcome: "invalid"; message: string } | { outcome: "crash"; message: string }> {
  try {
    const filters = parseFindingFilters(new URLSearchParams(query));
    const [page] = await Promise.all([
      findFindings(admin, filters, {
        ...(filters.after ? { after: filters.after } : {}),
        ...(filters.before ? { before: filters.before } : {}),
      }),
      countFindings(admin, filters),
    ]);
    return { outcome: "ok", rows: page.rows.length };
  } catch (error) {
    return isAppError(error) && error.status === 400
      ? { outcome: "invalid", message: error.message }
      : { outcome: "crash", message: String(error) };
  }
}

async function runRunsQuery(query: string) {
  try {
    const filters = parseRunFilters(new URLSearchParams(query));
    const page = await findRuns(admin, {
      ...(filters.account ? { accountId: filters.account } : {}),
      ...(filters.after ? { after: filters.after } : {}),
    });
    return { outcome: "ok" as const, rows: page.rows.length };
  } catch (error) {
    return isAppError(error) && error.status === 400
      ? { outcome: "invalid" as const, message: error.message }
      : { outcome: "crash" as const, message: String(error) };
  }
}

describe("bad query input on the findings explorer, its export and the JSON API", () => {
  test("well-formed input still finds the rows", async () => {
    expect(await runFindingsQuery("q=finding&type=PortProbe")).toEqual({ outcome: "ok", rows: 3 });
  });

  test.each([
    ["q=%00", "q: must not contain control characters"],
    ["q=bucket%00name", "q: must not contain control characters"],
    ["type=%00", "type: must not contain control characters"],
    ["control=IAM.6%00", "control: must not contain control characters"],
  ])("a NUL byte (%s) is a 400, not a database error", async (query, message) => {
    expect(await runFindingsQuery(query)).toEqual({ outcome: "invalid", message });
  });

  const refused = "after: is not a page cursor of this list (start again from the first page)";
  test.each([
    ["an out-of-range severity (overflows ::real)", `after=${cursor({ k: 1e39, i: "1" })}`],
    ["a bigint overflow in the id", `after=${cursor({ k: 50, i: "99999999999999999999" })}`],
    ["a number id", `after=${cursor({ k: 50, i: 1 })}`],
    ["a string key under the severity sort", `after=${cursor({ k: "high", i: "1" })}`],
    ["a date PostgreSQL refuses", `sort=last_seen&after=${cursor({ k: "2026-02-31T00:00:00.000Z", i: "1" })}`],
    ["a date V8 accepts and PostgreSQL does not", `sort=last_seen&after=${cursor({ k: "1", i: "1" })}`],
    ["a far-future year", `sort=last_seen&after=${cursor({ k: "+275760-09-13T00:00:00.000Z", i: "1" })}`],
    ["not base64 JSON", "after=%7B%22k%22"],
    ["a NUL byte in a text sort key (PostgreSQL refuses it in text)", `sort=title&after=${cursor({ k: "finding\u0000", i: "1" })}`],
    ["a number key under a text sort", `sort=resource&dir=asc&after=${cursor({ k: 70, i: "1" })}`],
    ["a text key under the first-seen sort", `sort=first_seen&after=${cursor({ k: "finding 1", i: "1" })}`],
    ["a key no account id is, under the account sort", `sort=account&after=${cursor({ k: "' OR 1=1 --", i: "1" })}`],
  ])("a crafted cursor (%s) is a 400, not a database error", async (_name, query) => {
    expect(await runFindingsQuery(query)).toEqual({ outcome: "invalid", message: refused });
  });

  test.each([
    ["severity=HIGH&severity=urgent", "severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL"],
    ["account=111111111111,11111111111%00", "account: an AWS account id is 12 digits"],
    ["region=us-east-1&region=%00", "region: an AWS region looks like eu-west-1"],
    ["sort=title&dir=sideways", "dir: must be one of desc, asc"],
  ])("a bad value among a multi-select's or the order's (%s) is a 400", async (query, message) => {
    expect(await runFindingsQuery(query)).toEqual({ outcome: "invalid", message });
  });

  test("the explorer's own cursors of a text sort walk every row once, both ways, against the database", async () => {
    const walk = async (query: string) => {
      const filters = parseFindingFilters(new URLSearchParams(query));
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await findFindings(admin, filters, { ...(after ? { after } : {}), limit: 2 });
        seen.push(...page.rows.map((row) => row.title));
        after = page.nextCursor;
      } while (after);
      return seen;
    };
    expect(await walk("sort=title&dir=asc")).toEqual(["finding 1", "finding 2", "finding 3"]);
    expect(await walk("sort=title&dir=desc&severity=HIGH,LOW")).toEqual(["finding 3", "finding 2", "finding 1"]);
  });

  test("a crafted cursor handed straight to findFindings (past the edge) is refused too, before any SQL", async () => {
    await expect(findFindings(admin, parseFindingFilters({}), { after: cursor({ k: 1e39, i: "1" }) })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("bad query input on the collection page", () => {
  test("a well-formed page still lists the runs", async () => {
    expect(await runRunsQuery("account=111111111111")).toEqual({ outcome: "ok", rows: 1 });
  });

  test.each([
    ["a bigint overflow", cursor({ t: "2026-01-01T00:00:00.000Z", i: "99999999999999999999" })],
    ["a date V8 accepts and PostgreSQL does not", cursor({ t: "1", i: "1" })],
    ["a rolled-over date", cursor({ t: "2026-02-30T00:00:00.000Z", i: "1" })],
  ])("a crafted `after` (%s) is a 400, not a database error", async (_name, after) => {
    expect(await runRunsQuery(`after=${after}`)).toEqual({
      outcome: "invalid",
      message: "after: is not a page cursor of this list (start again from the newest runs)",
    });
  });

  test("findRuns refuses a crafted cursor handed to it directly", async () => {
    await expect(findRuns(admin, { after: cursor({ t: "1", i: "1" }) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
