import type { z } from "zod";

/**
 * One line naming the first field that failed, e.g. `missing AccountId` or
 * `Severity: expected a number from 0 to 10`. The first issue is enough to find the fault in
 * a record; listing all of them would bury it.
 */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid record";
  const field = issue.path
    .map((step) => (typeof step === "number" ? `[${step}]` : String(step)))
    .join(".")
    .replace(/\.\[/g, "[");
  const isMissing = issue.message === "missing" || /received undefined$/.test(issue.message);
  if (isMissing) return field ? `missing ${field}` : "missing record";
  return field ? `${field}: ${issue.message}` : issue.message;
}
