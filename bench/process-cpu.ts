import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/**
 * CPU accounting from /proc (Linux; elsewhere these return null): the whole machine's busy
 * time, and the PostgreSQL server's (postmaster and backends). The sync's cost is then
 * Parapet's own CPU plus PostgreSQL's, whatever else the machine is doing.
 */

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux that Node supports

export interface MachineCpu {
  busyMs: number;
  totalMs: number;
}

export function readMachineCpu(): MachineCpu | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    const total = fields.reduce((sum, value) => sum + value, 0);
    const toMs = (ticks: number) => (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
    return { busyMs: toMs(total - idle), totalMs: toMs(total) };
  } catch {
    return null;
  }
}

/** Share of all cores busy between two readings (0..1), every process included. */
export function machineBusyShare(before: MachineCpu | null, after: MachineCpu | null): number | null {
  if (!before || !after || after.totalMs <= before.totalMs) return null;
  return (after.busyMs - before.busyMs) / (after.totalMs - before.totalMs);
}

function processCpuMs(pid: number): { ppid: number; cpuMs: number; command: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "(comm)": state ppid ... utime is field 14 of the full line, i.e. index 11 here.
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    return { ppid: Number(fields[1]), cpuMs: (cpuTicks / CLOCK_TICKS_PER_SECOND) * 1000, command };
  } catch {
    return null;
  }
}

/** CPU used so far by the postmaster whose command line names `dataDir`, and by its live children. */
export function readPostgresCpuMs(dataDir: string): number | null {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const postmasters = new Set<number>();
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) postmasters.add(pid);
    } catch {
      // the process ended while we looked
    }
  }
  if (postmasters.size === 0) return null;
  let total = 0;
  for (const pid of pids) {
    const info = processCpuMs(pid);
    if (info && (postmasters.has(pid) || postmasters.has(info.ppid))) total += info.cpuMs;
  }
  return total;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
}
