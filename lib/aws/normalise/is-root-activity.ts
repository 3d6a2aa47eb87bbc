import { pickField } from "./pick-field";
import type { NormalisedEvent } from "./types";

/**
 * Whether an event is the root user acting, by the CIS 1.1 / 4.3 definition:
 * `userIdentity.type = "Root"`, no `userIdentity.invokedBy` (an AWS service acting with
 * root's identity, e.g. Trusted Advisor) and `eventType` other than "AwsServiceEvent".
 * Without those two exclusions every account would show root activity it did not have.
 */
export function isRootActivity(event: Pick<NormalisedEvent, "userType" | "raw">): boolean {
  if (event.userType !== "Root") return false;
  const identity = pickField(event.raw, "userIdentity");
  if (pickField(identity, "invokedBy") !== undefined) return false;
  return pickField(event.raw, "eventType") !== "AwsServiceEvent";
}
