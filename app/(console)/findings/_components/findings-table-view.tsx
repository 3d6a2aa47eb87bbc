"use client";

import Link from "next/link";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { FindingsTableBehaviour } from "./findings-table-behaviour";

type SortKey = TFindingFilters["sort"];

/** One finding as the table shows it: its fields, formatted on the server (times in UTC, the age against the page's clock). */
export interface FindingsTableRow {
  id: string;
  /** `<account id>:<source id>`, the bulk form's value. */
  selectValue: string;
  selectLabel: string;
  severityLabel: string;
  severityClass: string;
  severity: string;
  href: string;
  title: string;
  type: string;
  isGuardDutyCopy: boolean;
  accountId: string;
  accountName: string;
  region: string;
  source: string;
  controlId: string;
  resourceType: string | null;
  resourceId: string | null;
  status: string;
  workflowStatus: string | null;
  complianceStatus: string | null;
  firstSeen: string;
  age: string;
  lastSeen: string;
}

/** A sortable column: its label, the link that sorts by it, and the order it shows while active. */
export interface FindingsTableColumn {
  label: string;
  sort: SortKey;
  href: string;
  /** Set on the active column. */
  dir?: "asc" | "desc";
}

/**
 * A page of findings, drawn from plain row data (FindingsTable formats it on the server): the
 * RSC payload carries each finding once as a few strings instead of an element tree of its
 * cells beside the same HTML, and a table of 50 rows is one row of that payload rather than
 * dozens React streams separately. Rows stay plain markup (links and copy buttons get their
 * behaviour from one FindingsTableBehaviour); the test ids are the ones the e2e walks read.
 */
export function FindingsTableView({
  rows,
  columns,
  selectable,
  accountColumn,
}: {
  rows: FindingsTableRow[];
  columns: FindingsTableColumn[];
  selectable: boolean;
  accountColumn: boolean;
}) {
  const header = (sort: SortKey) => {
    const column = columns.find((candidate) => candidate.sort === sort);
    if (!column) return null;
    return (
      <th scope="col" aria-sort={column.dir ? (column.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link className="sort" href={column.href} data-testid={`sort-${sort}`}>
          {column.label}
          {column.dir ? (column.dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </th>
    );
  };
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
            {header("severity")}
            {header("title")}
            {accountColumn ? header("account") : null}
            {header("region")}
            {header("control")}
            {header("resource")}
            {header("status")}
            {header("first_seen")}
            <th scope="col">Age</th>
            {header("last_seen")}
          </tr>
        </thead>
        <tbody className="findings-rows">
          {rows.map((row) => (
            <tr key={row.id} data-finding-id={row.id}>
              {selectable ? (
                <td>
                  <input type="checkbox" name="finding" value={row.selectValue} aria-label={row.selectLabel} />
                </td>
              ) : null}
              <td className="sev">
                <span className={row.severityClass} data-testid="finding-severity">
                  {row.severityLabel}
                </span>
                <small>{row.severity}</small>
              </td>
              <td className="title">
                <a href={row.href} data-testid="finding-title">
                  {row.title}
                </a>
                <small>{row.type}</small>
                {row.isGuardDutyCopy ? <small>copy of a GuardDuty finding</small> : null}
              </td>
              {accountColumn ? (
                <td className="acct">
                  <a href={`/accounts/${row.accountId}`}>{row.accountName}</a>
                  <small>{row.accountId}</small>
                </td>
              ) : null}
              <td>
                {row.region}
                <small>{row.source}</small>
              </td>
              <td>{row.controlId}</td>
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
              <td>{row.firstSeen}</td>
              <td>{row.age}</td>
              <td>{row.lastSeen}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FindingsTableBehaviour>
  );
}
