import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import { renderChecklistMarkdown } from "./render-checklist-markdown";
import { UNMEASURABLE_DUTIES } from "./unmeasurable-duties";

const render = () => renderChecklistMarkdown({ version: CHECKLIST_VERSION, items: CHECKLIST_ITEMS, unmeasurable: UNMEASURABLE_DUTIES });

describe("renderChecklistMarkdown", () => {
  test("CHECKLIST.md in the repo is the rendered checklist (run write-checklist-doc.ts after changing items)", () => {
    const committed = readFileSync(path.resolve(__dirname, "../../CHECKLIST.md"), "utf8");
    expect(committed).toBe(render());
  });

  test("lists every item and every unmeasurable duty", () => {
    const markdown = render();
    for (const item of CHECKLIST_ITEMS) expect(markdown).toContain(`### ${item.id} `);
    for (const duty of UNMEASURABLE_DUTIES) expect(markdown).toContain(`| ${duty.id} |`);
  });

  test("escapes pipes in table cells", () => {
    const [first] = CHECKLIST_ITEMS;
    const markdown = renderChecklistMarkdown({ version: "x", items: [{ ...first!, title: "a | b" }], unmeasurable: [] });
    expect(markdown).toContain("a \\| b");
  });
});

describe("UNMEASURABLE_DUTIES", () => {
  test("ids are unique, cite a seed, give a reason and point at real items", () => {
    const ids = new Set(CHECKLIST_ITEMS.map((item) => item.id));
    expect(new Set(UNMEASURABLE_DUTIES.map((duty) => duty.id)).size).toBe(UNMEASURABLE_DUTIES.length);
    for (const duty of UNMEASURABLE_DUTIES) {
      expect(duty.seeds.length, duty.id).toBeGreaterThan(0);
      for (const seed of duty.seeds) expect(seed).toMatch(/^seeds\/00[0-4]/);
      expect(duty.reason.length).toBeGreaterThan(40);
      for (const itemId of duty.partlyCoveredBy) expect(ids.has(itemId), `${duty.id} -> ${itemId}`).toBe(true);
    }
  });
});
