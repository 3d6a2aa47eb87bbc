import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NormalisedEvent } from "@/lib/aws/normalise/types";
import { maintainEventPartitions } from "@/lib/data/events/maintain-event-partitions";
import { upsertEvents } from "@/lib/ingest/upsert-events";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * cloudtrail_events is range-partitioned by month with a DEFAULT partition; the upkeep
 * (maintainEventPartitions, the maintain-event-partitions job) creates months ahead, gives
 * DEFAULT's rows their own month, and drops whole months past retention. One database, the
 * steps in order, on fixed clocks so every expected partition is worked out by hand.
 */
const ACCOUNT = "111122223333";
const PARTITION = (month: string) => `cloudtrail_events_y${month.replace("-", "m")}`;
let database: TestDatabase;

function event(id: string, time: string): NormalisedEvent {
  return {
    eventId: id,
    accountId: ACCOUNT,
    region: "us-east-1",
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    eventTime: new Date(time),
    userType: "Root",
    userArn: `arn:aws:iam::${ACCOUNT}:root`,
    sourceIp: "198.51.100.7",
    errorCode: null,
    mfaUsed: false,
    readOnly: false,
    raw: { eventID: id, eventTime: time, eventName: "ConsoleLogin" },
  };
}

/** Partitions of cloudtrail_events from the catalogue: name -> [from, to] in UTC ISO ("DEFAULT" for the default one). */
async function partitions(): Promise<Record<string, string>> {
  const client = await database.pool.connect();
  try {
    // pg_get_expr writes the bounds in the session's time zone.
    await client.query("BEGIN");
    await client.query("SET LOCAL TIME ZONE 'UTC'");
    const result = await client.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'cloudtrail_events'::regclass`,
    );
    await client.query("COMMIT");
    return Object.fromEntries(result.rows.map((row) => [row.name, row.bound]));
  } finally {
    client.release();
  }
}

/** Which partition holds each event id. */
async function placement(): Promise<Record<string, string>> {
  const result = await database.pool.query<{ event_id: string; partition: string }>(
    "SELECT event_id, tableoid::regclass::text AS partition FROM cloudtrail_events ORDER BY event_id",
  );
  return Object.fromEntries(result.rows.map((row) => [row.event_id, row.partition]));
}

async function ingest(events: NormalisedEvent[]) {
  const client = await database.pool.connect();
  try {
    return await upsertEvents(client, events);
  } finally {
    client.release();
  }
}

async function retentionAudit() {
  const result = await database.pool.query<{ actor_email: string; target: string; detail: { events: number; retentionDays: number } }>(
    "SELECT actor_email, target, detail FROM audit_log WHERE action = 'events.retention-drop' ORDER BY id",
  );
  return result.rows.map((row) => ({
    actor: row.actor_email,
    target: row.target,
    events: row.detail.events,
    days: row.detail.retentionDays,
  }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The template was migrated "now" (this month and the next two have partitions); start from
  // DEFAULT alone so the months below do not depend on the day the suite runs.
  for (const name of Object.keys(await partitions())) {
    if (name === "cloudtrail_events_default") continue;
    await database.pool.query(`ALTER TABLE cloudtrail_events DETACH PARTITION ${name}`);
    await database.pool.query(`DROP TABLE ${name}`);
  }
});

afterAll(async () => {
  await database?.drop();
});

const FIRST_RUN = new Date("2025-09-10T08:00:00Z");
// 400 days before 2026-12-15T12:00Z is 2025-11-10T12:00Z: September and October 2025 end
// before it (dropped), November 2025 does not (kept, although 2025-11-05 is 405 days old).
const LATER_RUN = new Date("2026-12-15T12:00:00Z");

describe("CloudTrail event partitions", () => {
  test("the table is range-partitioned by event_time with a DEFAULT partition", async () => {
    const result = await database.pool.query<{ strategy: string; key: string }>(
      `SELECT p.partstrat AS strategy, pg_get_partkeydef(p.partrelid) AS key FROM pg_partitioned_table p WHERE p.partrelid = 'cloudtrail_events'::regclass`,
    );
    expect(result.rows).toEqual([{ strategy: "r", key: "RANGE (event_time)" }]);
    expect(await partitions()).toEqual({ cloudtrail_events_default: "DEFAULT" });
  });

  test("upkeep creates the months of the last 90 days, this month's partition and the next two", async () => {
    const result = await maintainEventPartitions(database.pool, { now: FIRST_RUN, retentionDays: 400 });
    // 90 days before 2025-09-10 is 2025-06-12: June to August 2025 back, September to November ahead.
    expect(result).toEqual({
      created: ["2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"].map(PARTITION),
      movedFromDefault: 0,
      dropped: [],
      cutoff: new Date("2024-08-06T08:00:00Z"),
    });
    expect(await partitions()).toEqual({
      cloudtrail_events_default: "DEFAULT",
      [PARTITION("2025-06")]: "FOR VALUES FROM ('2025-06-01 00:00:00+00') TO ('2025-07-01 00:00:00+00')",
      [PARTITION("2025-07")]: "FOR VALUES FROM ('2025-07-01 00:00:00+00') TO ('2025-08-01 00:00:00+00')",
      [PARTITION("2025-08")]: "FOR VALUES FROM ('2025-08-01 00:00:00+00') TO ('2025-09-01 00:00:00+00')",
      [PARTITION("2025-09")]: "FOR VALUES FROM ('2025-09-01 00:00:00+00') TO ('2025-10-01 00:00:00+00')",
      [PARTITION("2025-10")]: "FOR VALUES FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00')",
      [PARTITION("2025-11")]: "FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00')",
    });
  });

  test("re-running upkeep is a no-op", async () => {
    const before = await partitions();
    const result = await maintainEventPartitions(database.pool, { now: FIRST_RUN, retentionDays: 400 });
    expect(result).toMatchObject({ created: [], movedFromDefault: 0, dropped: [] });
    expect(await partitions()).toEqual(before);
  });

  test("ingest stores events of any time: covered months in their partition, far past and far future in DEFAULT", async () => {
    const batch = [
      event("e1", "2025-09-15T10:00:00Z"),
      event("e2", "2025-09-28T23:59:59Z"),
      event("e3", "2025-10-02T00:00:00Z"),
      event("e4", "2025-11-05T09:30:00Z"),
      event("e5", "2019-03-03T03:03:03Z"),
      event("e6", "2026-11-20T12:00:00Z"),
      event("e7", "2026-12-10T12:00:00Z"),
      event("e8", "2031-06-01T00:00:00Z"),
    ];
    expect(await ingest(batch)).toEqual({ inserted: 8, updated: 0, unchanged: 0 });
    expect(await placement()).toEqual({
      e1: PARTITION("2025-09"),
      e2: PARTITION("2025-09"),
      e3: PARTITION("2025-10"),
      e4: PARTITION("2025-11"),
      e5: "cloudtrail_events_default",
      e6: "cloudtrail_events_default",
      e7: "cloudtrail_events_default",
      e8: "cloudtrail_events_default",
    });
    // The same delivery again (a retried page, a re-imported file): nothing new.
    expect(await ingest(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 8 });
    // The same event id under another time (an export that rounded it) is still the same event.
    expect(await ingest([event("e7", "2026-12-10T12:00:01Z"), event("e3", "2025-11-02T00:00:00Z")])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    const rows = await database.pool.query<{ event_id: string; event_time: Date }>(
      "SELECT event_id, event_time FROM cloudtrail_events WHERE event_id IN ('e3', 'e7') ORDER BY event_id",
    );
    expect(rows.rows).toEqual([
      { event_id: "e3", event_time: new Date("2025-10-02T00:00:00Z") },
      { event_id: "e7", event_time: new Date("2026-12-10T12:00:00Z") },
    ]);
  });

  test("a later upkeep gives DEFAULT's months their partitions (rows moved, none lost) and drops whole months past retention", async () => {
    const result = await maintainEventPartitions(database.pool, { now: LATER_RUN, retentionDays: 400 });
    expect(result.cutoff).toEqual(new Date("2025-11-10T12:00:00Z"));
    // 90 days back from 2026-12-15 is 2026-09-16: September and October 2026 are new as well.
    expect(result.created).toEqual([
      PARTITION("2019-03"),
      PARTITION("2026-09"),
      PARTITION("2026-10"),
      PARTITION("2026-11"),
      PARTITION("2026-12"),
      PARTITION("2027-01"),
      PARTITION("2027-02"),
      PARTITION("2031-06"),
    ]);
    // e5, e6, e7 and e8 came out of DEFAULT.
    expect(result.movedFromDefault).toBe(4);
    expect(result.dropped).toEqual([
      { partition: PARTITION("2019-03"), from: new Date("2019-03-01T00:00:00Z"), to: new Date("2019-04-01T00:00:00Z"), events: 1 },
      { partition: PARTITION("2025-06"), from: new Date("2025-06-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z"), events: 0 },
      { partition: PARTITION("2025-07"), from: new Date("2025-07-01T00:00:00Z"), to: new Date("2025-08-01T00:00:00Z"), events: 0 },
      { partition: PARTITION("2025-08"), from: new Date("2025-08-01T00:00:00Z"), to: new Date("2025-09-01T00:00:00Z"), events: 0 },
      { partition: PARTITION("2025-09"), from: new Date("2025-09-01T00:00:00Z"), to: new Date("2025-10-01T00:00:00Z"), events: 2 },
      { partition: PARTITION("2025-10"), from: new Date("2025-10-01T00:00:00Z"), to: new Date("2025-11-01T00:00:00Z"), events: 1 },
    ]);

    // The dropped months are gone as tables, not emptied.
    const gone = await database.pool.query<{ name: string; exists: string | null }>(
      "SELECT name, to_regclass(name)::text AS exists FROM unnest($1::text[]) AS name ORDER BY name",
      [[PARTITION("2019-03"), PARTITION("2025-09"), PARTITION("2025-10")]],
    );
    expect(gone.rows.map((row) => row.exists)).toEqual([null, null, null]);
    // What is left, partition by partition: e4 stays although it is 405 days old (its month
    // ends after the cutoff), so nothing was deleted row by row; DEFAULT is empty.
    expect(await placement()).toEqual({
      e4: PARTITION("2025-11"),
      e6: PARTITION("2026-11"),
      e7: PARTITION("2026-12"),
      e8: PARTITION("2031-06"),
    });
    const counts = await database.pool.query<{ partition: string; n: number }>(
      "SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM cloudtrail_events GROUP BY 1 ORDER BY 1",
    );
    expect(counts.rows).toEqual([
      { partition: PARTITION("2025-11"), n: 1 },
      { partition: PARTITION("2026-11"), n: 1 },
      { partition: PARTITION("2026-12"), n: 1 },
      { partition: PARTITION("2031-06"), n: 1 },
    ]);
    expect(Object.keys(await partitions()).sort()).toEqual(
      [
        "cloudtrail_events_default",
        PARTITION("2025-11"),
        PARTITION("2026-09"),
        PARTITION("2026-10"),
        PARTITION("2026-11"),
        PARTITION("2026-12"),
        PARTITION("2027-01"),
        PARTITION("2027-02"),
        PARTITION("2031-06"),
      ].sort(),
    );
    // Every drop has its audit row, by "system", with the number of events it removed.
    expect(await retentionAudit()).toEqual([
      { actor: "system", target: PARTITION("2019-03"), events: 1, days: 400 },
      { actor: "system", target: PARTITION("2025-06"), events: 0, days: 400 },
      { actor: "system", target: PARTITION("2025-07"), events: 0, days: 400 },
      { actor: "system", target: PARTITION("2025-08"), events: 0, days: 400 },
      { actor: "system", target: PARTITION("2025-09"), events: 2, days: 400 },
      { actor: "system", target: PARTITION("2025-10"), events: 1, days: 400 },
    ]);
  });

  test("partitions made by the upkeep carry the table's indexes and key, so drill-down by event id still finds the event", async () => {
    // The attached partition (built beside the table, then ATTACHed) and the created one alike.
    const indexes = await database.pool.query<{ partition: string; n: number }>(
      `SELECT c.relname AS partition, count(*)::int AS n
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_index x ON x.indrelid = c.oid
       WHERE i.inhparent = 'cloudtrail_events'::regclass AND c.relname IN ($1, $2)
       GROUP BY 1 ORDER BY 1`,
      [PARTITION("2026-11"), PARTITION("2027-01")],
    );
    // The key, (account_id, event_time), (event_name, event_time) and the failed-attempts partial index.
    expect(indexes.rows).toEqual([
      { partition: PARTITION("2026-11"), n: 4 },
      { partition: PARTITION("2027-01"), n: 4 },
    ]);
    const byId = await database.pool.query<{ event_name: string }>("SELECT event_name FROM cloudtrail_events WHERE event_id = 'e6'");
    expect(byId.rows).toEqual([{ event_name: "ConsoleLogin" }]);
    // The key holds across partitions for a repeat of e6 with its own time.
    expect(await ingest([event("e6", "2026-11-20T12:00:00Z")])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  test("re-running the later upkeep is a no-op, with no new audit rows", async () => {
    const before = await partitions();
    const result = await maintainEventPartitions(database.pool, { now: LATER_RUN, retentionDays: 400 });
    expect(result).toMatchObject({ created: [], movedFromDefault: 0, dropped: [] });
    expect(await partitions()).toEqual(before);
    expect(await retentionAudit()).toHaveLength(6);
  });

  test("a retention shorter than the score's 90-day event window is refused and drops nothing", async () => {
    const before = await partitions();
    await expect(maintainEventPartitions(database.pool, { now: LATER_RUN, retentionDays: 30 })).rejects.toThrow(
      "event retention of 30 days refused: the score reads 90 days of CloudTrail events, retention must be at least that",
    );
    expect(await partitions()).toEqual(before);
  });

  test("an upkeep running while events arrive loses none of them", async () => {
    // March 2027 has no partition yet: these go to DEFAULT until the upkeep's move, or into the new partition after it.
    const events = Array.from({ length: 40 }, (_, index) =>
      event(`c${index}`, `2027-03-${String((index % 28) + 1).padStart(2, "0")}T08:00:00Z`),
    );
    const [, ...inserted] = await Promise.all([
      maintainEventPartitions(database.pool, { now: new Date("2027-01-20T00:00:00Z"), retentionDays: 400 }),
      ...events.map((item) => ingest([item])),
    ]);
    expect(inserted.reduce((sum, counts) => sum + counts.inserted, 0)).toBe(40);
    const stored = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cloudtrail_events WHERE event_id LIKE 'c%'");
    expect(stored.rows[0]!.n).toBe(40);
    // A second pass puts whatever arrived before the partition existed into it.
    await maintainEventPartitions(database.pool, { now: new Date("2027-01-20T00:00:00Z"), retentionDays: 400 });
    const placed = await database.pool.query<{ partition: string; n: number }>(
      "SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM cloudtrail_events WHERE event_id LIKE 'c%' GROUP BY 1",
    );
    expect(placed.rows).toEqual([{ partition: PARTITION("2027-03"), n: 40 }]);
  });

  test("coverFrom creates the months back to a bulk load's oldest event, so the load fills them directly", async () => {
    const result = await maintainEventPartitions(database.pool, {
      now: new Date("2027-01-20T00:00:00Z"),
      retentionDays: 400,
      coverFrom: new Date("2026-05-10T00:00:00Z"),
    });
    // September 2026 to March 2027 exist already; May to August 2026 are new.
    expect(result).toMatchObject({
      created: ["2026-05", "2026-06", "2026-07", "2026-08"].map(PARTITION),
      movedFromDefault: 0,
      dropped: [],
    });
  });
});
