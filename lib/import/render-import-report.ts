import { perSource, SOURCE_DEFINITIONS } from "@/lib/aws/sources";
import type { ImportKind, ImportReport } from "@/lib/import/import-aws-files";

const KIND_LABELS: Record<ImportKind, string> = perSource((source) => SOURCE_DEFINITIONS[source].importLabel);

/** A terminal has room for a sample of the problems; `--json` carries all of them. */
const DEFAULT_MAX_SKIPPED_LINES = 50;

/**
 * The human report of `parapet import`: per kind new / updated / unchanged, then the skipped
 * records as `file:position: reason`, cut after `maxSkippedLines` with a pointer to --json.
 */
export function renderImportReport(report: ImportReport, options: { maxSkippedLines?: number } = {}): string {
  const maxSkippedLines = options.maxSkippedLines ?? DEFAULT_MAX_SKIPPED_LINES;
  const kinds = Object.keys(KIND_LABELS) as ImportKind[];
  const width = Math.max(...kinds.map((kind) => KIND_LABELS[kind].length));
  const lines = [`read ${report.files} file${report.files === 1 ? "" : "s"}`];
  for (const kind of kinds) {
    const counts = report.stored[kind];
    lines.push(`  ${KIND_LABELS[kind].padEnd(width)}  new ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}`);
  }
  lines.push(`skipped ${report.skipped.length} record${report.skipped.length === 1 ? "" : "s"}${report.skipped.length > 0 ? ":" : ""}`);
  for (const problem of report.skipped.slice(0, maxSkippedLines)) {
    lines.push(`  ${problem.file}:${problem.position}: ${problem.reason}`);
  }
  if (report.skipped.length > maxSkippedLines) {
    lines.push(`  ... and ${report.skipped.length - maxSkippedLines} more (use --json for all)`);
  }
  return lines.join("\n");
}
