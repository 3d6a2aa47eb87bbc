/** Display helpers of the collection page only (shared ones are in app/(console)/_components/format.ts). */

/** "1.2 s", "3 min 04 s", or "running" when the end is not known yet. */
export function formatDuration(start: Date | null, end: Date | null): string {
  if (!start) return "";
  if (!end) return "running";
  const ms = new Date(end).getTime() - new Date(start).getTime();
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

export const RUN_BADGE: Record<string, string> = {
  succeeded: "badge ok",
  partial: "badge warn",
  failed: "badge error",
  running: "badge running",
  disabled: "badge muted-badge",
};
