import "server-only";
import { mapSecurityEventRow, SECURITY_EVENT_COLUMNS, type SecurityEventRow } from "@/lib/data/checklist/map-security-event-row";
import type pg from "pg";
import { type FindingSource, perSource, type Source } from "@/lib/aws/sources";
import type { AccountEvidence, ControlEnablement, ControlResult, SourceState, SourceStatus, ThreatFinding } from "@/lib/checklist/evidence";
import { EVENT_EVIDENCE_WINDOW_DAYS } from "@/lib/checklist/events/event-window";
import { getEnv } from "@/lib/env";

/**
 * Everything the checklist needs about one account, read from what collection or import
 * stored. Security Hub copies of GuardDuty findings are left out of threats (the GuardDuty
 * record counts), and archived control results are history, not evidence.
 *
 * Sources: a (region, source) with a cursor was collected, as of its last read. One without
 * a cursor but with stored records was imported, as of its newest record. The regions are
 * the account's collected regions, or, for an account never configured with regions (one
 * known only from imported files), the regions its records name.
 */
export async function loadAccountEvidence(pool: pg.Pool, accountId: string, now: Date): Promise<AccountEvidence> {
  const [account, cursors, recordRegions, controls, threats, events, trails, detectors, hubs, enablement, acceptances] = await Promise.all([
    pool.query<{ regions: string[] }>("SELECT regions FROM accounts WHERE id = $1", [accountId]),
    pool.query<{ region: string; source: string; state: string; error: string | null; updated_at: Date }>(
      "SELECT region, source, state, error, updated_at FROM source_cursors WHERE account_id = $1",
      [accountId],
    ),
    pool.query<{ source: string; region: string; newest: Date }>(
      `SELECT source, region, max(source_updated_at) AS newest FROM findings WHERE account_id = $1 GROUP BY source, region
       UNION ALL
       SELECT 'cloudtrail', region, max(event_time) FROM cloudtrail_events WHERE account_id = $1 GROUP BY region`,
      [accountId],
    ),
    pool.query<{
      source_id: string;
      control_id: string;
      compliance_status: string | null;
      resource_type: string | null;
      resource_id: string | null;
      region: string;
      severity_label: string;
      workflow_status: string | null;
      source_updated_at: Date;
    }>(
      `SELECT source_id, control_id, compliance_status, resource_type, resource_id, region, severity_label, workflow_status, source_updated_at
       FROM findings
       WHERE account_id = $1 AND source = 'securityhub' AND control_id IS NOT NULL
         AND COALESCE(record_state, 'ACTIVE') = 'ACTIVE'`,
      [accountId],
    ),
    pool.query<{
      source_id: string;
      source: FindingSource;
      type: string;
      title: string;
      severity: number;
      severity_label: ThreatFinding["severityLabel"];
      region: string;
      first_seen_at: Date;
      last_seen_at: Date;
      resource_type: string | null;
    }>(
      `SELECT source_id, source, type, title, severity, severity_label, region, first_seen_at, last_seen_at, resource_type
       FROM findings
       WHERE account_id = $1 AND status = 'active' AND control_id IS NULL AND linked_guardduty_id IS NULL
         AND compliance_status IS NULL`,
      [accountId],
    ),
    pool.query<SecurityEventRow>(
      `SELECT ${SECURITY_EVENT_COLUMNS}
       FROM cloudtrail_events e WHERE e.account_id = $1 AND e.event_time >= $2 AND e.event_time <= $3`,
      [accountId, new Date(now.getTime() - EVENT_EVIDENCE_WINDOW_DAYS * 86_400_000), now],
    ),
    pool.query<{
      name: string;
      home_region: string;
      is_multi_region: boolean;
      is_logging: boolean;
      log_file_validation: boolean;
      kms_key_id: string | null;
      cloudwatch_logs_log_group_arn: string | null;
    }>(
      "SELECT name, home_region, is_multi_region, is_logging, log_file_validation, kms_key_id, cloudwatch_logs_log_group_arn FROM trails WHERE account_id = $1",
      [accountId],
    ),
    pool.query<{ region: string; detector_id: string; status: string; features: Record<string, string> }>(
      "SELECT region, detector_id, status, features FROM detectors WHERE account_id = $1",
      [accountId],
    ),
    pool.query<{ region: string; enabled: boolean; standards: string[] | null }>(
      "SELECT region, enabled, standards FROM hubs WHERE account_id = $1",
      [accountId],
    ),
    pool.query<{
      region: string;
      control_id: string;
      standard_arn: string;
      standard_name: string;
      status: string;
      disabled_reason: string | null;
      status_since: Date | null;
    }>(
      "SELECT region, control_id, standard_arn, standard_name, status, disabled_reason, status_since FROM control_enablement WHERE account_id = $1",
      [accountId],
    ),
    pool.query<{ item_id: string; finding_id: string | null; reason: string; owner: string; expires_at: Date }>(
      "SELECT item_id, finding_id, reason, owner, expires_at FROM risk_acceptances WHERE account_id = $1 AND revoked_at IS NULL",
      [accountId],
    ),
  ]);

  const configured = account.rows[0]?.regions ?? [];
  const regions = configured.length > 0 ? configured : [...new Set(recordRegions.rows.map((row) => row.region))].sort();
  const sourceStatus = (source: Source): SourceStatus[] =>
    regions.map((region): SourceStatus => {
      const cursor = cursors.rows.find((row) => row.region === region && row.source === source);
      if (cursor)
        return { region, state: cursor.state as SourceState, error: cursor.error ?? null, origin: "collected", asOf: cursor.updated_at };
      const imported = recordRegions.rows.find((row) => row.region === region && row.source === source);
      if (imported) return { region, state: "ok", error: null, origin: "imported", asOf: imported.newest };
      return { region, state: "not_collected", error: null, origin: "collected", asOf: null };
    });

  return {
    accountId,
    regions,
    sources: perSource(sourceStatus),
    controls: controls.rows.map((row): ControlResult => ({
      findingId: row.source_id,
      controlId: row.control_id,
      status: (["PASSED", "FAILED", "WARNING"].includes(row.compliance_status ?? "")
        ? row.compliance_status
        : "NOT_AVAILABLE") as ControlResult["status"],
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      region: row.region,
      severityLabel: row.severity_label,
      workflowStatus: row.workflow_status,
      updatedAt: row.source_updated_at,
    })),
    threats: threats.rows.map((row) => ({
      findingId: row.source_id,
      source: row.source,
      type: row.type,
      title: row.title,
      severity: row.severity,
      severityLabel: row.severity_label,
      region: row.region,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      resourceType: row.resource_type,
    })),
    events: events.rows.map(mapSecurityEventRow),
    trails: trails.rows.map((row) => ({
      name: row.name,
      homeRegion: row.home_region,
      isMultiRegion: row.is_multi_region,
      isLogging: row.is_logging,
      logFileValidation: row.log_file_validation,
      kmsKeyId: row.kms_key_id,
      cloudWatchLogsLogGroupArn: row.cloudwatch_logs_log_group_arn,
    })),
    detectors: detectors.rows.map((row) => ({
      region: row.region,
      detectorId: row.detector_id,
      status: row.status === "ENABLED" ? "ENABLED" : "DISABLED",
      features: row.features ?? {},
    })),
    hubs: hubs.rows.map((row) => ({ region: row.region, enabled: row.enabled, standards: row.standards ?? [] })),
    controlEnablement: enablement.rows.map((row): ControlEnablement => ({
      region: row.region,
      controlId: row.control_id,
      standardArn: row.standard_arn,
      standardName: row.standard_name,
      status: row.status === "ENABLED" ? "ENABLED" : "DISABLED",
      disabledReason: row.disabled_reason,
      statusSince: row.status_since,
    })),
    evidenceMaxAgeHours: getEnv().PARAPET_EVIDENCE_MAX_AGE_HOURS,
    acceptances: acceptances.rows.map((row) => ({
      itemId: row.item_id,
      findingId: row.finding_id,
      reason: row.reason,
      owner: row.owner,
      expiresAt: row.expires_at,
    })),
    now,
  };
}
