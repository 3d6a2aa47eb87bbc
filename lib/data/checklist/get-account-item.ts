import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import type { SecurityEventRecord, TrailInfo } from "@/lib/aws/normalise/types";
import type { EvidenceRef, ItemResult } from "@/lib/checklist/types";
import type { EventSummaryRow } from "./event-summary-row";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseStoredItemResult, type StoredItemRow } from "./parse-stored-item-result";

export type EvidenceRecord =
  | {
      kind: "finding";
      sourceId: string;
      source: string;
      title: string;
      severityLabel: string;
      status: string;
      complianceStatus: string | null;
      controlId: string | null;
      resourceType: string | null;
      resourceId: string | null;
      region: string;
      lastSeenAt: Date;
    }
  | ({ kind: "event" } & SecurityEventRecord)
  | ({ kind: "trail"; trailArn: string } & TrailInfo)
  | { kind: "detector"; detectorId: string; region: string; status: string; features: Record<string, string> }
  | { kind: "hub"; region: string; enabled: boolean; hubArn: string | null; standards: string[] };

/** One evidence reference with the stored record it names, when there is one (a "source" ref is a note, not a record). */
export interface ResolvedEvidence {
  ref: EvidenceRef;
  record: EvidenceRecord | null;
}

export interface AccountItem {
  accountId: string;
  accountName: string;
  result: ItemResult;
  evaluatedAt: Date;
  checklistVersion: string;
  evidence: ResolvedEvidence[];
}

/**
 * One checklist item's latest result for an account, with every evidence reference resolved
 * to the record that decided it: Security Hub control results and findings (by the source's
 * own id), CloudTrail events, trails, GuardDuty detectors and Security Hub hubs. NOT_FOUND
 * when the account is unknown, not visible to the user, or not scored for that item.
 */
export async function getAccountItem(user: SessionUser, accountId: string, itemId: string): Promise<AccountItem> {
  const db = getDb();
  const rows = await db.$queryRaw<Array<StoredItemRow & { account_name: string; checklist_version: string; evaluated_at: Date }>>`
    SELECT c.item_id, c.domain, c.status, c.passing, c.total, c.reason, c.evidence, c.checklist_version, c.evaluated_at, a.name AS account_name
    FROM checklist_results c JOIN accounts a ON a.id = c.account_id
    WHERE c.account_id = ${accountId} AND c.item_id = ${itemId} AND ${accountInScope(user.scope, "c.account_id")}`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "checklist result not found");
  const result = parseStoredItemResult(row);

  const idsOf = (...kinds: EvidenceRef["kind"][]) => [
    ...new Set(result.evidence.filter((ref) => kinds.includes(ref.kind)).map((ref) => ref.id)),
  ];
  const findingIds = idsOf("control", "finding");
  const eventIds = idsOf("event");
  const trailIds = idsOf("trail");
  const detectorIds = idsOf("detector");
  const hubIds = idsOf("hub");

  const [findings, events, trails, detectors, hubs] = await Promise.all([
    findingIds.length === 0
      ? []
      : db.$queryRaw<
          Array<{
            source_id: string;
            source: string;
            title: string;
            severity_label: string;
            status: string;
            compliance_status: string | null;
            control_id: string | null;
            resource_type: string | null;
            resource_id: string | null;
            region: string;
            last_seen_at: Date;
          }>
        >`
          SELECT source_id, source, title, severity_label, status, compliance_status, control_id, resource_type, resource_id, region, last_seen_at
          FROM findings
          WHERE account_id = ${accountId} AND source_id = ANY(${findingIds}::text[]) AND ${accountInScope(user.scope, "account_id")}`,
    eventIds.length === 0
      ? []
      : db.$queryRaw<EventSummaryRow[]>`
          SELECT event_id, event_name, event_source, event_time, region, user_type, user_arn, source_ip, error_code, mfa_used
          FROM cloudtrail_events
          WHERE account_id = ${accountId} AND event_id = ANY(${eventIds}::text[]) AND ${accountInScope(user.scope, "account_id")}`,
    trailIds.length === 0
      ? []
      : db.$queryRaw<
          Array<{
            trail_arn: string;
            name: string;
            home_region: string;
            is_multi_region: boolean;
            is_logging: boolean;
            log_file_validation: boolean;
            kms_key_id: string | null;
            cloudwatch_logs_log_group_arn: string | null;
          }>
        >`
          SELECT trail_arn, name, home_region, is_multi_region, is_logging, log_file_validation, kms_key_id, cloudwatch_logs_log_group_arn
          FROM trails
          WHERE account_id = ${accountId} AND (home_region || ':' || name) = ANY(${trailIds}::text[]) AND ${accountInScope(user.scope, "account_id")}`,
    detectorIds.length === 0
      ? []
      : db.$queryRaw<Array<{ detector_id: string; region: string; status: string; features: Record<string, string> | null }>>`
          SELECT detector_id, region, status, features
          FROM detectors
          WHERE account_id = ${accountId} AND detector_id = ANY(${detectorIds}::text[]) AND ${accountInScope(user.scope, "account_id")}`,
    hubIds.length === 0
      ? []
      : db.$queryRaw<Array<{ region: string; enabled: boolean; hub_arn: string | null; standards: string[] | null }>>`
          SELECT region, enabled, hub_arn, standards
          FROM hubs
          WHERE account_id = ${accountId} AND ('securityhub:' || region) = ANY(${hubIds}::text[]) AND ${accountInScope(user.scope, "account_id")}`,
  ]);

  const records = new Map<string, EvidenceRecord>();
  for (const f of findings) {
    records.set(`finding:${f.source_id}`, {
      kind: "finding",
      sourceId: f.source_id,
      source: f.source,
      title: f.title,
      severityLabel: f.severity_label,
      status: f.status,
      complianceStatus: f.compliance_status,
      controlId: f.control_id,
      resourceType: f.resource_type,
      resourceId: f.resource_id,
      region: f.region,
      lastSeenAt: f.last_seen_at,
    });
  }
  for (const e of events) {
    records.set(`event:${e.event_id}`, {
      kind: "event",
      eventId: e.event_id,
      eventName: e.event_name,
      eventSource: e.event_source,
      eventTime: e.event_time,
      region: e.region,
      userType: e.user_type,
      userArn: e.user_arn,
      sourceIp: e.source_ip,
      errorCode: e.error_code,
      mfaUsed: e.mfa_used,
    });
  }
  for (const t of trails) {
    records.set(`trail:${t.home_region}:${t.name}`, {
      kind: "trail",
      trailArn: t.trail_arn,
      name: t.name,
      homeRegion: t.home_region,
      isMultiRegion: t.is_multi_region,
      isLogging: t.is_logging,
      logFileValidation: t.log_file_validation,
      kmsKeyId: t.kms_key_id,
      cloudWatchLogsLogGroupArn: t.cloudwatch_logs_log_group_arn,
    });
  }
  for (const d of detectors) {
    records.set(`detector:${d.detector_id}`, {
      kind: "detector",
      detectorId: d.detector_id,
      region: d.region,
      status: d.status,
      features: d.features ?? {},
    });
  }
  for (const h of hubs) {
    records.set(`hub:securityhub:${h.region}`, {
      kind: "hub",
      region: h.region,
      enabled: h.enabled,
      hubArn: h.hub_arn,
      standards: h.standards ?? [],
    });
  }

  const keyOf = (ref: EvidenceRef) => (ref.kind === "control" ? `finding:${ref.id}` : `${ref.kind}:${ref.id}`);
  return {
    accountId,
    accountName: row.account_name,
    result,
    evaluatedAt: row.evaluated_at,
    checklistVersion: row.checklist_version,
    evidence: result.evidence.map((ref) => ({ ref, record: records.get(keyOf(ref)) ?? null })),
  };
}
