"use client";

import type { ReactNode } from "react";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Legend labels in the text colour (recharts colours them like their series, too light to read). */
const legendText = (value: string): ReactNode => <span style={{ color: "var(--text)" }}>{value}</span>;

export interface ScoreTrendDatum {
  day: string;
  Score: number | null;
  "Risk-adjusted": number | null;
  Coverage: number | null;
}

export function ScoreTrendChart({ data }: { data: ScoreTrendDatum[] }) {
  return (
    <div
      style={{ width: "100%", height: 240 }}
      data-testid="score-trend-chart"
      role="figure"
      aria-label="Score, risk-adjusted score and coverage by day; the numbers are in the table below"
    >
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend verticalAlign="top" height={28} formatter={legendText} />
          <Line type="monotone" dataKey="Score" stroke="#2458d6" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          <Line
            type="monotone"
            dataKey="Risk-adjusted"
            stroke="#3841a8"
            strokeDasharray="5 4"
            dot={{ r: 2 }}
            isAnimationActive={false}
            connectNulls
          />
          <Line type="monotone" dataKey="Coverage" stroke="#9aa4b2" dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
