import type { SecurityEvent, TrailInfo } from "../evidence";
import type { RiskyEventPattern } from "../types";

/** Calls that switch a detection or recording service off in this account, whatever their parameters. */
const ALWAYS_DISABLING: Record<string, readonly string[]> = {
  "guardduty.amazonaws.com": [
    "DeleteDetector",
    "DisassociateFromMasterAccount",
    "DisassociateFromAdministratorAccount",
    "DisassociateMembers",
    "DeleteMembers",
    "StopMonitoringMembers",
  ],
  "securityhub.amazonaws.com": [
    "DisableSecurityHub",
    "BatchDisableStandards",
    "DisassociateFromMasterAccount",
    "DisassociateFromAdministratorAccount",
    "DisassociateMembers",
    "DeleteMembers",
  ],
  "config.amazonaws.com": ["StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel"],
  "access-analyzer.amazonaws.com": ["DeleteAnalyzer"],
};

/**
 * The event sources whose calls matchesRiskyEvent can judge as logging tampering or
 * detection disabling: any event of another source matches neither pattern. Lets a query
 * read only the candidates (find-account-attempt-signals); a property test in
 * event-patterns.test.ts holds it to the matcher.
 */
export const TAMPERING_EVENT_SOURCES: readonly string[] = [
  "cloudtrail.amazonaws.com",
  "kms.amazonaws.com",
  ...Object.keys(ALWAYS_DISABLING).filter((source) => source !== "cloudtrail.amazonaws.com" && source !== "kms.amazonaws.com"),
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Root use by the CIS definition (CIS AWS Foundations 1.7 / the CloudWatch.1 metric filter):
 * `userIdentity.type = "Root"`, no `userIdentity.invokedBy` (an AWS service acting with root's
 * identity, e.g. support or Trusted Advisor), and `eventType` other than `AwsServiceEvent`.
 */
export function isRootUse(event: Pick<SecurityEvent, "userType" | "invokedBy" | "eventType">): boolean {
  if (event.userType !== "Root") return false;
  if (event.invokedBy !== undefined && event.invokedBy !== null && event.invokedBy !== "") return false;
  return event.eventType !== "AwsServiceEvent";
}

/**
 * Whether a PutEventSelectors request leaves the trail without write management events.
 * Basic selectors record management events unless `includeManagementEvents` is false, and
 * only the `readWriteType` they name (All by default). Advanced selectors record management
 * events only through a selector whose `eventCategory` equals "Management" and that does not
 * restrict `readOnly` to "true". A request with neither list changes nothing we can judge.
 */
export function stopsManagementEvents(requestParameters: unknown): boolean {
  if (!isObject(requestParameters)) return false;
  const basic = requestParameters.eventSelectors;
  const advanced = requestParameters.advancedEventSelectors;
  if (Array.isArray(advanced) && advanced.length > 0) {
    return !advanced.some((selector) => {
      const fields = list(isObject(selector) ? selector.fieldSelectors : undefined).filter(isObject);
      const category = fields.find((field) => field.field === "eventCategory");
      if (!category || !list(category.equals).includes("Management")) return false;
      const readOnly = fields.find((field) => field.field === "readOnly");
      return !(readOnly && list(readOnly.equals).length === 1 && list(readOnly.equals)[0] === "true");
    });
  }
  if (Array.isArray(basic)) {
    return !basic.some(
      (selector) =>
        isObject(selector) &&
        selector.includeManagementEvents !== false &&
        (selector.readWriteType === undefined || selector.readWriteType === "All" || selector.readWriteType === "WriteOnly"),
    );
  }
  return false;
}

/**
 * Whether an UpdateTrail request weakens what the trail records or where it delivers: drops
 * other Regions or global service events, turns validation off, removes KMS encryption or
 * CloudWatch Logs delivery (an empty string clears a setting), or sends the logs to another
 * bucket. Renames and additions (a new log group, a KMS key where there was none) are not.
 */
export function weakensTrail(requestParameters: unknown): boolean {
  if (!isObject(requestParameters)) return false;
  return (
    requestParameters.isMultiRegionTrail === false ||
    requestParameters.includeGlobalServiceEvents === false ||
    requestParameters.enableLogFileValidation === false ||
    requestParameters.kmsKeyId === "" ||
    requestParameters.cloudWatchLogsLogGroupArn === "" ||
    (typeof requestParameters.s3BucketName === "string" && requestParameters.s3BucketName !== "")
  );
}

/** A KMS key reference (id, alias-free ARN) matching a trail's key: disabling it stops delivery. */
function isTrailKey(keyId: unknown, trails: readonly TrailInfo[]): boolean {
  if (typeof keyId !== "string" || keyId === "") return false;
  const bare = keyId.split("/").pop();
  return trails.some(
    (trail) => trail.kmsKeyId !== null && trail.kmsKeyId !== "" && (trail.kmsKeyId === keyId || trail.kmsKeyId.split("/").pop() === bare),
  );
}

/**
 * Whether an event is the risky act of a pattern, judged on its name and parameters only
 * (the outcome, success or not, is judged separately by classifyEventOutcome).
 */
export function matchesRiskyEvent(pattern: RiskyEventPattern, event: SecurityEvent, trails: readonly TrailInfo[] = []): boolean {
  const parameters = event.requestParameters;
  switch (pattern) {
    case "root_use":
      return isRootUse(event);
    case "console_login_without_mfa":
      // Federated (AssumedRole / Identity Center) sign-ins report MFAUsed=No even when the
      // identity provider enforced MFA, so only IAM users and root are judged.
      return event.eventName === "ConsoleLogin" && event.mfaUsed === false && (event.userType === "IAMUser" || event.userType === "Root");
    case "logging_tampering":
      if (event.eventSource === "cloudtrail.amazonaws.com") {
        switch (event.eventName) {
          case "StopLogging":
          case "DeleteTrail":
          case "DeleteEventDataStore":
          case "StopEventDataStoreIngestion":
            return true;
          case "UpdateTrail":
            return weakensTrail(parameters);
          case "PutEventSelectors":
            return stopsManagementEvents(parameters);
          default:
            return false;
        }
      }
      if (event.eventSource === "kms.amazonaws.com" && (event.eventName === "DisableKey" || event.eventName === "ScheduleKeyDeletion")) {
        return isObject(parameters) && isTrailKey(parameters.keyId, trails);
      }
      return false;
    case "detection_disabled": {
      if (ALWAYS_DISABLING[event.eventSource]?.includes(event.eventName)) return true;
      if (!isObject(parameters)) return false;
      if (event.eventSource === "guardduty.amazonaws.com" && event.eventName === "UpdateDetector") {
        return (
          parameters.enable === false || list(parameters.features).some((feature) => isObject(feature) && feature.status === "DISABLED")
        );
      }
      if (event.eventSource === "securityhub.amazonaws.com" && event.eventName === "UpdateStandardsControl") {
        return parameters.controlStatus === "DISABLED";
      }
      if (event.eventSource === "securityhub.amazonaws.com" && event.eventName === "BatchUpdateStandardsControlAssociations") {
        return list(parameters.standardsControlAssociationUpdates).some(
          (update) => isObject(update) && update.associationStatus === "DISABLED",
        );
      }
      return false;
    }
  }
}
