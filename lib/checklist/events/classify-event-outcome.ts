import type { SecurityEvent } from "../evidence";

export type EventOutcome = "success" | "failure" | "denied";

/**
 * What happened, as CloudTrail records it (user guide, "CloudTrail record contents"): a call
 * that AWS refused carries `errorCode` (and usually `errorMessage`); a console sign-in that
 * failed carries only `errorMessage` ("Failed authentication") and `responseElements.ConsoleLogin
 * = "Failure"`. Neither is the act: a denied StopLogging left the trail logging, a failed
 * sign-in signed nobody in. Denials (authorisation refused) are told apart from other failures
 * because a denied attempt at tampering is worth showing as a signal.
 */
export function classifyEventOutcome(event: Pick<SecurityEvent, "errorCode" | "errorMessage" | "loginResult">): EventOutcome {
  const code = event.errorCode ?? null;
  if (code !== null && code !== "") return DENIAL.test(code) ? "denied" : "failure";
  if (event.loginResult !== undefined && event.loginResult !== null && event.loginResult !== "Success") return "failure";
  if (event.errorMessage !== undefined && event.errorMessage !== null && event.errorMessage !== "") return "failure";
  return "success";
}

/** AccessDenied, AccessDeniedException, Client.UnauthorizedOperation, UnauthorizedOperation, ... */
const DENIAL = /AccessDenied|Unauthorized|Forbidden/i;
