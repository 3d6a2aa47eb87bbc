import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type EvidenceRecordKind = "finding" | "event" | "trail";
export const EVIDENCE_RECORD_KINDS: readonly EvidenceRecordKind[] = ["finding", "event", "trail"];

export interface RawEvidenceRecord {
  kind: EvidenceRecordKind;
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  /** Parapet's normalised columns, in display order; null = not present in the record. */
  fields: Array<{ label: string; value: string | null }>;
  /** The record exactly as AWS returned it (GuardDuty finding, ASFF, CloudTrail event, DescribeTrails entry). */
  raw: unknown;
}

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/**
 * The raw AWS record behind an evidence reference: a finding by its source id (GuardDuty id
 * or Security Hub ARN), a CloudTrail event by eventID, or a trail by "home-region:name".
 * NOT_FOUND when it does not exist in that account or the account is not visible.
 */
export async function getEvidenceRecord(
  user: SessionUser,
  accountId: string,
  kind: EvidenceRecordKind,
  id: string,
): Promise<RawEvidenceRecord> {
  const db = getDb();
  if (kind === "finding") {
    const rows = await db.$queryRaw<Array<Record<string, unknown> & { raw: unknown; account_name: string; title: string }>>`
      SELECT f.source, f.source_id, f.title, f.type, f.severity, f.severity_label, f.status, f.workflow_status, f.record_state,
             f.compliance_status, f.control_id, f.product_name, f.resource_type, f.resource_id, f.region,
             f.first_seen_at, f.last_seen_at, f.source_updated_at, f.linked_guardduty_id, f.description, f.raw, a.name AS account_name
      FROM findings f JOIN accounts a ON a.id = f.account_id
      WHERE f.account_id = ${accountId} AND f.source_id = ${id} AND ${accountInScope(user.scope, "f.account_id")}
      ORDER BY f.source LIMIT 1`;
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", "finding not found");
    return {
      kind,
      id,
      accountId,
      accountName: row.account_name,
      title: row.title,
      fields: [
        ["Source", row.source],
        ["Source id", row.source_id],
        ["Type", row.type],
        ["Severity", `${text(row.severity_label)} (${text(row.severity)})`],
        ["Status", row.status],
        ["Workflow status", row.workflow_status],
        ["Record state", row.record_state],
        ["Compliance status", row.compliance_status],
        ["Control", row.control_id],
        ["Product", row.product_name],
        ["Resource type", row.resource_type],
        ["Resource id", row.resource_id],
        ["Region", row.region],
        ["First seen", row.first_seen_at],
        ["Last seen", row.last_seen_at],
        ["Updated at source", row.source_updated_at],
        ["Copy of GuardDuty finding", row.linked_guardduty_id],
        ["Description", row.description],
      ].map(([label, value]) => ({ label: label as string, value: text(value) })),
      raw: row.raw,
    };
  }
  if (kind === "event") {
    const rows = await db.$queryRaw<Array<Record<string, unknown> & { raw: unknown; account_name: string; event_name: string }>>`
      SELECT e.event_id, e.event_name, e.event_source, e.event_time, e.region, e.user_type, e.user_arn, e.source_ip,
             e.error_code, e.mfa_used, e.read_only, e.raw, a.name AS account_name
      FROM cloudtrail_events e JOIN accounts a ON a.id = e.account_id
      WHERE e.account_id = ${accountId} AND e.event_id = ${id} AND ${accountInScope(user.scope, "e.account_id")}`;
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", "event not found");
    return {
      kind,
      id,
      accountId,
      accountName: row.account_name,
      title: `${row.event_name} (${text(row.event_source)})`,
      fields: [
        ["Event id", row.event_id],
        ["Event name", row.event_name],
        ["Event source", row.event_source],
        ["Event time", row.event_time],
        ["Region", row.region],
        ["User type", row.user_type],
        ["User ARN", row.user_arn],
        ["Source IP", row.source_ip],
        ["Error code", row.error_code],
        ["MFA used", row.mfa_used],
        ["Read only", row.read_only],
      ].map(([label, value]) => ({ label: label as string, value: text(value) })),
      raw: row.raw,
    };
  }
  const rows = await db.$queryRaw<Array<Record<string, unknown> & { raw: unknown; account_name: string; name: string }>>`
    SELECT t.trail_arn, t.name, t.home_region, t.is_multi_region, t.is_logging, t.log_file_validation, t.kms_key_id,
           t.cloudwatch_logs_log_group_arn, t.collected_at, t.raw, a.name AS account_name
    FROM trails t JOIN accounts a ON a.id = t.account_id
    WHERE t.account_id = ${accountId} AND (t.home_region || ':' || t.name) = ${id} AND ${accountInScope(user.scope, "t.account_id")}
    ORDER BY t.trail_arn LIMIT 1`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "trail not found");
  return {
    kind,
    id,
    accountId,
    accountName: row.account_name,
    title: `Trail ${row.name}`,
    fields: [
      ["Trail ARN", row.trail_arn],
      ["Name", row.name],
      ["Home region", row.home_region],
      ["Multi-region", row.is_multi_region],
      ["Logging", row.is_logging],
      ["Log file validation", row.log_file_validation],
      ["KMS key", row.kms_key_id],
      ["CloudWatch Logs group", row.cloudwatch_logs_log_group_arn],
      ["Collected", row.collected_at],
    ].map(([label, value]) => ({ label: label as string, value: text(value) })),
    raw: row.raw,
  };
}
