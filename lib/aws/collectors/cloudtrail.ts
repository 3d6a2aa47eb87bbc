import "server-only";
import { type CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import type { EventsPage } from "@/lib/aws/collectors/types";
import { normalisePage } from "@/lib/aws/collectors/types";
import { classifySecurityEvent } from "@/lib/aws/normalise/classify-security-event";
import { normaliseCloudTrailEvent } from "@/lib/aws/normalise/normalise-cloudtrail-event";
import { SECURITY_EVENT_NAMES } from "@/lib/aws/normalise/security-events";
import type { TrailInfo } from "@/lib/aws/normalise/types";

const PAGE_SIZE = 50;

export interface TrailRecord extends TrailInfo {
  trailArn: string;
  raw: unknown;
}

/** Trails visible in this region (shadow copies of multi-region trails included) with their logging status. */
export async function describeTrails(client: CloudTrailClient, region: string): Promise<TrailRecord[]> {
  const output = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  const trails: TrailRecord[] = [];
  for (const trail of output.trailList ?? []) {
    if (!trail.TrailARN || !trail.Name) continue;
    const homeRegion = trail.HomeRegion ?? region;
    let isLogging: boolean;
    let status: unknown;
    try {
      const result = await client.send(new GetTrailStatusCommand({ Name: trail.TrailARN }));
      isLogging = result.IsLogging === true;
      const { $metadata: _metadata, ...rest } = result;
      status = rest;
    } catch (error) {
      // A shadow trail's status is answered in its home region; its own region's pass records it.
      if (homeRegion === region) throw error;
      continue;
    }
    trails.push({
      trailArn: trail.TrailARN,
      name: trail.Name,
      homeRegion,
      isMultiRegion: trail.IsMultiRegionTrail === true,
      isLogging,
      logFileValidation: trail.LogFileValidationEnabled === true,
      kmsKeyId: trail.KmsKeyId ?? null,
      cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn ?? null,
      raw: { trail, status },
    });
  }
  return trails;
}

/** The lookups that cover the security event list: one per event source, plus all root activity. */
export function securityEventLookups(): Array<{ AttributeKey: "EventSource" | "Username"; AttributeValue: string }> {
  const sources = [...new Set(SECURITY_EVENT_NAMES.map((entry) => entry.eventSource))].sort();
  return [
    ...sources.map((source) => ({ AttributeKey: "EventSource" as const, AttributeValue: source })),
    { AttributeKey: "Username" as const, AttributeValue: "root" },
  ];
}

/**
 * Security-relevant management events in [since, until). LookupEvents takes one attribute
 * per call and allows 2 calls/s per account and region, so Parapet looks up by event
 * source (a dozen calls) and keeps the listed names, rather than one call per event name.
 */
export async function* fetchSecurityEvents(client: CloudTrailClient, since: Date, until: Date): AsyncGenerator<EventsPage> {
  for (const attribute of securityEventLookups()) {
    const pages = paginateLookupEvents(
      { client, pageSize: PAGE_SIZE },
      { LookupAttributes: [attribute], StartTime: since, EndTime: until, MaxResults: PAGE_SIZE },
    );
    for await (const page of pages) {
      const records = page.Events ?? [];
      const { values, problems } = normalisePage(records, normaliseCloudTrailEvent, `cloudtrail:LookupEvents ${attribute.AttributeValue}`);
      const events = values.filter(
        (event) => attribute.AttributeKey === "Username" || event.userType === "Root" || classifySecurityEvent(event) !== null,
      );
      yield { fetched: records.length, events, problems };
    }
  }
}
