import "server-only";
import type pg from "pg";
import type { NormalisedEvent } from "@/lib/aws/normalise/types";
import { ensureRecordAccounts } from "@/lib/ingest/ensure-record-accounts";
import type { UpsertCounts } from "@/lib/ingest/upsert-findings";

/** CloudTrail events never change once delivered: insert new event ids, ignore known ones. One statement per batch. */
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
     ON CONFLICT (event_id) DO NOTHING
     RETURNING 1`,
    [payload],
  );
  const inserted = result.rowCount ?? 0;
  return { inserted, updated: 0, unchanged: rows.length - inserted };
}
