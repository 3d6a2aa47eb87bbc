import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { expect, test } from "./fixtures";
import { ADMIN_EMAIL, ADMIN_PASSWORD, STATE_FILE, freePort } from "./global-setup";

/**
 * The console server as `npm start` and the demo run it (scripts/console-server.js), started
 * here a second time on its own port against the suite's database, as a cluster of two
 * workers: a session made through one worker is good on every connection whichever worker
 * takes it, a worker killed with SIGKILL is replaced while the others keep answering, SIGTERM
 * stops every process, and a server whose workers cannot start exits instead of restarting
 * them forever.
 */

const root = path.resolve(__dirname, "..");
const { databaseUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(port: number, workers: number): Started {
  const child = spawn(process.execPath, [path.join(root, "scripts/console-server.js"), String(port), "127.0.0.1", String(workers)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "console-server-spec-secret-0123456789abcdef",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A GET on a new connection (no keep-alive), so the cluster's primary hands each one to the next worker. */
function get(port: number, pathname: string, cookie = ""): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: pathname, agent: false, headers: cookie ? { cookie } : {} }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
    });
    request.on("error", reject);
  });
}

/** The worker processes: the primary's children. */
function workerPids(primary: number): number[] {
  const children = readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function signIn(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: ADMIN_EMAIL, password: ADMIN_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  expect(session, `sign-in through the second server answered ${response.status}`).toBeTruthy();
  return session!.split(";")[0]!;
}

test.describe("the console server's cluster", () => {
  test.setTimeout(180_000);

  test("two workers share the port and the session, a killed worker is replaced, SIGTERM stops them all", async () => {
    const port = await freePort();
    const server = startServer(port, 2);
    try {
      await expect.poll(() => server.output(), { timeout: 120_000 }).toContain(`console listening on http://127.0.0.1:${port} (2 workers)`);
      const primary = server.child.pid!;
      const first = workerPids(primary);
      expect(first).toHaveLength(2);

      // Without a session the console sends you to sign in; with one made through whichever
      // worker took the sign-in, every new connection (spread over both workers) is let in.
      expect((await get(port, "/")).location).toMatch(/\/sign-in/);
      const cookie = await signIn(port);
      for (let index = 0; index < 6; index += 1) expect((await get(port, "/accounts", cookie)).status).toBe(200);

      process.kill(first[0]!, "SIGKILL");
      await expect
        .poll(() => server.output(), { timeout: 10_000 })
        .toContain(`console worker ${first[0]} exited (SIGKILL); starting another`);
      await expect
        .poll(() => workerPids(primary).filter((pid) => pid !== first[0] && pid !== first[1]).length, { timeout: 60_000 })
        .toBe(1);
      expect(isAlive(first[1]!)).toBe(true);
      // The replacement listens too: every new connection is answered, whichever worker takes it.
      await expect
        .poll(
          async () => {
            const statuses = await Promise.all(
              Array.from({ length: 6 }, () => get(port, "/accounts", cookie).then((response) => response.status)),
            );
            return statuses.every((status) => status === 200);
          },
          { timeout: 60_000 },
        )
        .toBe(true);

      const all = [primary, ...workerPids(primary)];
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      await expect.poll(() => all.filter(isAlive), { timeout: 15_000 }).toEqual([]);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
  });

  test("workers that cannot start stop the server with an error instead of restarting forever", async () => {
    // The port is taken, so no worker can listen.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const server = startServer(port, 2);
    try {
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain("before it started: stopping");
      expect(server.output()).toContain("EADDRINUSE");
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test("a worker count that is not a whole number from 1 to 64 is refused by name", async () => {
    const server = startServer(await freePort(), 0);
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('console workers must be a whole number from 1 to 64, not "0"');
  });
});
