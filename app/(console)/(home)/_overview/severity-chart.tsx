"use client";

import type { ReactNode } from "react";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../../_components/use-hydrated";

/** Legend labels in the text colour (recharts colours them like their series, too light to read). */
const legendText = (value: string): ReactNode => <span style={{ color: "var(--text)" }}>{value}</span>;

export interface SeverityChartDatum {
  name: string;
  Critical: number;
  High: number;
  Medium: number;
  Low: number;
}

const COLORS = { Critical: "#8b1a1a", High: "#d64541", Medium: "#e8912d", Low: "#3f8dd6" } as const;

export function SeverityChart({ data }: { data: SeverityChartDatum[] }) {
  // Drawn in the browser only: the server cannot measure the width (recharts renders an empty
  // container there) but would still build the chart's store on every request.
  const hydrated = useHydrated();
  return (
    <div
      style={{ width: "100%", height: 300 }}
      data-testid="severity-chart"
      role="figure"
      aria-label="Active findings by severity per account; the numbers are in the accounts table below"
    >
      {hydrated ? (
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 48 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={60} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend verticalAlign="top" height={28} itemSorter={null} formatter={legendText} />
            {(Object.keys(COLORS) as Array<keyof typeof COLORS>).map((key) => (
              <Bar key={key} dataKey={key} stackId="severity" fill={COLORS[key]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
