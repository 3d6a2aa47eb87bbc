// @ts-check
/**
 * The console's HTTP server: Next.js's own request handler behind a plain node:http server,
 * started by `npm start` and `parapet demo` instead of `next start`, for two reasons.
 *
 * 1. The client address. `next start` only fills X-Forwarded-For with the socket address
 *    when the header is absent, so a caller that writes the header itself hides where it
 *    came from. Here the socket's peer address is always appended as the right-most hop, as
 *    a proxy would, and lib/http/client-ip.ts believes hops to its left only through
 *    PARAPET_TRUSTED_PROXIES.
 * 2. Every core, when asked. A Node.js process renders one page at a time on one core, so
 *    under concurrent use one process leaves the other cores to PostgreSQL or idle while
 *    requests queue behind each other. With PARAPET_CONSOLE_WORKERS=N the server runs as a
 *    node:cluster of N workers sharing the port, each a full Next.js server (about 450 MB
 *    resident at 500 accounts): every request is independent of the process that serves it
 *    (the session, the sign-in throttle and everything else live in PostgreSQL), so any
 *    worker can answer any request. A worker that dies is replaced; the primary only accepts
 *    connections and hands them out. One process is the default: on the bench's 2 cores two
 *    workers lowered the median under 4 concurrent requests by about a fifth but not the
 *    95th percentile, which the shared cores' scheduling made noisier, for twice the memory.
 *
 * Usage: node scripts/console-server.js <port> <host> [workers]
 * The worker count is the third argument, else PARAPET_CONSOLE_WORKERS, else 1 (a single
 * process, no cluster).
 */
const cluster = require("node:cluster");
const http = require("node:http");
const path = require("node:path");

const port = Number(process.argv[2] ?? 3000);
const hostname = process.argv[3] ?? "127.0.0.1";

/** @returns {number} */
function workerCount() {
  const given = process.argv[4] ?? process.env.PARAPET_CONSOLE_WORKERS;
  if (given === undefined || given === "") return 1;
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`console workers must be a whole number from 1 to 64, not "${given}"`);
    process.exit(2);
  }
  return count;
}

async function serve() {
  const next = require("next");
  const app = next({ dev: false, dir: path.resolve(__dirname, ".."), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    const peer = request.socket.remoteAddress ?? "";
    const previous = request.headers["x-forwarded-for"];
    const hops = [Array.isArray(previous) ? previous.join(", ") : previous, peer].filter(Boolean);
    request.headers["x-forwarded-for"] = hops.join(", ");
    handle(request, response).catch((error) => {
      console.error(error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve(undefined));
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  // In a cluster Ctrl-C reaches every process of the terminal's group: the primary alone
  // answers it (it stops the workers), so a worker cannot exit first and look like a crash.
  process.on("SIGINT", cluster.isPrimary ? stop : () => {});
  return server;
}

/** Starts the workers, replaces one that dies (not faster than once a second), and stops them all on SIGTERM/SIGINT. */
function runPrimary(count) {
  let stopping = false;
  let lastFork = 0;
  const fork = () => {
    lastFork = Date.now();
    cluster.fork();
  };
  /** Workers that have listened: one that dies before it ever did (no build, a bad setting) stops the server instead of restarting forever. */
  const started = new Set();
  cluster.on("listening", (worker) => {
    started.add(worker.id);
    // Once, when the first `count` have started (a replacement makes the set larger).
    if (started.size === count) console.log(`console listening on http://${hostname}:${port} (${count} workers)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!started.has(worker.id)) {
      console.error(`console worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) before it started: stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`console worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(fork, Math.max(0, 1000 - (Date.now() - lastFork)));
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    // A worker stuck in a request must not keep the primary (and the port) alive.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (let index = 0; index < count; index += 1) fork();
}

async function main() {
  if (cluster.isPrimary) {
    const count = workerCount();
    if (count > 1) return runPrimary(count);
    await serve();
    console.log(`console listening on http://${hostname}:${port}`);
    return;
  }
  await serve();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
