import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Simulator } from "@/sim/index";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Starts `parapet worker` as its own process (as in production), pointed at a database and
 * at the simulator through the standard AWS environment variables, with no cron sweep of
 * its own. Resolves once it says "worker started"; `output()` returns what it printed.
 */
export function startWorkerProcess(databaseUrl: string, sim: Simulator): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/parapet.js"), "worker"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AWS_ENDPOINT_URL: sim.url,
      AWS_ACCESS_KEY_ID: sim.baseCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sim.baseCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_REGION: "us-east-1",
      PARAPET_COLLECT_SCHEDULE: "0 0 1 1 *",
    },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("worker started")) resolve({ child, output: () => output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited early (${code}): ${output}`)));
  });
}
