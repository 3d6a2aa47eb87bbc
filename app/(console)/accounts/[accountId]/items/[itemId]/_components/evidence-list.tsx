import Link from "next/link";
import { sourceLabel } from "@/lib/aws/sources";
import type { EvidenceRecord, ResolvedEvidence } from "@/lib/data/checklist/get-account-item";
import { recordHref } from "../../../../../_components/account-links";
import { formatTime } from "../../../../../_components/format";
import { EVIDENCE_GROUPINGS, type EvidenceGrouping, groupEvidence } from "../_lib/group-evidence";

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
            {record.resourceType ?? "no resource type"} {record.resourceId ? <span className="mono">{record.resourceId}</span> : null} ·{" "}
            {record.region} · {record.status} · last seen {formatTime(record.lastSeenAt)}
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
            by <span className="mono">{record.userArn ?? record.userType ?? "unknown"}</span> from {record.sourceIp ?? "?"} in{" "}
            {record.region} at {formatTime(record.eventTime)}
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
            {record.homeRegion} · {record.isMultiRegion ? "multi-region" : "single region"} · {record.isLogging ? "logging" : "not logging"}{" "}
            · validation {record.logFileValidation ? "on" : "off"} · KMS {record.kmsKeyId ? "on" : "off"} · CloudWatch Logs{" "}
            {record.cloudWatchLogsLogGroupArn ? "on" : "off"}
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

export function EvidenceList({
  accountId,
  evidence,
  acceptedRecordIds,
}: {
  accountId: string;
  evidence: ResolvedEvidence[];
  acceptedRecordIds: Set<string>;
}) {
  if (evidence.length === 0)
    return <p className="muted">No records: the status comes from missing or unused sources (see the reason above).</p>;
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
            <tr
              key={`${item.ref.kind}:${item.ref.id}:${index}`}
              data-testid="evidence-row"
              data-kind={item.ref.kind}
              data-record-id={item.ref.id}
            >
              <td className="small">{KIND_LABELS[item.ref.kind] ?? item.ref.kind}</td>
              <td>
                {item.record ? (
                  <RecordSummary record={item.record} />
                ) : item.ref.kind === "source" ? (
                  // A source read (the evidence of an absence): which service, in which region.
                  <>
                    <div>
                      {sourceLabel(item.ref.id.split(":")[0] ?? "")} in {item.ref.id.split(":").slice(1).join(":")}
                    </div>
                    <div className="small muted mono">{item.ref.id}</div>
                  </>
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
              <td style={{ whiteSpace: "nowrap" }}>
                {href ? (
                  <Link href={href} data-testid="raw-record-link">
                    raw record
                  </Link>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export const GROUPS_PER_PAGE = 20;
export const RECORDS_PER_PAGE = 50;
/** Records shown inside a closed group's preview. */
const PREVIEW = 5;

export interface EvidenceView {
  group: EvidenceGrouping;
  /** Page of groups (or of records when not grouped). */
  page: number;
  /** Key of the group opened in full, with its record page. */
  open?: string;
  openPage: number;
}

const GROUPING_LABELS: Record<EvidenceGrouping, string> = {
  principal: "by caller",
  resource: "by resource",
  control: "by control or event",
  none: "not grouped",
};

function Pager({ page, pages, href, testId }: { page: number; pages: number; href: (page: number) => string; testId: string }) {
  if (pages <= 1) return null;
  return (
    <div className="pager" style={{ margin: "8px 0" }} data-testid={testId}>
      {page > 0 ? (
        <Link href={href(page - 1)} className="button secondary" rel="prev">
          Previous
        </Link>
      ) : null}
      <span className="small muted">
        page {page + 1} of {pages}
      </span>
      {page + 1 < pages ? (
        <Link href={href(page + 1)} className="button secondary" rel="next">
          Next
        </Link>
      ) : null}
    </div>
  );
}

/**
 * The evidence, grouped (by caller, resource or control) with a count per group and pages of
 * groups, so hundreds of near-identical records (every console sign-in of one user) read as
 * one line each; a group opens in full, paged, on its own.
 */
export function GroupedEvidence({
  accountId,
  itemId,
  evidence,
  acceptedRecordIds,
  view,
}: {
  accountId: string;
  itemId: string;
  evidence: ResolvedEvidence[];
  acceptedRecordIds: Set<string>;
  view: EvidenceView;
}) {
  const base = `/accounts/${accountId}/items/${itemId}`;
  const href = (next: Partial<EvidenceView>) => {
    const merged = { ...view, ...next };
    const query = new URLSearchParams({ group: merged.group });
    if (merged.page > 0) query.set("page", String(merged.page));
    if (merged.open !== undefined) query.set("open", merged.open);
    if (merged.open !== undefined && merged.openPage > 0) query.set("rpage", String(merged.openPage));
    return `${base}?${query}#evidence`;
  };
  const switcher = (
    <div className="pager small" role="group" aria-label="Group the evidence" data-testid="evidence-grouping" style={{ marginBottom: 8 }}>
      <span className="muted">Group:</span>
      {EVIDENCE_GROUPINGS.map((grouping) => (
        <Link
          key={grouping}
          href={href({ group: grouping, page: 0, open: undefined, openPage: 0 })}
          className="button secondary"
          aria-current={view.group === grouping ? "true" : undefined}
        >
          {GROUPING_LABELS[grouping]}
        </Link>
      ))}
    </div>
  );
  if (view.group === "none") {
    const pages = Math.ceil(evidence.length / RECORDS_PER_PAGE);
    const page = Math.min(view.page, Math.max(pages - 1, 0));
    return (
      <>
        {switcher}
        <EvidenceList
          accountId={accountId}
          evidence={evidence.slice(page * RECORDS_PER_PAGE, (page + 1) * RECORDS_PER_PAGE)}
          acceptedRecordIds={acceptedRecordIds}
        />
        <Pager page={page} pages={pages} href={(next) => href({ page: next })} testId="evidence-pager" />
      </>
    );
  }
  const groups = groupEvidence(evidence, view.group);
  const opened = view.open !== undefined ? groups.find((group) => group.key === view.open) : undefined;
  if (opened) {
    const pages = Math.ceil(opened.items.length / RECORDS_PER_PAGE);
    const page = Math.min(view.openPage, Math.max(pages - 1, 0));
    return (
      <>
        {switcher}
        <p>
          <Link href={href({ open: undefined, openPage: 0 })} data-testid="evidence-all-groups">
            All groups
          </Link>{" "}
          / <span className="mono">{opened.label}</span>: {opened.items.length} records
        </p>
        <EvidenceList
          accountId={accountId}
          evidence={opened.items.slice(page * RECORDS_PER_PAGE, (page + 1) * RECORDS_PER_PAGE)}
          acceptedRecordIds={acceptedRecordIds}
        />
        <Pager page={page} pages={pages} href={(next) => href({ openPage: next })} testId="evidence-group-pager" />
      </>
    );
  }
  const pages = Math.ceil(groups.length / GROUPS_PER_PAGE);
  const page = Math.min(view.page, Math.max(pages - 1, 0));
  return (
    <>
      {switcher}
      <table data-testid="evidence-groups">
        <thead>
          <tr>
            <th scope="col">{GROUPING_LABELS[view.group].replace("by ", "").replace(/^./, (letter) => letter.toUpperCase())}</th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col" className="num">
              Refused, no MFA or failing
            </th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(page * GROUPS_PER_PAGE, (page + 1) * GROUPS_PER_PAGE).map((group) => (
            <tr key={group.key} data-testid="evidence-group" data-group-key={group.key}>
              <td className="mono" style={{ maxWidth: 360 }}>
                {group.label}
              </td>
              <td className="num" data-testid="group-count">
                {group.items.length}
              </td>
              <td className="num">{group.flagged}</td>
              <td>
                <details>
                  <summary className="small">
                    {group.items.length > PREVIEW
                      ? `the latest ${PREVIEW}`
                      : `show ${group.items.length === 1 ? "it" : `all ${group.items.length}`}`}
                  </summary>
                  <EvidenceList accountId={accountId} evidence={group.items.slice(0, PREVIEW)} acceptedRecordIds={acceptedRecordIds} />
                </details>
                {group.items.length > PREVIEW ? (
                  <Link href={href({ open: group.key, openPage: 0 })} className="small" data-testid="open-group">
                    all {group.items.length} records
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} href={(next) => href({ page: next })} testId="evidence-pager" />
    </>
  );
}
