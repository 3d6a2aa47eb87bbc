import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { statementName } from "@/lib/pg/statement-name";

/**
 * One PrismaClient and one pg Pool per process, kept on globalThis so that Next.js hot
 * reload does not open a new pool per edit. Bulk ingest uses the pool directly (one
 * statement per batch); everything else goes through Prisma.
 */
const globalForDb = globalThis as unknown as { parapetDb?: { prisma: PrismaClient; pool: pg.Pool; url: string } };

function connect() {
  const url = getEnv().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set (the parapet CLI sets it when it starts the embedded PostgreSQL)");
  }
  if (globalForDb.parapetDb?.url === url) return globalForDb.parapetDb;
  // Enough connections for every worker slot (graphile-worker holds one per running job)
  // plus the queue's own listener and Prisma's queries.
  const max = Math.max(16, getEnv().PARAPET_WORKER_CONCURRENCY + 4);
  const pool = new pg.Pool({ connectionString: url, max, application_name: "parapet" });
  // A client that loses its server (PostgreSQL restarted) must not crash the process: the
  // pool drops it and the next query reconnects; the query in flight fails and its job retries.
  pool.on("error", (error) => console.error(`parapet: database connection lost: ${error.message}`));
  pool.on("connect", (client) => client.on("error", () => {}));
  // The adapter hands the name to node-postgres as the query's `name`, where undefined means
  // unnamed (its type says string only).
  const prepared = getEnv().PARAPET_PG_PREPARED_STATEMENTS === "on";
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, prepared ? { statementNameGenerator: statementName as (query: { sql: string }) => string } : {}),
  });
  globalForDb.parapetDb = { prisma, pool, url };
  return globalForDb.parapetDb;
}

export function getDb(): PrismaClient {
  return connect().prisma;
}

export function getPool(): pg.Pool {
  return connect().pool;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.parapetDb;
  globalForDb.parapetDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end();
  }
}

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = getPool()): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
