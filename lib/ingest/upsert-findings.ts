import "server-only";
import type pg from "pg";
import type { NormalisedFinding } from "@/lib/aws/normalise/types";
import { ensureRecordAccounts } from "@/lib/ingest/ensure-record-accounts";

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Same record already stored (or an older version of it): nothing written. */
  unchanged: number;
}

/**
 * Bulk, idempotent upsert of one batch: one INSERT ... ON CONFLICT statement for the whole
 * batch, keyed by (source, source_id). An older copy never overwrites a newer one, and an
 * identical copy is not rewritten, so re-running a collection or an import changes nothing.
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
  await ensureRecordAccounts(client, rows.map((row) => row.accountId));

  const payload = JSON.stringify(
    rows.map((row) => ({
      source: row.source,
      source_id: row.sourceId,
      account_id: row.accountId,
      region: row.region,
      type: row.type,
      title: row.title,
      description: row.description,
      severity: row.severity,
      severity_label: row.severityLabel,
      status: row.status,
      workflow_status: row.workflowStatus,
      record_state: row.recordState,
      compliance_status: row.complianceStatus,
      control_id: row.controlId,
      product_name: row.productName,
      resource_type: row.resourceType,
      resource_id: row.resourceId,
      first_seen_at: row.firstSeenAt.toISOString(),
      last_seen_at: row.lastSeenAt.toISOString(),
      source_updated_at: row.updatedAt.toISOString(),
      linked_guardduty_id: row.linkedGuardDutyId,
      raw: row.raw,
    })),
  );
  const result = await client.query<{ inserted: boolean }>(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, description, severity, severity_label,
       status, workflow_status, record_state, compliance_status, control_id, product_name, resource_type, resource_id,
       first_seen_at, last_seen_at, source_updated_at, linked_guardduty_id, raw)
     SELECT source, source_id, account_id, region, type, title, description, severity, severity_label,
       status, workflow_status, record_state, compliance_status, control_id, product_name, resource_type, resource_id,
       first_seen_at, last_seen_at, source_updated_at, linked_guardduty_id, raw
     FROM jsonb_to_recordset($1::jsonb) AS x(source text, source_id text, account_id text, region text, type text,
       title text, description text, severity real, severity_label text, status text, workflow_status text,
       record_state text, compliance_status text, control_id text, product_name text, resource_type text,
       resource_id text, first_seen_at timestamptz, last_seen_at timestamptz, source_updated_at timestamptz,
       linked_guardduty_id text, raw jsonb)
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
    [payload],
  );
  const inserted = result.rows.filter((row) => row.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: rows.length - result.rows.length };
}
