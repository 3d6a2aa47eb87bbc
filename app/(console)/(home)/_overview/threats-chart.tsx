"use client";

import type { ReactNode } from "react";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../../_components/use-hydrated";
import type { ThreatDay } from "@/lib/data/overview/find-new-threats-by-day";

/** New critical/high GuardDuty findings per day (the table under it carries the same numbers). */

/** Legend labels in the text colour (recharts colours them like their series, too light to read). */
const legendText = (value: string): ReactNode => <span style={{ color: "var(--text)" }}>{value}</span>;

export function ThreatsChart({ data }: { data: ThreatDay[] }) {
  // Drawn in the browser only: the server cannot measure the width (recharts renders an empty
  // container there) but would still build the chart's store on every request.
  const hydrated = useHydrated();
  return (
    <div
      style={{ width: "100%", height: 220 }}
      data-testid="threats-chart"
      role="figure"
      aria-label="New critical and high GuardDuty findings per day; the numbers are in the table below"
    >
      {hydrated ? (
        <ResponsiveContainer>
          <BarChart
            data={data.map((day) => ({ day: day.day.slice(5), Critical: day.critical, High: day.high }))}
            margin={{ top: 8, right: 8, left: 0, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend verticalAlign="top" height={28} itemSorter={null} formatter={legendText} />
            <Bar dataKey="Critical" stackId="t" fill="#8b1a1a" isAnimationActive={false} />
            <Bar dataKey="High" stackId="t" fill="#d64541" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
