/**
 * Severity bands, in one place so GuardDuty, Security Hub and the UI agree.
 * Sources (see /shared/aws/API_FACTS.md): GuardDuty CreateFilter doc "Low 1-3, Medium 4-6,
 * High 7-8, Critical 9-10" by integer part, user guide Low 1.0-3.9 / Medium 4.0-6.9 /
 * High 7.0-8.9 / Critical 9.0-10.0; ASFF Severity doc: 0 INFORMATIONAL, 1-39 LOW, 40-69
 * MEDIUM, 70-89 HIGH, 90-100 CRITICAL.
 */
import type { SeverityLabel } from "./types";

/**
 * Label for a GuardDuty 0-10 severity. The documented bands leave gaps (3.9 .. 4.0); we close
 * them by making every band half-open at its upper end, which is what GuardDuty's own filter
 * does when it groups on the integer part: 3.95 is LOW, 6.99 MEDIUM, 8.95 HIGH, 9.0 CRITICAL.
 * Anything above 0 and below 1 is LOW (the 2022 guide gives 0.1 as the lowest value);
 * exactly 0 is INFORMATIONAL (GuardDuty's "Info" risk level).
 */
export function labelGuardDutySeverity(severity: number): SeverityLabel {
  if (severity >= 9) return "CRITICAL";
  if (severity >= 7) return "HIGH";
  if (severity >= 4) return "MEDIUM";
  if (severity > 0) return "LOW";
  return "INFORMATIONAL";
}

/** GuardDuty 0-10 onto Parapet's 0-100 scale, rounded to one decimal (5.55 -> 55.5). */
export function scaleGuardDutySeverity(severity: number): number {
  return Math.round(severity * 100) / 10;
}

/**
 * Label for a 0-100 score by the ASFF bands. Non-integers fall in the band whose lower bound
 * they have reached (39.5 is LOW, 89.99 HIGH); anything above 0 is at least LOW.
 */
export function labelNormalisedSeverity(score: number): SeverityLabel {
  if (score >= 90) return "CRITICAL";
  if (score >= 70) return "HIGH";
  if (score >= 40) return "MEDIUM";
  if (score > 0) return "LOW";
  return "INFORMATIONAL";
}

/**
 * Score for a finding that only carries a Label. Uses the values Security Hub itself fills
 * Severity.Normalized with when a provider sends only a Label (botocore Severity doc), so a
 * finding scores the same whether it came through GetFindings or from a file.
 */
export function scoreSeverityLabel(label: SeverityLabel): number {
  switch (label) {
    case "CRITICAL":
      return 90;
    case "HIGH":
      return 70;
    case "MEDIUM":
      return 40;
    case "LOW":
      return 1;
    case "INFORMATIONAL":
      return 0;
  }
}
