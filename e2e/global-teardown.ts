import { existsSync, readFileSync, rmSync } from "node:fs";
import { STATE_FILE } from "./global-setup";

/** Stops the demo the way a user does (SIGINT = Ctrl-C) and removes its data folder. */
export default async function globalTeardown() {
  await (globalThis as { parapetE2eIdp?: { close: () => Promise<void> } }).parapetE2eIdp?.close();
  if (!existsSync(STATE_FILE)) return;
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number; dataDir: string };
  try {
    process.kill(state.pid, "SIGINT");
  } catch {
    // already gone
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(state.pid, 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } catch {
      break;
    }
  }
  try {
    process.kill(-state.pid, "SIGKILL");
  } catch {
    // the process group is gone
  }
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}
