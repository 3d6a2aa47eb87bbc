"use client";

import { useMemo, type ReactNode } from "react";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../../../_components/use-hydrated";
import type { ScoreHistoryPoint } from "@/lib/data/scores/find-score-history";
import { ChartDataTable } from "../../../_components/chart-data-table";
import { formatPercent, formatScore } from "../../../_components/format";

/** Legend labels in the text colour (recharts colours them like their series, too light to read). */
const legendText = (value: string): ReactNode => <span style={{ color: "var(--text)" }}>{value}</span>;

/**
 * The account's score trend and, below it, the same numbers as a table. Both are drawn here
 * from one copy of the points: rendered on the server, a table would travel a second time in
 * the page's RSC payload as an element tree (84 rows of four cells), beside the chart's props.
 */
/** One day: [day, score, risk-adjusted score, coverage], a tuple so 84 days travel without 84 copies of the field names. */
export type ScoreTrendTuple = [day: string, score: number | null, riskAdjustedScore: number | null, coverage: number | null];

export function ScoreTrendChart({
  days,
  tablesOpen,
  tablesHref,
}: {
  days: ScoreTrendTuple[];
  /** The data table drawn open (`tables=open`), and the link to that page (see ChartDataTableView). */
  tablesOpen: boolean;
  tablesHref: string;
}) {
  // Drawn in the browser only: the server cannot measure the width (recharts renders an empty
  // container there) but would still build the chart's store on every request.
  const hydrated = useHydrated();
  const points = useMemo(
    () => days.map(([day, score, riskAdjustedScore, coverage]): ScoreHistoryPoint => ({ day, score, riskAdjustedScore, coverage })),
    [days],
  );
  return (
    <>
      <div
        style={{ width: "100%", height: 240 }}
        data-testid="score-trend-chart"
        role="figure"
        aria-label="Score, risk-adjusted score and coverage by day; the numbers are in the table below"
      >
        {hydrated ? (
          <ResponsiveContainer>
            <LineChart data={points} margin={{ top: 8, right: 16, left: 0, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend verticalAlign="top" height={28} formatter={legendText} />
              <Line
                type="monotone"
                dataKey="score"
                name="Score"
                stroke="#2458d6"
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
              <Line
                type="monotone"
                dataKey="riskAdjustedScore"
                name="Risk-adjusted"
                stroke="#3841a8"
                strokeDasharray="5 4"
                dot={{ r: 2 }}
                isAnimationActive={false}
                connectNulls
              />
              <Line
                type="monotone"
                dataKey="coverage"
                name="Coverage"
                stroke="#9aa4b2"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <ChartDataTable
        caption="Score, risk-adjusted score and coverage by day"
        testId="account-trend-data"
        initiallyOpen={tablesOpen}
        openHref={tablesHref}
        rows={points}
        columns={[
          { label: "Day", value: (point) => point.day },
          { label: "Score", value: (point) => formatScore(point.score), numeric: true },
          { label: "Risk-adjusted", value: (point) => formatScore(point.riskAdjustedScore), numeric: true },
          { label: "Coverage", value: (point) => formatPercent(point.coverage), numeric: true },
        ]}
      />
    </>
  );
}
