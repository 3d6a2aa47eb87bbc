import "server-only";
import path from "node:path";
import type pg from "pg";
import type { NormalisedEvent, NormalisedFinding, RecordProblem } from "@/lib/aws/normalise/types";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { FINDING_SOURCES, type FindingSource, perSource, type Source, SOURCE_DEFINITIONS } from "@/lib/aws/sources";
import { withTransaction } from "@/lib/db";
import { readAwsRecordFiles } from "@/lib/formats/read-aws-records";
import { upsertEvents } from "@/lib/ingest/upsert-events";
import { upsertFindings, type UpsertCounts } from "@/lib/ingest/upsert-findings";

export type ImportKind = Source;

export interface ImportReport {
  /** Files that yielded at least one record or problem (a file with an empty `Records: []` is not counted). */
  files: number;
  /**
   * Every valid record is counted exactly once: `inserted` (new), `updated` (newer copy of a
   * stored finding), or `unchanged` (identical or older copy, also a repeat within the import).
   */
  stored: Record<ImportKind, UpsertCounts>;
  /** Records and files that were not stored, with where they were and why. */
  skipped: RecordProblem[];
  /** Every account a stored record named, sorted: what `parapet import` scores afterwards. */
  accounts: string[];
}

export interface ImportOptions {
  /** Records per upsert statement (and transaction), per kind. */
  batchSize?: number;
  onProgress?: (line: string) => void;
}

const DEFAULT_BATCH_SIZE = 500;

function emptyCounts(): UpsertCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

/**
 * `parapet import`: streams GuardDuty findings, ASFF findings and CloudTrail records out of
 * files and directories (`readAwsRecordFiles`), through the same normalisers and bulk upserts
 * as the collectors, so an imported record is indistinguishable from a collected one.
 * Idempotent: importing the same files again reports everything as `unchanged`. (One edge
 * the upsert decides: two different copies of a finding with the same UpdatedAt, landing in
 * different batches, are each written on every run, the one read last winning.)
 * Nothing bad in the files throws: unreadable or missing paths, invalid JSON, unknown shapes
 * and records the normalisers reject all end up in `skipped` with file and position. Only
 * database errors throw; batches committed before the error stay committed (each batch is
 * its own transaction, so a huge import never holds one transaction open for its whole run).
 * Writes one `import.files` audit_log row with the counts when the import finishes.
 */
export async function importAwsFiles(pool: pg.Pool, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const report: ImportReport = {
    files: 0,
    stored: perSource(emptyCounts),
    skipped: [],
    accounts: [],
  };
  const accounts = new Set<string>();
  const seenFiles = new Set<string>();
  const findings: Record<FindingSource, NormalisedFinding[]> = { guardduty: [], securityhub: [] };
  let events: NormalisedEvent[] = [];
  // CloudTrail events are immutable, so the first copy of an eventID is the one kept: across
  // batches the upsert ignores known ids, and inside a batch this keeps later copies out
  // (upsertEvents alone would keep the last one), so the result never depends on batch size.
  let pendingEventIds = new Set<string>();

  const add = (kind: ImportKind, submitted: number, counts: UpsertCounts) => {
    const total = report.stored[kind];
    total.inserted += counts.inserted;
    total.updated += counts.updated;
    // The upserts collapse repeats inside one batch before writing; those repeats are
    // counted as unchanged so that the three counts always add up to the valid records read.
    total.unchanged += submitted - counts.inserted - counts.updated;
    options.onProgress?.(
      `${kind}: batch of ${submitted} written (new ${counts.inserted}, updated ${counts.updated}, unchanged ${submitted - counts.inserted - counts.updated})`,
    );
  };

  const flushFindings = async (kind: FindingSource) => {
    const batch = findings[kind];
    if (batch.length === 0) return;
    findings[kind] = [];
    add(kind, batch.length, await withTransaction((client) => upsertFindings(client, batch), pool));
  };

  const flushEvents = async () => {
    const batch = events;
    if (batch.length === 0) return;
    events = [];
    pendingEventIds = new Set();
    add("cloudtrail", batch.length, await withTransaction((client) => upsertEvents(client, batch), pool));
  };

  for await (const item of readAwsRecordFiles(paths)) {
    seenFiles.add(item.file);
    if (item.kind === "problem") {
      report.skipped.push({ file: item.file, position: item.position, reason: item.reason });
      continue;
    }
    const kind = item.kind;
    switch (kind) {
      case "cloudtrail": {
        const result = SOURCE_DEFINITIONS[kind].normalise(item.record);
        if (!result.ok) {
          report.skipped.push({ file: item.file, position: item.position, reason: result.reason });
          continue;
        }
        if (pendingEventIds.has(result.value.eventId)) {
          report.stored[kind].unchanged += 1;
          continue;
        }
        pendingEventIds.add(result.value.eventId);
        accounts.add(result.value.accountId);
        events.push(result.value);
        if (events.length >= batchSize) await flushEvents();
        continue;
      }
      case "guardduty":
      case "securityhub": {
        const result = SOURCE_DEFINITIONS[kind].normalise(item.record);
        if (!result.ok) {
          report.skipped.push({ file: item.file, position: item.position, reason: result.reason });
          continue;
        }
        accounts.add(result.value.accountId);
        findings[kind].push(result.value);
        if (findings[kind].length >= batchSize) await flushFindings(kind);
        continue;
      }
      default: {
        // A new source must say here how its records are batched and stored.
        const unhandled: never = kind;
        throw new Error(`parapet import: no storage for ${String(unhandled)} records`);
      }
    }
  }
  for (const kind of FINDING_SOURCES) await flushFindings(kind);
  await flushEvents();
  report.files = seenFiles.size;
  report.accounts = [...accounts].sort();

  await createAuditEntry(
    {
      actorEmail: "parapet-cli",
      action: "import.files",
      ip: null,
      target: paths.map((target) => path.resolve(target)).join(" "),
      detail: { files: report.files, stored: report.stored, skipped: report.skipped.length },
    },
    pool,
  );
  return report;
}
