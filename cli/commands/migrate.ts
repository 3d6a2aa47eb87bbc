import { openDatabase } from "@/cli/database";
import { parseFlags } from "@/cli/args";
import { closeDb, getPool } from "@/lib/db";
import { migrateQueue } from "@/lib/jobs/queue";

export async function runMigrate(argv: string[]): Promise<number> {
  parseFlags(argv, {});
  const database = await openDatabase({ log: (line) => console.log(line) });
  try {
    await migrateQueue(getPool());
    console.log("job queue schema is up to date");
  } finally {
    await closeDb();
    await database.stop();
  }
  return 0;
}
