import { z } from "zod";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { EVIDENCE_KINDS, ITEM_STATUSES, type ItemResult, SEVERITIES, SEVERITY_WEIGHT } from "@/lib/checklist/types";

/** A checklist_results row as the data functions select it. */
export interface StoredItemRow {
  item_id: string;
  domain: string;
  status: string;
  passing: number | null;
  total: number | null;
  reason: string;
  evidence: unknown;
}

const ZStatus = z.enum(ITEM_STATUSES);
const ZStoredEvidence = z.object({
  refs: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), id: z.string(), note: z.string().optional() })).default([]),
  missingSources: z.array(z.string()).default([]),
  accepted: z.object({ reason: z.string(), owner: z.string(), expiresAt: z.coerce.date() }).nullable().default(null),
  riskAdjusted: z.object({ status: ZStatus, passing: z.number().optional(), total: z.number().optional() }).optional(),
  weight: z.number().optional(),
  severity: z.enum(SEVERITIES).optional(),
});

/**
 * A stored checklist_results row back into an ItemResult (the shape save-account-score.ts
 * writes: evidence JSON `{refs, missingSources, accepted, riskAdjusted, weight, severity}`).
 * Rows outlive the code that wrote them, so the JSON is validated; weight and severity fall
 * back to the current checklist. Accepted findings are not stored per row: the risk-adjusted
 * status already counts them, and the acceptances themselves are read from risk_acceptances.
 */
export function parseStoredItemResult(row: StoredItemRow): ItemResult {
  const stored = ZStoredEvidence.parse(row.evidence ?? {});
  const definition = CHECKLIST_ITEMS.find((item) => item.id === row.item_id);
  const severity = stored.severity ?? definition?.severity ?? "low";
  const status = ZStatus.parse(row.status);
  const result: ItemResult = {
    itemId: row.item_id,
    domain: row.domain as ItemResult["domain"],
    severity,
    weight: stored.weight ?? SEVERITY_WEIGHT[severity],
    status,
    reason: row.reason,
    evidence: stored.refs,
    riskAdjusted: stored.riskAdjusted ?? { status },
  };
  if (row.passing !== null) result.passing = row.passing;
  if (row.total !== null) result.total = row.total;
  if (stored.missingSources.length > 0) result.missingSources = stored.missingSources;
  if (stored.accepted) result.accepted = stored.accepted;
  return result;
}
