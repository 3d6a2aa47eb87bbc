import Link from "next/link";
import type { EvidenceRecord, ResolvedEvidence } from "@/lib/data/checklist/get-account-item";
import { recordHref } from "../../../../../_components/account-links";
import { formatTime } from "../../../../../_components/format";

const KIND_LABELS: Record<string, string> = {
  control: "Security Hub control",
  finding: "Finding",
  event: "CloudTrail event",
  trail: "Trail",
  detector: "GuardDuty detector",
  hub: "Security Hub",
  source: "Source",
  acceptance: "Acceptance",
};

function RecordSummary({ record }: { record: EvidenceRecord }) {
  switch (record.kind) {
    case "finding":
      return (
        <>
          <div>{record.title}</div>
          <div className="small muted">
            {record.controlId ? `${record.controlId} ${record.complianceStatus ?? ""} · ` : `${record.severityLabel} · `}
            {record.resourceType ?? "no resource type"} {record.resourceId ? <span className="mono">{record.resourceId}</span> : null} · {record.region} ·{" "}
            {record.status} · last seen {formatTime(record.lastSeenAt)}
          </div>
        </>
      );
    case "event":
      return (
        <>
          <div>
            {record.eventName} <span className="muted">({record.eventSource})</span>
          </div>
          <div className="small muted">
            by <span className="mono">{record.userArn ?? record.userType ?? "unknown"}</span> from {record.sourceIp ?? "?"} in {record.region} at{" "}
            {formatTime(record.eventTime)}
            {record.mfaUsed === false ? " · no MFA" : ""}
            {record.errorCode ? ` · error ${record.errorCode}` : ""}
          </div>
        </>
      );
    case "trail":
      return (
        <>
          <div>{record.name}</div>
          <div className="small muted">
            {record.homeRegion} · {record.isMultiRegion ? "multi-region" : "single region"} · {record.isLogging ? "logging" : "not logging"} · validation{" "}
            {record.logFileValidation ? "on" : "off"} · KMS {record.kmsKeyId ? "on" : "off"} · CloudWatch Logs {record.cloudWatchLogsLogGroupArn ? "on" : "off"}
          </div>
        </>
      );
    case "detector":
      return (
        <>
          <div className="mono">{record.detectorId}</div>
          <div className="small muted">
            {record.region} · {record.status} ·{" "}
            {Object.entries(record.features)
              .map(([feature, status]) => `${feature} ${status}`)
              .join(", ") || "no protection plans reported"}
          </div>
        </>
      );
    case "hub":
      return (
        <>
          <div>Security Hub in {record.region}</div>
          <div className="small muted">
            {record.enabled ? "enabled" : "disabled"} · {record.standards.length > 0 ? record.standards.join(", ") : "no standard enabled"}
          </div>
        </>
      );
  }
}

function rawLink(accountId: string, evidence: ResolvedEvidence): string | null {
  const { ref, record } = evidence;
  if (!record) return null;
  if (record.kind === "finding") return recordHref(accountId, "finding", record.sourceId);
  if (record.kind === "event") return recordHref(accountId, "event", record.eventId);
  if (record.kind === "trail") return recordHref(accountId, "trail", ref.id);
  return null;
}

export function EvidenceList({ accountId, evidence, acceptedRecordIds }: { accountId: string; evidence: ResolvedEvidence[]; acceptedRecordIds: Set<string> }) {
  if (evidence.length === 0) return <p className="muted">No records: the status comes from missing or unused sources (see the reason above).</p>;
  return (
    <table data-testid="evidence-list">
      <thead>
        <tr>
          <th>Kind</th>
          <th>Record</th>
          <th>Why it counts</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {evidence.map((item, index) => {
          const href = rawLink(accountId, item);
          return (
            <tr key={`${item.ref.kind}:${item.ref.id}:${index}`} data-testid="evidence-row" data-kind={item.ref.kind} data-record-id={item.ref.id}>
              <td className="small">{KIND_LABELS[item.ref.kind] ?? item.ref.kind}</td>
              <td>
                {item.record ? (
                  <RecordSummary record={item.record} />
                ) : (
                  <span className="mono">{item.ref.id}</span>
                )}
                {!item.record && (item.ref.kind === "control" || item.ref.kind === "finding" || item.ref.kind === "event") ? (
                  <div className="small muted">record no longer stored</div>
                ) : null}
              </td>
              <td className="small">
                {item.ref.note ?? ""}
                {acceptedRecordIds.has(item.ref.id) ? (
                  <>
                    {" "}
                    <span className="badge accepted">accepted</span>
                  </>
                ) : null}
              </td>
              <td style={{ whiteSpace: "nowrap" }}>{href ? <Link href={href} data-testid="raw-record-link">raw record</Link> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
