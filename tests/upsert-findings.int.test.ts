import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import type { NormalisedFinding } from "@/lib/aws/normalise/types";
import { upsertFindings } from "@/lib/ingest/upsert-findings";
import { withTransaction } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The bulk upsert COPYs each batch into a staging table and moves it into `findings` with
 * one INSERT ... ON CONFLICT. These pin what that path must keep: text that COPY has to
 * escape arrives byte for byte, batches in one transaction do not leak into each other,
 * versions only move forward, and it refuses to run without a transaction.
 */

let database: TestDatabase;

function asff(id: string, updatedAt: string, overrides: Record<string, unknown> = {}): NormalisedFinding {
  const result = normaliseAsffFinding({
    SchemaVersion: "2018-10-08",
    Id: `arn:aws:securityhub:eu-central-1:333333333333:security-control/S3.8/finding/${id}`,
    ProductArn: "arn:aws:securityhub:eu-central-1::product/aws/securityhub",
    GeneratorId: "security-control/S3.8",
    AwsAccountId: "333333333333",
    Region: "eu-central-1",
    Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
    Title: "S3 general purpose buckets should block public access",
    CreatedAt: "2026-11-01T00:00:00.000Z",
    UpdatedAt: updatedAt,
    Severity: { Label: "HIGH", Normalized: 70 },
    Compliance: { Status: "FAILED", SecurityControlId: "S3.8" },
    Workflow: { Status: "NEW" },
    RecordState: "ACTIVE",
    Resources: [{ Type: "AwsS3Bucket", Id: `arn:aws:s3:::bucket-${id}`, Region: "eu-central-1" }],
    ...overrides,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

async function stored(sourceIdSuffix: string) {
  const { rows } = await database.pool.query<{
    title: string;
    description: string | null;
    raw: Record<string, unknown>;
    source_updated_at: Date;
  }>("SELECT title, description, raw, source_updated_at FROM findings WHERE source_id LIKE '%' || $1", [sourceIdSuffix]);
  return rows;
}

describe("upsertFindings", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  test("text that COPY must escape (tab, newline, CR, backslash, quotes, \\N, unicode) is stored exactly", async () => {
    const awkward = "Tab\there, new\nline, CR\r, back\\slash, \\N, \"quotes\", 'single', emoji \u{1F512}, accents éü";
    const finding = asff("escape-1", "2026-11-04T00:00:00.000Z", {
      Title: awkward,
      Description: awkward,
      UserDefinedFields: { note: awkward },
    });
    const counts = await withTransaction((client) => upsertFindings(client, [finding]), database.pool);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const [row] = await stored("escape-1");
    expect(row!.title).toBe(awkward);
    expect(row!.description).toBe(awkward);
    expect(row!.raw).toEqual(finding.raw);
    expect((row!.raw.UserDefinedFields as { note: string }).note).toBe(awkward);
  });

  test("two batches in one transaction are both stored, each counted once", async () => {
    const first = [asff("tx-1", "2026-11-04T00:00:00.000Z"), asff("tx-2", "2026-11-04T00:00:00.000Z")];
    const second = [asff("tx-3", "2026-11-04T00:00:00.000Z")];
    const counts = await withTransaction(
      async (client) => [await upsertFindings(client, first), await upsertFindings(client, second)],
      database.pool,
    );
    expect(counts).toEqual([
      { inserted: 2, updated: 0, unchanged: 0 },
      { inserted: 1, updated: 0, unchanged: 0 },
    ]);
    expect((await stored("tx-1")).length + (await stored("tx-2")).length + (await stored("tx-3")).length).toBe(3);
  });

  test("a newer version updates, the same one again is unchanged, an older one never overwrites", async () => {
    const v1 = asff("ver-1", "2026-11-04T00:00:00.000Z");
    const v2 = asff("ver-1", "2026-11-05T00:00:00.000Z", { Title: "renamed" });
    const upsert = (rows: NormalisedFinding[]) => withTransaction((client) => upsertFindings(client, rows), database.pool);
    expect(await upsert([v1])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await upsert([v2])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await upsert([v2])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await upsert([v1])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    // Both versions in one batch: the newer wins, once.
    expect(
      await upsert([asff("ver-2", "2026-11-05T00:00:00.000Z", { Title: "newer" }), asff("ver-2", "2026-11-04T00:00:00.000Z")]),
    ).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    const [row] = await stored("ver-1");
    expect(row!.title).toBe("renamed");
    expect(row!.source_updated_at.toISOString()).toBe("2026-11-05T00:00:00.000Z");
    expect((await stored("ver-2"))[0]!.title).toBe("newer");
  });

  test("outside a transaction it refuses, and stores nothing", async () => {
    const client = await database.pool.connect();
    try {
      await expect(upsertFindings(client, [asff("no-tx", "2026-11-04T00:00:00.000Z")])).rejects.toThrow("must run inside a transaction");
    } finally {
      client.release();
    }
    expect(await stored("no-tx")).toEqual([]);
  });
});
