import { ChartDataTableView } from "./chart-data-table-view";

export interface ChartColumn<Row> {
  label: string;
  value: (row: Row) => string | number | null;
  numeric?: boolean;
}

/** One formatted cell of a chart's data table ("n/a" for a missing value). */
export type ChartCell = string | number;

/**
 * The numbers behind a chart, as a table: the chart's text alternative for screen readers
 * and for anyone who wants the exact values. Closed by default so the page stays short.
 * The cells are formatted here (the columns' functions cannot cross to the client) and
 * rendered by one client component; inside a client component (the account page's trend
 * chart) this is plain client rendering.
 */
export function ChartDataTable<Row>({
  caption,
  rows,
  columns,
  testId,
  initiallyOpen,
  openHref,
}: {
  caption: string;
  rows: Row[];
  columns: Array<ChartColumn<Row>>;
  testId?: string;
  /** See ChartDataTableView: drawn open, and the link the opened fold shows without JavaScript. */
  initiallyOpen?: boolean;
  openHref: string;
}) {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row);
      return value === null ? "n/a" : value;
    }),
  );
  return (
    <ChartDataTableView
      caption={caption}
      columns={columns.map((column) => ({ label: column.label, numeric: column.numeric }))}
      cells={cells}
      testId={testId}
      initiallyOpen={initiallyOpen}
      openHref={openHref}
    />
  );
}
