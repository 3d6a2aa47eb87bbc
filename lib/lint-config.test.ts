import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

/**
 * The layer rules of eslint.config.mjs, checked by linting deliberate violations (as text, at
 * the paths where they would live): each must be reported, and the allowed neighbours must not.
 */
const ROOT = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: ROOT });

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const violations: Array<[string, string, string, string]> = [
  ["process.env outside lib/env.ts", "lib/aws/example.ts", "export const region = process.env.AWS_REGION;\n", "no-restricted-properties"],
  [
    "process.env in a console page",
    "app/(console)/example/page.tsx",
    "export const secret = process.env.NEXTAUTH_SECRET;\n",
    "no-restricted-properties",
  ],
  [
    "lib importing app",
    "lib/data/example.ts",
    'import { x } from "@/app/(console)/_components/format";\nexport const y = x;\n',
    "no-restricted-imports",
  ],
  [
    "lib importing workers",
    "lib/jobs/example.ts",
    'import { TASKS } from "@/workers/registry";\nexport const y = TASKS;\n',
    "no-restricted-imports",
  ],
  [
    "lib importing workers by a relative path",
    "lib/jobs/example.ts",
    'import { TASKS } from "../../workers/registry";\nexport const y = TASKS;\n',
    "no-restricted-imports",
  ],
  ["lib importing cli", "lib/data/example.ts", 'import { main } from "@/cli/main";\nexport const y = main;\n', "no-restricted-imports"],
  [
    "a collector importing ingest",
    "lib/aws/collectors/example.ts",
    'import { upsertFindings } from "@/lib/ingest/upsert-findings";\nexport const y = upsertFindings;\n',
    "no-restricted-imports",
  ],
  [
    "a collector importing data",
    "lib/aws/collectors/example.ts",
    'import { findFindings } from "@/lib/data/findings/find-findings";\nexport const y = findFindings;\n',
    "no-restricted-imports",
  ],
  [
    "the checklist importing the database",
    "lib/checklist/example.ts",
    'import { getDb } from "@/lib/db";\nexport const y = getDb;\n',
    "no-restricted-imports",
  ],
  ["the checklist importing pg", "lib/checklist/example.ts", 'import pg from "pg";\nexport const y = pg;\n', "no-restricted-imports"],
  [
    "the checklist importing the AWS SDK",
    "lib/checklist/example.ts",
    'import { STSClient } from "@aws-sdk/client-sts";\nexport const y = STSClient;\n',
    "no-restricted-imports",
  ],
  [
    "the checklist importing a collector",
    "lib/checklist/example.ts",
    'import { x } from "@/lib/aws/collectors/guardduty";\nexport const y = x;\n',
    "no-restricted-imports",
  ],
  [
    "a console page importing the simulator",
    "app/(console)/example/page.tsx",
    'import { startSimulator } from "@/sim/server";\nexport const y = startSimulator;\n',
    "no-restricted-imports",
  ],
  [
    "a worker task importing the simulator",
    "workers/tasks/example.ts",
    'import { startSimulator } from "@/sim/server";\nexport const y = startSimulator;\n',
    "no-restricted-imports",
  ],
  [
    "a CLI command other than demo/sim importing the simulator",
    "cli/commands/collect.ts",
    'import { startSimulator } from "@/sim/server";\nexport const y = startSimulator;\n',
    "no-restricted-imports",
  ],
];

const allowed: Array<[string, string, string]> = [
  ["lib/env.ts reading process.env", "lib/env.ts", "export const raw = process.env;\n"],
  [
    "the checklist importing normalised record types",
    "lib/checklist/example.ts",
    'import type { X } from "@/lib/aws/normalise/example";\nexport type Y = X;\n',
  ],
  [
    "the demo command starting the simulator",
    "cli/commands/demo.ts",
    'import { startSimulator } from "@/sim/server";\nexport const y = startSimulator;\n',
  ],
  [
    "an integration test starting the simulator",
    "tests/example.int.test.ts",
    'import { startSimulator } from "@/sim/server";\nexport const y = startSimulator;\n',
  ],
  ["a data function importing ingest helpers", "lib/data/example.ts", 'import { x } from "@/lib/ingest/example";\nexport const y = x;\n'],
];

describe("eslint layer rules", () => {
  test.each(violations)("reports %s", async (_name, filePath, code, rule) => {
    expect(await rulesBroken(filePath, code)).toContain(rule);
  });

  test.each(allowed)("allows %s", async (_name, filePath, code) => {
    expect(await rulesBroken(filePath, code)).toEqual([]);
  });
});
