import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * STYLE rule 11 as a test (the project has no linter): only lib/env.ts reads process.env,
 * so every setting is validated in one place and a wrong value fails at boot.
 */
const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["app", "lib", "workers", "cli", "sim", "bench"];
const ALLOWED = new Set(["lib/env.ts"]);

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = path.join(dir, entry);
    if (entry === "generated" || entry === "node_modules") return [];
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [relative] : [];
  });
}

describe("configuration", () => {
  test("only lib/env.ts reads process.env", () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => !ALLOWED.has(file) && /process\.env\b/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
