"use client";

import type { ChartCell } from "./chart-data-table";

/**
 * The table of ChartDataTable, given its cells already formatted. A client component so
 * that a server page sends the cells once as compact strings in the flight payload (and
 * as HTML from the server render), not as one element tree per cell: the overview's 84-day
 * trend table was ~23 KB of flight data as elements, ~4 KB as cells.
 */
export function ChartDataTableView({
  caption,
  columns,
  cells,
  testId,
}: {
  caption: string;
  columns: Array<{ label: string; numeric?: boolean }>;
  cells: ChartCell[][];
  testId?: string;
}) {
  return (
    <details className="chart-data" data-testid={testId}>
      <summary>Show the data as a table</summary>
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
    </details>
  );
}
