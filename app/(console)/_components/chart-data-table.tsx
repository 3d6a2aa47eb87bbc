export interface ChartColumn<Row> {
  label: string;
  value: (row: Row) => string | number | null;
  numeric?: boolean;
}

/**
 * The numbers behind a chart, as a table: the chart's text alternative for screen readers
 * and for anyone who wants the exact values. Closed by default so the page stays short.
 */
export function ChartDataTable<Row>({
  caption,
  rows,
  columns,
  testId,
}: {
  caption: string;
  rows: Row[];
  columns: Array<ChartColumn<Row>>;
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
          {rows.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => {
                const value = column.value(row);
                return (
                  <td key={column.label} className={column.numeric ? "num" : undefined}>
                    {value === null ? "n/a" : value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
