/** Display helpers shared by the console pages (times are UTC: AWS records are). */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? "n/a" : value.toFixed(1);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "n/a" : `${value.toFixed(0)}%`;
}

export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return "never";
  return new Date(value).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function scoreClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return "score";
  if (score >= 80) return "score good";
  if (score >= 60) return "score fair";
  return "score poor";
}

export function formatDelta(delta: number | null): { text: string; className: string } {
  if (delta === null) return { text: "n/a", className: "muted" };
  if (delta > 0) return { text: `+${delta.toFixed(1)}`, className: "delta-up" };
  if (delta < 0) return { text: delta.toFixed(1), className: "delta-down" };
  return { text: "±0.0", className: "muted" };
}
