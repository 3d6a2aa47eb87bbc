import { z } from "zod";

import { type AccountScore, DOMAINS, type Domain } from "./types";

const ZStatus = z.enum(["pass", "fail", "partial", "not_applicable", "no_data"]);
const ZAcceptanceRef = z.object({ reason: z.string(), owner: z.string(), expiresAt: z.coerce.date() });
const ZCounts = { passing: z.number().int().nonnegative().optional(), total: z.number().int().nonnegative().optional() };

const ZItemResult = z.object({
  itemId: z.string(),
  domain: z.enum(DOMAINS as [Domain, ...Domain[]]),
  severity: z.enum(["critical", "high", "medium", "low"]),
  weight: z.number().nonnegative(),
  status: ZStatus,
  ...ZCounts,
  reason: z.string(),
  missingSources: z.array(z.string()).optional(),
  evidence: z.array(
    z.object({
      kind: z.enum(["control", "finding", "event", "trail", "detector", "hub", "source", "acceptance"]),
      id: z.string(),
      note: z.string().optional(),
    }),
  ),
  accepted: ZAcceptanceRef.optional(),
  acceptedFindings: z.array(ZAcceptanceRef.extend({ findingId: z.string() })).optional(),
  riskAdjusted: z.object({ status: ZStatus, ...ZCounts }),
});

const ZScoreFigures = {
  score: z.number().nullable(),
  riskAdjustedScore: z.number().nullable(),
  coverage: z.number().nullable(),
  weightApplicable: z.number(),
  weightWithData: z.number(),
  earnedWeight: z.number(),
  riskAdjustedEarnedWeight: z.number(),
};

const ZAccountScore = z.object({
  accountId: z.string(),
  ...ZScoreFigures,
  domains: z.record(z.enum(DOMAINS as [Domain, ...Domain[]]), z.object(ZScoreFigures)),
  items: z.array(ZItemResult),
  checklistVersion: z.string(),
  evaluatedAt: z.coerce.date(),
  evidenceAsOf: z.coerce.date().nullish(),
  sources: z
    .array(
      z.object({
        source: z.enum(["guardduty", "securityhub", "cloudtrail"]),
        region: z.string(),
        state: z.enum(["ok", "disabled", "error", "not_collected", "stale"]),
        origin: z.enum(["collected", "imported"]),
        asOf: z.coerce.date().nullable(),
      }),
    )
    .optional(),
});

/**
 * A stored score snapshot (JSON from the database) back into an AccountScore, with dates
 * revived. Snapshots outlive the code that wrote them, so they are validated rather than
 * cast; throws a ZodError on a malformed snapshot.
 */
export function parseAccountScore(json: unknown): AccountScore {
  // exactOptionalPropertyTypes is off, so zod's `T | undefined` optionals fit the interfaces.
  return ZAccountScore.parse(json) as AccountScore;
}
