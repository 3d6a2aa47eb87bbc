import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { mapLegacyControlId } from "./map-legacy-control-id";

// Real ASFF control findings collected in the shared AWS reference folder (read-only, optional).
const SAMPLES = path.resolve(__dirname, "../../../../shared/aws/samples/securityhub");

interface Asff {
  ProductArn?: string;
  GeneratorId?: string;
  Title?: string;
  ProductFields?: Record<string, string>;
  Compliance?: { SecurityControlId?: string };
}

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listJson(full) : name.endsWith(".json") ? [full] : [];
  });
}

function findingsIn(file: string): Asff[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  const record = parsed as { Findings?: unknown; detail?: { findings?: unknown } };
  const list = Array.isArray(parsed)
    ? parsed
    : Array.isArray(record.Findings)
      ? record.Findings
      : Array.isArray(record.detail?.findings)
        ? record.detail.findings
        : [parsed];
  return list.filter((item): item is Asff => typeof item === "object" && item !== null);
}

const legacy = existsSync(SAMPLES)
  ? listJson(SAMPLES)
      .flatMap(findingsIn)
      .filter((finding) => finding.ProductFields?.ControlId || finding.ProductFields?.RuleId)
  : [];

const toInput = (finding: Asff) => ({
  controlId: finding.ProductFields?.ControlId ?? null,
  ruleId: finding.ProductFields?.RuleId ?? null,
  standardsArn: finding.ProductFields?.StandardsArn ?? finding.ProductFields?.StandardsGuideArn ?? null,
  generatorId: finding.GeneratorId ?? null,
});

describe.runIf(legacy.length > 0)("mapLegacyControlId over the shared ASFF samples", () => {
  test("agrees with Compliance.SecurityControlId wherever a sample carries both forms", () => {
    const both = legacy.filter((finding) => finding.Compliance?.SecurityControlId);
    expect(both.length).toBeGreaterThan(0);
    for (const finding of both) expect(mapLegacyControlId(toInput(finding)), finding.Title).toBe(finding.Compliance!.SecurityControlId);
  });

  test("maps every legacy Security Hub control finding in the samples", () => {
    for (const finding of legacy) expect(mapLegacyControlId(toInput(finding)), finding.Title).not.toBeNull();
  });
});
