import { sourceLabel } from "@/lib/aws/sources";
import type { FindingRow } from "@/lib/data/findings/find-findings";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { findingsQuery } from "../_lib/findings-href";
import "./findings-table.css";
import { FindingsTableView, type FindingsTableColumn, type FindingsTableRow } from "./findings-table-view";

function formatTime(value: Date): string {
  return new Date(value).toISOString().replace("T", " ").slice(0, 16);
}

/** Age since first seen, in the largest whole unit (days from one day on). */
export function formatAge(firstSeen: Date, now: Date): string {
  const hours = Math.floor((now.getTime() - new Date(firstSeen).getTime()) / 3_600_000);
  if (hours < 1) return "< 1 h";
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

const SEVERITY_CLASS: Record<string, string> = {
  CRITICAL: "sev-critical",
  HIGH: "sev-high",
  MEDIUM: "sev-medium",
  LOW: "sev-low",
};

/** The sortable columns, each with the link that sorts by it: a new column starts with its natural direction (biggest/newest first for numbers and times, A-Z for text). */
const COLUMNS: Array<{ label: string; sort: TFindingFilters["sort"] }> = [
  { label: "Severity", sort: "severity" },
  { label: "Finding", sort: "title" },
  { label: "Account", sort: "account" },
  { label: "Region", sort: "region" },
  { label: "Control", sort: "control" },
  { label: "Resource", sort: "resource" },
  { label: "Status", sort: "status" },
  { label: "First seen (UTC)", sort: "first_seen" },
  { label: "Last seen (UTC)", sort: "last_seen" },
];

function columnsFor(filters: TFindingFilters): FindingsTableColumn[] {
  return COLUMNS.map(({ label, sort }) => {
    const active = filters.sort === sort;
    const naturalDir = sort === "severity" || sort === "last_seen" || sort === "first_seen" ? "desc" : "asc";
    const dir = active ? (filters.dir === "desc" ? "asc" : "desc") : naturalDir;
    const query = findingsQuery({ ...filters, sort, dir });
    return { label, sort, href: `/findings${query ? `?${query}` : ""}`, ...(active ? { dir: filters.dir } : {}) };
  });
}

/**
 * A page of findings: the rows formatted here, on the server, and drawn by one client
 * component (FindingsTableView). `accountColumn={false}` leaves out the Account column where
 * every row is the page's own account (the account page).
 */
export function FindingsTable({
  rows,
  filters,
  selectable,
  now,
  accountColumn = true,
}: {
  rows: FindingRow[];
  filters: TFindingFilters;
  selectable: boolean;
  now: Date;
  accountColumn?: boolean;
}) {
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="findings-empty">
        No findings match these filters.
      </p>
    );
  const from = findingsQuery(filters);
  const fromParam = from ? `?from=${encodeURIComponent(from)}` : "";
  const tableRows = rows.map((row): FindingsTableRow => ({
    id: String(row.id),
    selectValue: `${row.accountId}:${row.sourceId}`,
    selectLabel: `Select ${row.title} in ${row.accountName}`,
    severityLabel: row.severityLabel,
    severityClass: SEVERITY_CLASS[row.severityLabel] ?? "muted",
    severity: row.severity.toFixed(1),
    href: `/accounts/${row.accountId}/records/finding/${encodeURIComponent(row.sourceId)}${fromParam}`,
    title: row.title,
    type: row.type,
    isGuardDutyCopy: Boolean(row.linkedGuardDutyId),
    accountId: row.accountId,
    accountName: row.accountName,
    region: row.region,
    source: sourceLabel(row.source),
    controlId: row.controlId ?? "",
    resourceType: row.resourceType,
    resourceId: row.resourceId || null,
    status: row.status,
    workflowStatus: row.workflowStatus || null,
    complianceStatus: row.complianceStatus || null,
    firstSeen: formatTime(row.firstSeenAt),
    age: formatAge(row.firstSeenAt, now),
    lastSeen: formatTime(row.lastSeenAt),
  }));
  return <FindingsTableView rows={tableRows} columns={columnsFor(filters)} selectable={selectable} accountColumn={accountColumn} />;
}
