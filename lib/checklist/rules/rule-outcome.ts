import type { RiskAcceptance } from "../evidence";
import type { AcceptanceRef, AdjustedStatus, EvidenceRef, ItemStatus } from "../types";

/** What a rule evaluator returns; evaluate-item.ts adds item metadata and item-level acceptance. */
export interface RuleOutcome {
  status: ItemStatus;
  passing?: number;
  total?: number;
  reason: string;
  evidence: EvidenceRef[];
  missingSources?: string[];
  /** Set when accepted findings change the picture; otherwise the raw status is the adjusted one. */
  riskAdjusted?: AdjustedStatus;
  acceptedFindings?: Array<AcceptanceRef & { findingId: string }>;
}

export interface RuleContext {
  /** Active (unexpired) acceptances of single findings/events for this item, by finding/event id. */
  acceptedFindings: Map<string, RiskAcceptance>;
}

/** Evidence lists are capped so a snapshot stays small; the console can list the rest by control id. */
export const MAX_EVIDENCE_RECORDS = 200;
