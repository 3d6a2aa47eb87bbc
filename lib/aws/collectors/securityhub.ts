import "server-only";
import {
  DescribeHubCommand,
  paginateDescribeStandardsControls,
  paginateGetEnabledStandards,
  paginateGetFindings,
  type SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import type { FindingsPage } from "@/lib/aws/collectors/types";
import { normalisePage } from "@/lib/aws/collectors/types";
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import { mapLegacyControlId } from "@/lib/aws/normalise/map-legacy-control-id";
import type { ControlEnablement, HubInfo } from "@/lib/aws/normalise/types";

export type HubState = HubInfo & { hubArn: string | null; controls: Array<ControlEnablement & { standardsControlArn: string }> };

/** "standards/cis-aws-foundations-benchmark/v/1.4.0" -> "CIS AWS Foundations Benchmark v1.4.0". */
export function nameStandard(standardsArn: string): string {
  const match = /standards\/([^/]+)\/v\/([^/]+)/.exec(standardsArn) ?? /ruleset\/([^/]+)\/v\/([^/]+)/.exec(standardsArn);
  if (!match) return standardsArn;
  const names: Record<string, string> = {
    "aws-foundational-security-best-practices": "AWS Foundational Security Best Practices",
    "cis-aws-foundations-benchmark": "CIS AWS Foundations Benchmark",
    "pci-dss": "PCI DSS",
    "nist-800-53": "NIST SP 800-53",
    "aws-resource-tagging-standard": "AWS Resource Tagging Standard",
    "service-managed-aws-control-tower": "Service-Managed Standard: AWS Control Tower",
  };
  return `${names[match[1]!] ?? match[1]} v${match[2]}`;
}

/** Security Hub's GetFindings maximum (API_FACTS). */
const PAGE_SIZE = 100;
/** DateFilter needs an end; far enough that clock skew never hides a record. */
const FAR_FUTURE_MS = 365 * 24 * 3600 * 1000;

/**
 * Hub subscription, enabled standards and, per enabled standard, which of its controls are
 * enabled (DescribeStandardsControls per subscription): what tells "no resources in scope"
 * from "switched off" when a control has no finding. `enabled: false` when the account is
 * not subscribed here.
 */
export async function describeSecurityHub(client: SecurityHubClient, region: string): Promise<HubState> {
  try {
    const hub = await client.send(new DescribeHubCommand({}));
    const standards: string[] = [];
    const subscriptions: Array<{ subscriptionArn: string; standardsArn: string }> = [];
    for await (const page of paginateGetEnabledStandards({ client, pageSize: PAGE_SIZE }, {})) {
      for (const subscription of page.StandardsSubscriptions ?? []) {
        if (subscription.StandardsArn) standards.push(subscription.StandardsArn);
        if (subscription.StandardsArn && subscription.StandardsSubscriptionArn && subscription.StandardsStatus !== "DELETING") {
          subscriptions.push({ subscriptionArn: subscription.StandardsSubscriptionArn, standardsArn: subscription.StandardsArn });
        }
      }
    }
    const controls: HubState["controls"] = [];
    for (const subscription of subscriptions) {
      const pages = paginateDescribeStandardsControls(
        { client, pageSize: PAGE_SIZE },
        { StandardsSubscriptionArn: subscription.subscriptionArn, MaxResults: PAGE_SIZE },
      );
      for await (const page of pages) {
        for (const control of page.Controls ?? []) {
          if (!control.StandardsControlArn || !control.ControlId) continue;
          const controlId = mapLegacyControlId({ controlId: control.ControlId, standardsArn: subscription.standardsArn });
          if (!controlId) continue;
          controls.push({
            region,
            controlId,
            standardsControlArn: control.StandardsControlArn,
            standardArn: subscription.standardsArn,
            standardName: nameStandard(subscription.standardsArn),
            status: control.ControlStatus === "DISABLED" ? "DISABLED" : "ENABLED",
            disabledReason: control.DisabledReason ?? null,
            statusSince: control.ControlStatusUpdatedAt ?? null,
          });
        }
      }
    }
    return { region, enabled: true, standards, hubArn: hub.HubArn ?? null, controls };
  } catch (error) {
    if (isNotSubscribed(error)) return { region, enabled: false, standards: [], hubArn: null, controls: [] };
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
export async function* fetchSecurityHubFindings(client: SecurityHubClient, since: Date, now: Date): AsyncGenerator<FindingsPage> {
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
