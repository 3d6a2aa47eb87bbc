import type { CloudTrailEventRecord, TrailState } from "../records/region-data";
import { cachedQuery, decodeToken, page, parseJsonBody, type HandlerResult, type RequestContext } from "./request-context";
import { SimError } from "./sim-error";

/** CloudTrail over JSON 1.1; timestamps go on the wire as epoch seconds. */

const DAY = 86_400_000;
const LOOKUP_KEYS = new Set(["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"]);

function toSeconds(ms: number): number {
  return ms / 1000;
}

/** The SDK sends Date members as epoch seconds; accept ISO strings too for hand-written clients. */
function parseTime(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string") {
    const asNumber = Number(value);
    if (!Number.isNaN(asNumber)) return asNumber * 1000;
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new SimError("InvalidTimeRangeException", 400, "Invalid time value.");
}

function trailFor(ctx: RequestContext): TrailState | null {
  if (ctx.serviceDisabled) return null;
  return ctx.state.store.get(ctx.principal.accountId, ctx.region)?.trail ?? null;
}

function describeTrail(trail: TrailState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: trail.isMultiRegion,
    HomeRegion: trail.homeRegion,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidation,
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: trail.isOrganizationTrail,
  };
  if (trail.cloudWatchLogsLogGroupArn) out.CloudWatchLogsLogGroupArn = trail.cloudWatchLogsLogGroupArn;
  if (trail.cloudWatchLogsRoleArn) out.CloudWatchLogsRoleArn = trail.cloudWatchLogsRoleArn;
  if (trail.kmsKeyId) out.KmsKeyId = trail.kmsKeyId;
  return out;
}

function lookupValue(event: CloudTrailEventRecord, key: string): string[] {
  switch (key) {
    case "EventId":
      return [event.eventId];
    case "EventName":
      return [event.eventName];
    case "ReadOnly":
      return [String(event.readOnly)];
    case "Username":
      return event.username ? [event.username] : [];
    case "ResourceType":
      return event.resources.map((r) => r.ResourceType);
    case "ResourceName":
      return event.resources.map((r) => r.ResourceName);
    case "EventSource":
      return [event.eventSource];
    case "AccessKeyId":
      return event.accessKeyId ? [event.accessKeyId] : [];
    default:
      return [];
  }
}

export async function handleCloudTrail(ctx: RequestContext): Promise<HandlerResult> {
  const body = parseJsonBody(ctx, "InvalidParameterException");
  switch (ctx.operation) {
    case "DescribeTrails": {
      const trail = trailFor(ctx);
      const names = Array.isArray(body.trailNameList) ? body.trailNameList.map(String) : null;
      const includeShadow = body.includeShadowTrails !== false;
      const trails =
        trail &&
        (includeShadow || trail.homeRegion === ctx.region) &&
        (!names || names.length === 0 || names.includes(trail.name) || names.includes(trail.arn))
          ? [describeTrail(trail)]
          : [];
      return { kind: "json", body: { trailList: trails } };
    }
    case "GetTrailStatus": {
      const name = typeof body.Name === "string" ? body.Name : "";
      if (!name)
        throw new SimError(
          "InvalidTrailNameException",
          400,
          "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).",
        );
      const trail = trailFor(ctx);
      if (!trail || (name !== trail.name && name !== trail.arn)) {
        throw new SimError("TrailNotFoundException", 400, `Unknown trail: ${name} for the user: ${ctx.principal.accountId}`);
      }
      const nowMs = ctx.state.clock.nowMs();
      const lastDelivery = trail.isLogging ? nowMs - 4 * 60_000 : (trail.stopLoggingMs ?? nowMs);
      const status: Record<string, unknown> = {
        IsLogging: trail.isLogging,
        LatestDeliveryTime: toSeconds(lastDelivery),
        LatestDigestDeliveryTime: toSeconds(lastDelivery - 30 * 60_000),
        StartLoggingTime: toSeconds(trail.startLoggingMs),
        TimeLoggingStarted: new Date(trail.startLoggingMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
        LatestDeliveryAttemptTime: new Date(lastDelivery).toISOString().replace(/\.\d{3}Z$/, "Z"),
        LatestDeliveryAttemptSucceeded: new Date(lastDelivery).toISOString().replace(/\.\d{3}Z$/, "Z"),
        LatestNotificationAttemptTime: "",
        LatestNotificationAttemptSucceeded: "",
        TimeLoggingStopped: trail.stopLoggingMs ? new Date(trail.stopLoggingMs).toISOString().replace(/\.\d{3}Z$/, "Z") : "",
      };
      if (trail.stopLoggingMs) status.StopLoggingTime = toSeconds(trail.stopLoggingMs);
      if (trail.cloudWatchLogsLogGroupArn) status.LatestCloudWatchLogsDeliveryTime = toSeconds(lastDelivery);
      return { kind: "json", body: status };
    }
    case "LookupEvents": {
      if (ctx.serviceDisabled) throw new SimError("OperationNotPermittedException", 400, "This operation is not permitted.");
      const attributes = Array.isArray(body.LookupAttributes) ? (body.LookupAttributes as Array<Record<string, unknown>>) : [];
      if (attributes.length > 1) throw new SimError("InvalidLookupAttributesException", 400, "You can only specify one lookup attribute.");
      const attribute = attributes[0];
      if (attribute && (!LOOKUP_KEYS.has(String(attribute.AttributeKey)) || typeof attribute.AttributeValue !== "string")) {
        throw new SimError("InvalidLookupAttributesException", 400, `Invalid lookup attribute ${String(attribute.AttributeKey)}.`);
      }
      if (body.EventCategory !== undefined && body.EventCategory !== "insight")
        throw new SimError("InvalidEventCategoryException", 400, "EventCategory must be insight.");
      const maxResults = body.MaxResults === undefined ? 50 : Number(body.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
        throw new SimError("InvalidMaxResultsException", 400, "MaxResults must be between 1 and 50.");
      const nowMs = ctx.state.clock.nowMs();
      const start = parseTime(body.StartTime) ?? -Infinity;
      const end = parseTime(body.EndTime) ?? Infinity;
      if (start > end) throw new SimError("InvalidTimeRangeException", 400, "Start time must be before end time.");
      const fingerprint = JSON.stringify([attributes, body.StartTime ?? null, body.EndTime ?? null, body.EventCategory ?? null]);
      const offset = decodeToken(body.NextToken, fingerprint, () => new SimError("InvalidNextTokenException", 400, "Invalid NextToken."));
      const data = ctx.state.store.get(ctx.principal.accountId, ctx.region);
      // Event history only reaches back 90 days, and there are no insight events in the simulator.
      const horizon = nowMs - 90 * DAY;
      const events =
        body.EventCategory === "insight" || !data
          ? []
          : cachedQuery(ctx, fingerprint, () =>
              data.events
                .filter(
                  (e) =>
                    (e.loaded === true || (e.eventTimeMs >= horizon && e.eventTimeMs <= nowMs)) &&
                    e.eventTimeMs >= start &&
                    e.eventTimeMs <= end,
                )
                .filter((e) => !attribute || lookupValue(e, String(attribute.AttributeKey)).includes(String(attribute.AttributeValue)))
                .sort((a, b) => b.eventTimeMs - a.eventTimeMs || (a.eventId < b.eventId ? -1 : 1)),
            );
      const { items, nextToken } = page(events, offset, maxResults, fingerprint);
      const wire = items.map((e) => {
        const out: Record<string, unknown> = {
          EventId: e.eventId,
          EventName: e.eventName,
          ReadOnly: String(e.readOnly),
          EventTime: toSeconds(e.eventTimeMs),
          EventSource: e.eventSource,
          Resources: e.resources,
          CloudTrailEvent: JSON.stringify(e.record),
        };
        if (e.accessKeyId) out.AccessKeyId = e.accessKeyId;
        if (e.username) out.Username = e.username;
        return out;
      });
      return { kind: "json", body: nextToken ? { Events: wire, NextToken: nextToken } : { Events: wire } };
    }
    default:
      throw new SimError("UnknownOperationException", 400, `The simulator does not implement ${ctx.operation}.`);
  }
}
