import { readdirSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { CIS_1_2_0, CIS_1_4_0, CIS_3_0_0, PCI_DSS_3_2_1 } from "@/lib/aws/normalise/legacy-control-tables";
import { DOMAINS } from "../types";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./index";

const DOMAIN_PREFIX = {
  identity_access: "IAM",
  data_protection: "DATA",
  network: "NET",
  logging_monitoring: "LOG",
  os_patching: "OS",
  application_security: "APP",
  backup_resilience: "BAK",
  compliance_governance: "GOV",
} as const;

/** The seed articles live beside the project (../shared/seeds); absent on most machines. */
const SEEDS_DIR = path.resolve(__dirname, "../../../../shared/seeds");
const seedFiles = (() => {
  try {
    return readdirSync(SEEDS_DIR);
  } catch {
    return null;
  }
})();

describe("CHECKLIST_ITEMS", () => {
  test("has a version and between 35 and 70 items covering all eight domains", () => {
    expect(CHECKLIST_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(CHECKLIST_ITEMS.length).toBeGreaterThanOrEqual(35);
    expect(CHECKLIST_ITEMS.length).toBeLessThanOrEqual(70);
    for (const domain of DOMAINS) expect(CHECKLIST_ITEMS.some((item) => item.domain === domain)).toBe(true);
  });

  test("ids are unique and prefixed by their domain", () => {
    const ids = CHECKLIST_ITEMS.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of CHECKLIST_ITEMS) expect(item.id).toMatch(new RegExp(`^${DOMAIN_PREFIX[item.domain]}-\\d{2}$`));
  });

  test("a control decides at most one item, so a finding never counts twice", () => {
    const owner = new Map<string, string>();
    for (const item of CHECKLIST_ITEMS) {
      for (const controlId of item.controlIds) {
        expect(owner.get(controlId), `${controlId} in ${item.id} and ${owner.get(controlId)}`).toBeUndefined();
        owner.set(controlId, item.id);
      }
    }
  });

  test("control-based items name controls; every item has why, remediation and a seed citation", () => {
    for (const item of CHECKLIST_ITEMS) {
      if (item.evidence.kind === "controls") expect(item.controlIds.length, item.id).toBeGreaterThan(0);
      expect(item.whyCustomer, item.id).toMatch(/seeds\/00[0-4]/i);
      expect(item.remediation.length, item.id).toBeGreaterThan(20);
      if (item.appliesWhen.kind === "uses_service") expect(item.appliesWhen.services.length).toBeGreaterThan(0);
    }
  });

  test.runIf(seedFiles !== null)("cited seeds exist", () => {
    for (const item of CHECKLIST_ITEMS) {
      for (const [, number] of item.whyCustomer.matchAll(/seeds\/(\d{3})/gi)) {
        expect(
          seedFiles!.some((file) => file.startsWith(`${number}_`)),
          `${item.id} cites seeds/${number}`,
        ).toBe(true);
      }
    }
  });

  test("legacy ids and CIS v3.0.0 ids point at one of the item's own controls", () => {
    for (const item of CHECKLIST_ITEMS) {
      const own = new Set(item.controlIds);
      for (const legacy of item.legacyControlIds) {
        const cis = /^CIS (1\.2\.0|1\.4\.0) (.+)$/.exec(legacy);
        const mapped = legacy.startsWith("PCI.")
          ? PCI_DSS_3_2_1[legacy]
          : cis
            ? (cis[1] === "1.2.0" ? CIS_1_2_0 : CIS_1_4_0)[cis[2]!]
            : undefined;
        expect(mapped, `${item.id}: ${legacy}`).toBeDefined();
        expect(own.has(mapped!), `${item.id}: ${legacy} -> ${mapped}`).toBe(true);
      }
      for (const cisId of item.cisIds) {
        const mapped = CIS_3_0_0[cisId];
        // 4.16 (Security Hub enabled) has no control: LOG-08 judges it from the hubs directly.
        if (mapped === undefined) {
          expect(item.evidence.kind, `${item.id}: CIS ${cisId}`).not.toBe("controls");
          continue;
        }
        expect(own.has(mapped), `${item.id}: CIS ${cisId} -> ${mapped}`).toBe(true);
      }
    }
  });
});
