import Link from "next/link";
import { sourceLabel } from "@/lib/aws/sources";
import type { FindingRow } from "@/lib/data/findings/find-findings";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { CopyButton } from "../../_components/copy-button";
import { findingsQuery } from "../_lib/findings-href";

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

function SortHeader({ label, sort, filters }: { label: string; sort: TFindingFilters["sort"]; filters: TFindingFilters }) {
  const active = filters.sort === sort;
  // A new column starts with its natural direction: biggest/newest first for numbers and times, A-Z for text.
  const naturalDir = sort === "severity" || sort === "last_seen" || sort === "first_seen" ? "desc" : "asc";
  const dir = active ? (filters.dir === "desc" ? "asc" : "desc") : naturalDir;
  const query = findingsQuery({ ...filters, sort, dir });
  return (
    <th scope="col" aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link className="sort" href={`/findings${query ? `?${query}` : ""}`} data-testid={`sort-${sort}`}>
        {label}
        {active ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export function FindingsTable({
  rows,
  filters,
  selectable,
  now,
}: {
  rows: FindingRow[];
  filters: TFindingFilters;
  selectable: boolean;
  now: Date;
}) {
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="findings-empty">
        No findings match these filters.
      </p>
    );
  const from = findingsQuery(filters);
  return (
    <div className="table-scroll">
      <table data-testid="findings-table">
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <span className="sr-only">Select</span>
              </th>
            ) : null}
            <SortHeader label="Severity" sort="severity" filters={filters} />
            <SortHeader label="Finding" sort="title" filters={filters} />
            <SortHeader label="Account" sort="account" filters={filters} />
            <SortHeader label="Region" sort="region" filters={filters} />
            <SortHeader label="Control" sort="control" filters={filters} />
            <SortHeader label="Resource" sort="resource" filters={filters} />
            <SortHeader label="Status" sort="status" filters={filters} />
            <SortHeader label="First seen (UTC)" sort="first_seen" filters={filters} />
            <th scope="col">Age</th>
            <SortHeader label="Last seen (UTC)" sort="last_seen" filters={filters} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-finding-id={row.id}>
              {selectable ? (
                <td>
                  <input
                    type="checkbox"
                    name="finding"
                    value={`${row.accountId}:${row.sourceId}`}
                    aria-label={`Select ${row.title} in ${row.accountName}`}
                    data-testid="finding-select"
                  />
                </td>
              ) : null}
              <td className="nowrap">
                <span className={SEVERITY_CLASS[row.severityLabel] ?? "muted"} data-testid="finding-severity">
                  {row.severityLabel}
                </span>
                <div className="muted small">{row.severity.toFixed(1)}</div>
              </td>
              <td className="title">
                <Link
                  href={`/accounts/${row.accountId}/records/finding/${encodeURIComponent(row.sourceId)}${from ? `?from=${encodeURIComponent(from)}` : ""}`}
                  data-testid="finding-title"
                >
                  {row.title}
                </Link>
                <div className="muted small">{row.type}</div>
                {row.linkedGuardDutyId ? <div className="muted small">copy of a GuardDuty finding</div> : null}
              </td>
              <td>
                <Link href={`/accounts/${row.accountId}`}>{row.accountName}</Link>
                <div className="muted small" data-testid="finding-account">
                  {row.accountId}
                </div>
              </td>
              <td className="small nowrap">
                {row.region}
                <div className="muted">{sourceLabel(row.source)}</div>
              </td>
              <td className="small" data-testid="finding-control">
                {row.controlId ?? ""}
              </td>
              <td className="small resource">
                {row.resourceType ? <div>{row.resourceType}</div> : null}
                {row.resourceId ? (
                  <div className="copyable">
                    <span className="mono" data-testid="finding-resource">
                      {row.resourceId}
                    </span>
                    <CopyButton text={row.resourceId} label="resource id" />
                  </div>
                ) : null}
              </td>
              <td className="small">
                {row.status}
                {row.workflowStatus ? <div className="muted">{row.workflowStatus}</div> : null}
                {row.complianceStatus ? <div className="muted">{row.complianceStatus}</div> : null}
              </td>
              <td className="small nowrap" data-testid="finding-first-seen">
                {formatTime(row.firstSeenAt)}
              </td>
              <td className="small nowrap" data-testid="finding-age">
                {formatAge(row.firstSeenAt, now)}
              </td>
              <td className="small nowrap" data-testid="finding-last-seen">
                {formatTime(row.lastSeenAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
