"use client";

import type { ReactNode } from "react";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../../_components/use-hydrated";
import type { OrgScorePoint } from "@/lib/data/overview/find-org-score-trend";

/** Legend labels in the text colour (recharts colours them like their series, too light to read). */
const legendText = (value: string): ReactNode => <span style={{ color: "var(--text)" }}>{value}</span>;

export function ScoreTrendChart({ data }: { data: OrgScorePoint[] }) {
  // Drawn in the browser only: the server cannot measure the width (recharts renders an empty
  // container there) but would still build the chart's store on every request.
  const hydrated = useHydrated();
  if (data.length === 0) return <p className="muted">No scores yet: the first collection scores every account.</p>;
  return (
    <div
      style={{ width: "100%", height: 300 }}
      data-testid="score-trend-chart"
      role="figure"
      aria-label="Org score and coverage by day; the numbers are in the table below"
    >
      {hydrated ? (
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} />
            <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend verticalAlign="top" height={28} itemSorter={null} formatter={legendText} />
            <Line type="monotone" dataKey="score" name="Score" stroke="#2458d6" strokeWidth={2} dot isAnimationActive={false} />
            <Line
              type="monotone"
              dataKey="coverage"
              name="Coverage %"
              stroke="#9aa4b2"
              strokeDasharray="4 3"
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
