import "server-only";
import type pg from "pg";
import { EVENT_EVIDENCE_WINDOW_DAYS } from "@/lib/checklist/events/event-window";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";

const PARENT = "cloudtrail_events";
const DEFAULT_PARTITION = "cloudtrail_events_default";
/** pg_advisory_lock key: two upkeep runs (cron tick + `parapet maintenance`) take turns instead of racing on the same DDL. */
const UPKEEP_LOCK_KEY = 7_365_100_001;
const DAY_MS = 86_400_000;

export interface EventPartitionUpkeepOptions {
  now: Date;
  retentionDays: number;
  /** Months after the current one that get their partition now, so a month boundary never sends events to DEFAULT. */
  monthsAhead?: number;
  /**
   * Every month from this one to now gets its partition too. Default: now - 90 days (the
   * window the score reads, and the most a first collection reads back from LookupEvents),
   * so a new install's first collection fills months, not DEFAULT. The bench passes the
   * start of its bulk load.
   */
  coverFrom?: Date;
  log?: (line: string) => void;
}

export interface DroppedEventPartition {
  partition: string;
  from: Date;
  to: Date;
  events: number;
}

export interface EventPartitionUpkeep {
  /** Partitions created, oldest first. */
  created: string[];
  /** Rows moved from DEFAULT into a partition created for their month. */
  movedFromDefault: number;
  dropped: DroppedEventPartition[];
  /** Events older than this are gone once their whole month is (partition upper bound <= cutoff). */
  cutoff: Date;
}

interface PartitionRow {
  name: string;
  is_default: boolean;
  lower: Date | null;
  upper: Date | null;
}

/**
 * Upkeep of the monthly partitions of cloudtrail_events (see the migration
 * 1765100000000_cloudtrail-events-partitioned.sql): creates the partitions of the months
 * from `coverFrom` (90 days back) to `monthsAhead` months ahead, gives every month that has rows in DEFAULT its own
 * partition (moving those rows; CREATE ... PARTITION OF would refuse while DEFAULT holds
 * rows of that range), then detaches and drops every partition that lies entirely before
 * now - retentionDays. Retention is a partition drop, never a DELETE over the big table;
 * each drop is audited (actor "system") with the number of events it removed. Running it
 * again changes nothing.
 */
export async function maintainEventPartitions(pool: pg.Pool, options: EventPartitionUpkeepOptions): Promise<EventPartitionUpkeep> {
  const { now, retentionDays, monthsAhead = 2, log = () => {} } = options;
  const coverFrom = options.coverFrom ?? new Date(now.getTime() - EVENT_EVIDENCE_WINDOW_DAYS * DAY_MS);
  if (!Number.isInteger(retentionDays) || retentionDays < EVENT_EVIDENCE_WINDOW_DAYS) {
    // Same floor as PARAPET_CLOUDTRAIL_RETENTION_DAYS: a caller passing its own number must not get round it.
    throw new Error(
      `event retention of ${retentionDays} days refused: the score reads ${EVENT_EVIDENCE_WINDOW_DAYS} days of CloudTrail events, retention must be at least that`,
    );
  }
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const result: EventPartitionUpkeep = { created: [], movedFromDefault: 0, dropped: [], cutoff };
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [UPKEEP_LOCK_KEY]);
    try {
      const partitions = await listPartitions(client);
      const current = startOfMonth(now);
      const wanted = new Set<number>();
      for (let step = 0; step <= monthsAhead; step++) wanted.add(addMonths(current, step).getTime());
      for (let month = startOfMonth(coverFrom); month < current; month = addMonths(month, 1)) wanted.add(month.getTime());
      const inDefault = await client.query<{ month: Date }>(
        `SELECT DISTINCT date_trunc('month', event_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month FROM ${DEFAULT_PARTITION}`,
      );
      for (const row of inDefault.rows) wanted.add(row.month.getTime());

      for (const time of [...wanted].sort((a, b) => a - b)) {
        const from = new Date(time);
        const to = addMonths(from, 1);
        const overlapping = partitions.filter((p) => p.lower && p.upper && p.lower < to && p.upper > from);
        if (overlapping.length > 0) {
          // Covered already (the normal re-run), or by a partition someone shaped by hand: leave it.
          if (!overlapping.some((p) => p.lower!.getTime() === from.getTime() && p.upper!.getTime() === to.getTime()))
            log(`event partitions: ${monthName(from)} overlaps ${overlapping.map((p) => p.name).join(", ")}; left alone`);
          continue;
        }
        if (from.getUTCFullYear() < 1 || to.getUTCFullYear() > 9999) {
          // A garbled time outside four-digit years: no ISO bound or name for it; its rows stay in DEFAULT, kept and countable.
          log(`event partitions: events dated ${from.toISOString()} stay in ${DEFAULT_PARTITION}`);
          continue;
        }
        const name = partitionName(from);
        const moved = await createMonthPartition(client, name, from, to);
        partitions.push({ name, is_default: false, lower: from, upper: to });
        result.created.push(name);
        result.movedFromDefault += moved;
        log(`event partitions: created ${name}${moved > 0 ? `, moved ${moved} event(s) into it from ${DEFAULT_PARTITION}` : ""}`);
      }

      const expired = partitions
        .filter((p) => !p.is_default && p.upper && p.upper.getTime() <= cutoff.getTime())
        .sort((a, b) => a.lower!.getTime() - b.lower!.getTime());
      for (const partition of expired) {
        const dropped = await dropPartition(client, partition, retentionDays, cutoff);
        result.dropped.push(dropped);
        log(`event partitions: dropped ${dropped.partition} (${dropped.events} event(s), older than ${retentionDays} days)`);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [UPKEEP_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  return result;
}

/** The partitions of cloudtrail_events with their bounds, read from the catalogue (not from names). */
async function listPartitions(client: pg.PoolClient): Promise<PartitionRow[]> {
  const result = await client.query<PartitionRow>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,
            b.m[1]::timestamptz AS lower, b.m[2]::timestamptz AS upper
     FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid
     CROSS JOIN LATERAL (SELECT regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') AS m) b
     WHERE i.inhparent = $1::regclass`,
    [PARENT],
  );
  return result.rows;
}

/**
 * Starts one partition change: one transaction per partition, so locks are held for
 * milliseconds. SHARE ROW EXCLUSIVE lets reads go on and makes writers wait, so no insert
 * can put a row of the month into DEFAULT between the move and the attach. The locks are
 * taken in the order an ingest takes them (accounts, whose rows it ensures first, then the
 * events table; the DDL also locks accounts, for the foreign key), so the two cannot
 * deadlock. lock_timeout: a long-running reader makes this run fail (and the job retry)
 * rather than queue every console read behind the DDL.
 */
async function beginPartitionChange(client: pg.PoolClient): Promise<void> {
  await client.query("BEGIN");
  await client.query("SET LOCAL lock_timeout = '10s'");
  await client.query("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE");
  await client.query(`LOCK TABLE ${PARENT} IN SHARE ROW EXCLUSIVE MODE`);
}

async function createMonthPartition(client: pg.PoolClient, name: string, from: Date, to: Date): Promise<number> {
  await beginPartitionChange(client);
  try {
    const range = [from.toISOString(), to.toISOString()];
    const waiting = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${DEFAULT_PARTITION} WHERE event_time >= $1 AND event_time < $2`,
      range,
    );
    const moved = waiting.rows[0]!.n;
    const bounds = `FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`;
    if (moved === 0) {
      await client.query(`CREATE TABLE ${name} PARTITION OF ${PARENT} FOR VALUES ${bounds}`);
    } else {
      // Build the month beside the table, move DEFAULT's rows of that month into it, attach it
      // (ATTACH creates the partition's indexes and key, and checks DEFAULT no longer holds the range).
      await client.query(`CREATE TABLE ${name} (LIKE ${PARENT} INCLUDING DEFAULTS)`);
      await client.query(
        `WITH moved AS (DELETE FROM ${DEFAULT_PARTITION} WHERE event_time >= $1 AND event_time < $2 RETURNING *)
         INSERT INTO ${name} SELECT * FROM moved`,
        range,
      );
      await client.query(`ALTER TABLE ${PARENT} ATTACH PARTITION ${name} FOR VALUES ${bounds}`);
    }
    await client.query("COMMIT");
    return moved;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** DETACH + DROP of one expired month, with its audit row in the same transaction (no drop without its record). */
async function dropPartition(
  client: pg.PoolClient,
  partition: PartitionRow,
  retentionDays: number,
  cutoff: Date,
): Promise<DroppedEventPartition> {
  await beginPartitionChange(client);
  try {
    const count = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${partition.name}`);
    const dropped: DroppedEventPartition = {
      partition: partition.name,
      from: partition.lower!,
      to: partition.upper!,
      events: count.rows[0]!.n,
    };
    await client.query(`ALTER TABLE ${PARENT} DETACH PARTITION ${partition.name}`);
    await client.query(`DROP TABLE ${partition.name}`);
    await createAuditEntry(
      {
        actorEmail: "system",
        // No request caused it: the daily job (or an operator's `parapet maintenance`).
        ip: null,
        action: "events.retention-drop",
        target: partition.name,
        detail: { from: dropped.from, to: dropped.to, events: dropped.events, retentionDays, cutoff },
      },
      client,
    );
    await client.query("COMMIT");
    return dropped;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

function startOfMonth(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1));
}

function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

function monthName(month: Date): string {
  return `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** cloudtrail_events_y2026m12: the migration's naming, so both create the same names. */
function partitionName(month: Date): string {
  return `${PARENT}_y${String(month.getUTCFullYear()).padStart(4, "0")}m${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}
