/**
 * Regenerates CHECKLIST.md from the checklist data:
 *   npx tsx lib/checklist/write-checklist-doc.ts
 * The only file in lib/checklist that does I/O.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import { renderChecklistMarkdown } from "./render-checklist-markdown";
import { UNMEASURABLE_DUTIES } from "./unmeasurable-duties";

const target = path.resolve(__dirname, "../../CHECKLIST.md");
writeFileSync(target, renderChecklistMarkdown({ version: CHECKLIST_VERSION, items: CHECKLIST_ITEMS, unmeasurable: UNMEASURABLE_DUTIES }));
console.log(`wrote ${target}`);
