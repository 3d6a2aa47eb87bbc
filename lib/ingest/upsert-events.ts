import "server-only";
import type pg from "pg";
import type { NormalisedEvent } from "@/lib/aws/normalise/types";
import { ensureRecordAccounts } from "@/lib/ingest/ensure-record-accounts";
import type { UpsertCounts } from "@/lib/ingest/upsert-findings";

/**
 * CloudTrail events never change once delivered: insert new event ids, ignore known ones. One statement per batch.
 * The table is partitioned by event_time, so its key is (event_id, event_time) and ON CONFLICT can only catch a
 * repeat with the same time (the normal case: an event's time never changes). The NOT EXISTS also refuses an event
 * id stored under another time (say an export that rounded it differently), so there stays one row per event id.
 */
export async function upsertEvents(client: pg.ClientBase, events: NormalisedEvent[]): Promise<UpsertCounts> {
  // Keep the first copy of a repeated eventID, as ON CONFLICT DO NOTHING does across batches,
  // so the stored event never depends on how a file was cut into batches.
  const unique = new Map<string, NormalisedEvent>();
  for (const event of events) if (!unique.has(event.eventId)) unique.set(event.eventId, event);
  const rows = [...unique.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  await ensureRecordAccounts(
    client,
    rows.map((row) => row.accountId),
  );
  const payload = JSON.stringify(
    rows.map((row) => ({
      event_id: row.eventId,
      account_id: row.accountId,
      region: row.region,
      event_name: row.eventName,
      event_source: row.eventSource,
      event_time: row.eventTime.toISOString(),
      user_type: row.userType,
      user_arn: row.userArn,
      source_ip: row.sourceIp,
      error_code: row.errorCode,
      mfa_used: row.mfaUsed,
      read_only: row.readOnly,
      raw: row.raw,
    })),
  );
  const result = await client.query(
    `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type,
       user_arn, source_ip, error_code, mfa_used, read_only, raw)
     SELECT event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip,
       error_code, mfa_used, read_only, raw
     FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, account_id text, region text, event_name text,
       event_source text, event_time timestamptz, user_type text, user_arn text, source_ip text, error_code text,
       mfa_used boolean, read_only boolean, raw jsonb)
     WHERE NOT EXISTS (SELECT 1 FROM cloudtrail_events e WHERE e.event_id = x.event_id)
     ON CONFLICT (event_id, event_time) DO NOTHING
     RETURNING 1`,
    [payload],
  );
  const inserted = result.rowCount ?? 0;
  return { inserted, updated: 0, unchanged: rows.length - inserted };
}
