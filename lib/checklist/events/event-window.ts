/**
 * Days of CloudTrail history the score reads (lib/data/checklist/load-account-evidence.ts):
 * every events rule and the attempt signals look at most this far back. Event retention
 * (PARAPET_CLOUDTRAIL_RETENTION_DAYS) may never be shorter, or a drop would silently turn
 * "no root use in 30 days" into a claim made on missing evidence.
 */
export const EVENT_EVIDENCE_WINDOW_DAYS = 90;
