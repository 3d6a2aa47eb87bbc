import "server-only";
import type pg from "pg";
import type { NormalisedFinding } from "@/lib/aws/normalise/types";
import { copyRows, copyTextValue } from "@/lib/ingest/copy-rows";
import { ensureRecordAccounts } from "@/lib/ingest/ensure-record-accounts";

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Same record already stored (or an older version of it): nothing written. */
  unchanged: number;
}

/** The findings columns the upsert writes, in COPY order (bench/upsert-vs-copy.ts COPYs the same). */
export const FINDINGS_COPY_COLUMNS =
  "source, source_id, account_id, region, type, title, description, severity, severity_label, status, workflow_status, " +
  "record_state, compliance_status, control_id, product_name, resource_type, resource_id, first_seen_at, last_seen_at, " +
  "source_updated_at, linked_guardduty_id, raw";

/**
 * The batch's staging table: temporary (this connection only, no WAL), no indexes, emptied
 * by every commit and, in the same round trip that creates it, before each batch (a caller
 * may upsert two batches in one transaction). The SAVEPOINT fails outside a transaction
 * block, so a caller without a transaction gets an error instead of an empty stage (its
 * rows would vanish at each statement's commit).
 */
const PREPARE_STAGE = `
  CREATE TEMP TABLE IF NOT EXISTS findings_stage (source text, source_id text, account_id text, region text, type text,
    title text, description text, severity real, severity_label text, status text, workflow_status text,
    record_state text, compliance_status text, control_id text, product_name text, resource_type text,
    resource_id text, first_seen_at timestamptz, last_seen_at timestamptz, source_updated_at timestamptz,
    linked_guardduty_id text, raw jsonb) ON COMMIT DELETE ROWS;
  DELETE FROM findings_stage;
  SAVEPOINT parapet_findings_stage;
  RELEASE SAVEPOINT parapet_findings_stage`;

/** One finding as a line of COPY text, in FINDINGS_COPY_COLUMNS order. */
export function findingCopyLine(row: NormalisedFinding): string {
  return (
    [
      row.source,
      row.sourceId,
      row.accountId,
      row.region,
      row.type,
      row.title,
      row.description,
      row.severity,
      row.severityLabel,
      row.status,
      row.workflowStatus,
      row.recordState,
      row.complianceStatus,
      row.controlId,
      row.productName,
      row.resourceType,
      row.resourceId,
      row.firstSeenAt.toISOString(),
      row.lastSeenAt.toISOString(),
      row.updatedAt.toISOString(),
      row.linkedGuardDutyId,
      JSON.stringify(row.raw),
    ]
      .map(copyTextValue)
      .join("\t") + "\n"
  );
}

/**
 * Bulk, idempotent upsert of one batch, inside the caller's transaction: the batch is
 * COPYed into a staging table, then one INSERT ... ON CONFLICT moves it into `findings`,
 * keyed by (source, source_id). An older copy never overwrites a newer one, and an
 * identical copy is not rewritten, so re-running a collection or an import changes nothing.
 * COPY parses each row once; the JSON-parameter statement this replaced spent most of its
 * time in JSON (bench/README.md).
 */
export async function upsertFindings(client: pg.ClientBase, findings: NormalisedFinding[]): Promise<UpsertCounts> {
  const latest = new Map<string, NormalisedFinding>();
  for (const finding of findings) {
    const key = `${finding.source}|${finding.sourceId}`;
    const seen = latest.get(key);
    if (!seen || seen.updatedAt.getTime() <= finding.updatedAt.getTime()) latest.set(key, finding);
  }
  const rows = [...latest.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  try {
    await client.query(PREPARE_STAGE);
  } catch (error) {
    if ((error as { code?: string }).code === "25P01")
      throw new Error("upsertFindings must run inside a transaction (withTransaction)", { cause: error });
    throw error;
  }
  await ensureRecordAccounts(
    client,
    rows.map((row) => row.accountId),
  );
  await copyRows(client, `findings_stage (${FINDINGS_COPY_COLUMNS})`, [Buffer.from(rows.map(findingCopyLine).join(""), "utf8")]);
  const result = await client.query<{ inserted: boolean }>(
    // In key order: a delegated administrator's collection and a member's own one upsert the
    // same findings at the same time, and two statements that lock the shared rows in
    // different orders can deadlock (one of them then fails its step).
    `INSERT INTO findings (${FINDINGS_COPY_COLUMNS})
     SELECT ${FINDINGS_COPY_COLUMNS} FROM findings_stage ORDER BY source, source_id
     ON CONFLICT (source, source_id) DO UPDATE SET
       account_id = EXCLUDED.account_id, region = EXCLUDED.region, type = EXCLUDED.type, title = EXCLUDED.title,
       description = EXCLUDED.description, severity = EXCLUDED.severity, severity_label = EXCLUDED.severity_label,
       status = EXCLUDED.status, workflow_status = EXCLUDED.workflow_status, record_state = EXCLUDED.record_state,
       compliance_status = EXCLUDED.compliance_status, control_id = EXCLUDED.control_id,
       product_name = EXCLUDED.product_name, resource_type = EXCLUDED.resource_type, resource_id = EXCLUDED.resource_id,
       first_seen_at = LEAST(findings.first_seen_at, EXCLUDED.first_seen_at), last_seen_at = EXCLUDED.last_seen_at,
       source_updated_at = EXCLUDED.source_updated_at, linked_guardduty_id = EXCLUDED.linked_guardduty_id,
       raw = EXCLUDED.raw, modified_at = now()
     WHERE findings.source_updated_at <= EXCLUDED.source_updated_at
       AND (findings.raw IS DISTINCT FROM EXCLUDED.raw OR findings.source_updated_at <> EXCLUDED.source_updated_at)
     RETURNING (xmax = 0) AS inserted`,
  );
  const inserted = result.rows.filter((row) => row.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: rows.length - result.rows.length };
}
