import Link from "next/link";
import { sourceLabel } from "@/lib/aws/sources";
import type { FindingRow } from "@/lib/data/findings/find-findings";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { findingsQuery } from "../_lib/findings-href";
import "./findings-table.css";
import { FindingsTableBehaviour } from "./findings-table-behaviour";

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

/**
 * A page of findings. Rows are plain server markup (no client component per row: links and
 * copy buttons get their behaviour from one FindingsTableBehaviour per table) and carry only
 * the test ids the e2e walks read, because each element and attribute is sent twice, in the
 * HTML and in the RSC payload. `accountColumn={false}` leaves out the Account column where
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
  return (
    <FindingsTableBehaviour>
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
            {accountColumn ? <SortHeader label="Account" sort="account" filters={filters} /> : null}
            <SortHeader label="Region" sort="region" filters={filters} />
            <SortHeader label="Control" sort="control" filters={filters} />
            <SortHeader label="Resource" sort="resource" filters={filters} />
            <SortHeader label="Status" sort="status" filters={filters} />
            <SortHeader label="First seen (UTC)" sort="first_seen" filters={filters} />
            <th scope="col">Age</th>
            <SortHeader label="Last seen (UTC)" sort="last_seen" filters={filters} />
          </tr>
        </thead>
        <tbody className="findings-rows">
          {rows.map((row) => (
            <tr key={row.id} data-finding-id={row.id}>
              {selectable ? (
                <td>
                  <input
                    type="checkbox"
                    name="finding"
                    value={`${row.accountId}:${row.sourceId}`}
                    aria-label={`Select ${row.title} in ${row.accountName}`}
                  />
                </td>
              ) : null}
              <td className="sev">
                <span className={SEVERITY_CLASS[row.severityLabel] ?? "muted"} data-testid="finding-severity">
                  {row.severityLabel}
                </span>
                <small>{row.severity.toFixed(1)}</small>
              </td>
              <td className="title">
                <a
                  href={`/accounts/${row.accountId}/records/finding/${encodeURIComponent(row.sourceId)}${fromParam}`}
                  data-testid="finding-title"
                >
                  {row.title}
                </a>
                <small>{row.type}</small>
                {row.linkedGuardDutyId ? <small>copy of a GuardDuty finding</small> : null}
              </td>
              {accountColumn ? (
                <td className="acct">
                  <a href={`/accounts/${row.accountId}`}>{row.accountName}</a>
                  <small>{row.accountId}</small>
                </td>
              ) : null}
              <td>
                {row.region}
                <small>{sourceLabel(row.source)}</small>
              </td>
              <td>{row.controlId ?? ""}</td>
              <td className="resource">
                {row.resourceType}
                {row.resourceId ? (
                  <span className="copyable">
                    <span className="mono" data-testid="finding-resource">
                      {row.resourceId}
                    </span>
                    <button type="button" data-copy aria-label="Copy resource id">
                      <span aria-live="polite">Copy</span>
                    </button>
                  </span>
                ) : null}
              </td>
              <td>
                {row.status}
                {row.workflowStatus ? <small>{row.workflowStatus}</small> : null}
                {row.complianceStatus ? <small>{row.complianceStatus}</small> : null}
              </td>
              <td>{formatTime(row.firstSeenAt)}</td>
              <td>{formatAge(row.firstSeenAt, now)}</td>
              <td>{formatTime(row.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FindingsTableBehaviour>
  );
}
