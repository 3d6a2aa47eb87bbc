import { parseFlags } from "@/cli/args";
import { openDatabase } from "@/cli/database";
import { maintainEventPartitions } from "@/lib/data/events/maintain-event-partitions";
import { closeDb, getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * The worker's daily upkeep, run once by an operator (after a long outage, before a
 * backup, or to see what retention would drop today): CloudTrail event partitions created
 * ahead, months past PARAPET_CLOUDTRAIL_RETENTION_DAYS dropped (each drop audited).
 */
export async function runMaintenance(argv: string[]): Promise<number> {
  parseFlags(argv, {});
  const env = getEnv();
  const log = (line: string) => console.log(line);
  const database = await openDatabase({ log });
  try {
    const result = await maintainEventPartitions(getPool(), { now: new Date(), retentionDays: env.PARAPET_CLOUDTRAIL_RETENTION_DAYS, log });
    log(
      `CloudTrail events: retention ${env.PARAPET_CLOUDTRAIL_RETENTION_DAYS} days (months ending before ${result.cutoff.toISOString()} are dropped); ` +
        `${result.created.length} partition(s) created, ${result.movedFromDefault} event(s) moved from the default partition, ` +
        `${result.dropped.length} partition(s) dropped (${result.dropped.reduce((sum, p) => sum + p.events, 0)} event(s))`,
    );
  } finally {
    await closeDb();
    await database.stop();
  }
  return 0;
}
