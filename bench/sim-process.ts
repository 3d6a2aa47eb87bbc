import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { SimCredentials, SimOrg, SimulatorOptions } from "@/sim/index";

/** Parent side of sim-child.ts: a simulator in a forked process, driven over IPC. */

export interface ProcessMemory {
  rss: number;
  heapUsed: number;
  /** Buffers and ArrayBuffers outside the V8 heap. */
  external: number;
}

export type ParentMessage = { type: "start"; options: SimulatorOptions } | { type: "warm-up" } | { type: "stats" } | { type: "close" };

export type ChildMessage =
  | {
      type: "started";
      url: string;
      org: SimOrg;
      baseCredentials: SimCredentials;
      startMs: number;
      memoryBefore: ProcessMemory;
      memoryAfter: ProcessMemory;
    }
  | { type: "warmed-up"; warmUpMs: number; memory: ProcessMemory }
  | {
      type: "stats";
      served: Record<string, number>;
      throttled: Record<string, number>;
      /** [account|region|service|operation, requests served]. */
      servedCalls: Array<[string, number]>;
      memory: ProcessMemory;
      cpu: NodeJS.CpuUsage;
    }
  | { type: "closed" }
  | { type: "error"; message: string };

export interface SimProcess {
  url: string;
  org: SimOrg;
  baseCredentials: SimCredentials;
  pid: number;
  /** Time startSimulator() took inside the child, and the child's memory around it. */
  start: { startMs: number; memoryBefore: ProcessMemory; memoryAfter: ProcessMemory };
  warmUp(): Promise<{ warmUpMs: number; memory: ProcessMemory }>;
  stats(): Promise<Extract<ChildMessage, { type: "stats" }>>;
  close(): Promise<void>;
}

const REGISTER = path.resolve(__dirname, "../scripts/register-ts.js");

export async function startSimProcess(options: SimulatorOptions): Promise<SimProcess> {
  const child: ChildProcess = fork(path.join(__dirname, "sim-child.ts"), [], {
    execArgv: ["-r", REGISTER],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const request = <T extends ChildMessage["type"]>(message: ParentMessage, reply: T): Promise<Extract<ChildMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (answer: ChildMessage) => {
        if (answer.type !== reply && answer.type !== "error") return;
        cleanup();
        if (answer.type === "error") reject(new Error(`simulator process: ${answer.message}`));
        else resolve(answer as Extract<ChildMessage, { type: T }>);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`simulator process exited (code ${code}) while waiting for ${reply}`));
      };
      const cleanup = () => {
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send(message);
    });

  try {
    const started = await request({ type: "start", options }, "started");
    return {
      url: started.url,
      org: started.org,
      baseCredentials: started.baseCredentials,
      pid: child.pid ?? -1,
      start: { startMs: started.startMs, memoryBefore: started.memoryBefore, memoryAfter: started.memoryAfter },
      warmUp: async () => {
        const answer = await request({ type: "warm-up" }, "warmed-up");
        return { warmUpMs: answer.warmUpMs, memory: answer.memory };
      },
      stats: () => request({ type: "stats" }, "stats"),
      close: async () => {
        if (child.exitCode !== null) return;
        await request({ type: "close" }, "closed").catch(() => child.kill());
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}
