"use client";

import { useState } from "react";
import type { ChartCell } from "./chart-data-table";

/**
 * The table of ChartDataTable, given its cells already formatted. A client component so
 * that a server page sends the cells once as compact strings in the flight payload (and
 * as HTML from the server render), not as one element tree per cell: the overview's 84-day
 * trend table was ~23 KB of flight data as elements, ~4 KB as cells.
 *
 * The rows are drawn when the fold opens (they are in the props already, so it opens at
 * once): closed, an 84-day table was 84 rows of HTML on every request for a fold most readers
 * never open. Without JavaScript the opened fold shows a link to the page with every chart's
 * table open (`tables=open`), where the server draws the rows.
 */
export function ChartDataTableView({
  caption,
  columns,
  cells,
  testId,
  initiallyOpen = false,
  openHref,
}: {
  caption: string;
  columns: Array<{ label: string; numeric?: boolean }>;
  cells: ChartCell[][];
  testId?: string;
  /** Drawn open, rows and all (the page was asked for `tables=open`). */
  initiallyOpen?: boolean;
  /** This page with every chart's table open: the opened fold's link without JavaScript. */
  openHref: string;
}) {
  const [isOpen, setOpen] = useState(initiallyOpen);
  return (
    <details className="chart-data" data-testid={testId} open={initiallyOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Show the data as a table</summary>
      {isOpen ? (
        <Table caption={caption} columns={columns} cells={cells} />
      ) : (
        <p className="small">
          <a href={openHref} data-testid="chart-data-link">
            Show the {cells.length} row{cells.length === 1 ? "" : "s"}
          </a>
        </p>
      )}
    </details>
  );
}

function Table({
  caption,
  columns,
  cells,
}: {
  caption: string;
  columns: Array<{ label: string; numeric?: boolean }>;
  cells: ChartCell[][];
}) {
  return (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((row, index) => (
          <tr key={index}>
            {row.map((value, column) => (
              <td key={columns[column]!.label} className={columns[column]!.numeric ? "num" : undefined}>
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
