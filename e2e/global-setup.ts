import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { IDP_NAME, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider } from "./support/oidc-provider";

/**
 * Starts `parapet demo` exactly as a user would (embedded PostgreSQL, simulator, worker,
 * console), on free ports and in a throwaway data folder, and waits for its "ready" line.
 * The tests read the same database to check what the console shows. A real OpenID Connect
 * provider is started first and configured as the console's single sign-on.
 */
export const STATE_FILE = path.join(os.tmpdir(), "parapet-e2e-state.json");
export const ADMIN_EMAIL = "e2e-admin@parapet.local";
export const ADMIN_PASSWORD = "e2e-password-not-secret";

/** A port nothing listens on now (the e2e specs that start a server of their own use it too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export default async function globalSetup() {
  const root = path.resolve(__dirname, "..");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parapet-e2e-"));
  const [port, pgPort, idpPort] = [await freePort(), await freePort(), await freePort()];
  // The identity provider lives in the test runner's process until the teardown closes it.
  const idp = await startOidcProvider(idpPort, `http://localhost:${port}`);
  (globalThis as { parapetE2eIdp?: typeof idp }).parapetE2eIdp = idp;
  const child = spawn(process.execPath, [path.join(root, "bin/parapet.js"), "demo"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      PARAPET_PG_PORT: String(pgPort),
      PARAPET_DATA_DIR: dataDir,
      PARAPET_ADMIN_EMAIL: ADMIN_EMAIL,
      PARAPET_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PARAPET_DEMO_ACCOUNTS: "12",
      DATABASE_URL: "",
      PARAPET_OIDC_ISSUER: idp.issuer,
      PARAPET_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      PARAPET_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      PARAPET_OIDC_NAME: IDP_NAME,
      PARAPET_OIDC_SCOPES: "openid email profile groups",
    },
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parapet demo was not ready after 15 minutes:\n${output.slice(-3000)}`)), 15 * 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/\] ready in /.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`parapet demo exited with code ${code}:\n${output.slice(-3000)}`));
    });
  });
  child.stdout?.removeAllListeners("data");
  child.stderr?.removeAllListeners("data");
  child.stdout?.resume();
  child.stderr?.resume();
  child.removeAllListeners("exit");
  child.unref();

  const meta = JSON.parse(readFileSync(path.join(dataDir, "pg.json"), "utf8")) as { user: string; password: string };
  const databaseUrl = `postgresql://${meta.user}:${encodeURIComponent(meta.password)}@127.0.0.1:${pgPort}/parapet`;
  writeFileSync(STATE_FILE, JSON.stringify({ pid: child.pid, dataDir, databaseUrl, baseURL: `http://localhost:${port}` }));
  process.env.PARAPET_E2E_BASE_URL = `http://localhost:${port}`;
  if (!existsSync(STATE_FILE)) throw new Error("could not write the e2e state file");
}
