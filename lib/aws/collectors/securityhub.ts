import "server-only";
import {
  DescribeHubCommand,
  paginateGetEnabledStandards,
  paginateGetFindings,
  type SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import type { FindingsPage } from "@/lib/aws/collectors/types";
import { normalisePage } from "@/lib/aws/collectors/types";
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import type { HubInfo } from "@/lib/aws/normalise/types";

/** Security Hub's GetFindings maximum (API_FACTS). */
const PAGE_SIZE = 100;
/** DateFilter needs an end; far enough that clock skew never hides a record. */
const FAR_FUTURE_MS = 365 * 24 * 3600 * 1000;

/** Hub subscription and enabled standards; `enabled: false` when the account is not subscribed here. */
export async function describeSecurityHub(client: SecurityHubClient, region: string): Promise<HubInfo & { hubArn: string | null }> {
  try {
    const hub = await client.send(new DescribeHubCommand({}));
    const standards: string[] = [];
    for await (const page of paginateGetEnabledStandards({ client, pageSize: PAGE_SIZE }, {})) {
      for (const subscription of page.StandardsSubscriptions ?? []) {
        if (subscription.StandardsArn) standards.push(subscription.StandardsArn);
      }
    }
    return { region, enabled: true, standards, hubArn: hub.HubArn ?? null };
  } catch (error) {
    if (isNotSubscribed(error)) return { region, enabled: false, standards: [], hubArn: null };
    throw error;
  }
}

/** DescribeHub answers InvalidAccessException (not subscribed) or ResourceNotFoundException (no hub). */
export function isNotSubscribed(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "InvalidAccessException" || name === "ResourceNotFoundException";
}

/**
 * Findings updated at or after `since`, oldest update first. Every RecordState and workflow
 * status is fetched: an ARCHIVED or RESOLVED record is how a closed finding is learned.
 */
export async function* fetchSecurityHubFindings(
  client: SecurityHubClient,
  since: Date,
  now: Date,
): AsyncGenerator<FindingsPage> {
  const pages = paginateGetFindings(
    { client, pageSize: PAGE_SIZE },
    {
      Filters: { UpdatedAt: [{ Start: since.toISOString(), End: new Date(now.getTime() + FAR_FUTURE_MS).toISOString() }] },
      SortCriteria: [{ Field: "UpdatedAt", SortOrder: "asc" }],
      MaxResults: PAGE_SIZE,
    },
  );
  for await (const page of pages) {
    const records = page.Findings ?? [];
    const { values, problems } = normalisePage(records, normaliseAsffFinding, "securityhub:GetFindings");
    const cursor = values.reduce<Date | null>((max, f) => (max === null || f.updatedAt > max ? f.updatedAt : max), null);
    yield { fetched: records.length, findings: values, problems, cursor };
  }
}
