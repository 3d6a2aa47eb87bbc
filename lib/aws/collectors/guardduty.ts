import "server-only";
import {
  GetDetectorCommand,
  GetFindingsCommand,
  type GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
} from "@aws-sdk/client-guardduty";
import type { FindingsPage } from "@/lib/aws/collectors/types";
import { normalisePage } from "@/lib/aws/collectors/types";
import { normaliseGuardDutyFinding } from "@/lib/aws/normalise/normalise-guardduty-finding";
import type { DetectorInfo } from "@/lib/aws/normalise/types";

/** GetFindings accepts at most 50 ids (API_FACTS), the same as a ListFindings page. */
const PAGE_SIZE = 50;

/** Detectors of this account and region with their status and features; empty = GuardDuty off here. */
export async function describeGuardDuty(client: GuardDutyClient, region: string): Promise<DetectorInfo[]> {
  const detectors: DetectorInfo[] = [];
  for await (const page of paginateListDetectors({ client, pageSize: PAGE_SIZE }, {})) {
    for (const detectorId of page.DetectorIds ?? []) {
      const detector = await client.send(new GetDetectorCommand({ DetectorId: detectorId }));
      const features: Record<string, string> = {};
      for (const feature of detector.Features ?? []) {
        if (feature.Name) features[feature.Name] = feature.Status ?? "UNKNOWN";
      }
      detectors.push({ region, detectorId, status: detector.Status === "ENABLED" ? "ENABLED" : "DISABLED", features });
    }
  }
  return detectors;
}

/**
 * Findings of one detector updated at or after `since`, oldest update first, one page per
 * ListFindings page. Archived findings are included so that closing a finding is seen.
 */
export async function* fetchGuardDutyFindings(client: GuardDutyClient, detectorId: string, since: Date): AsyncGenerator<FindingsPage> {
  const pages = paginateListFindings(
    { client, pageSize: PAGE_SIZE },
    {
      DetectorId: detectorId,
      FindingCriteria: { Criterion: { updatedAt: { GreaterThanOrEqual: since.getTime() } } },
      SortCriteria: { AttributeName: "updatedAt", OrderBy: "ASC" },
    },
  );
  for await (const page of pages) {
    const ids = page.FindingIds ?? [];
    if (ids.length === 0) continue;
    const output = await client.send(
      new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids, SortCriteria: { AttributeName: "updatedAt", OrderBy: "ASC" } }),
    );
    const records = output.Findings ?? [];
    const { values, problems } = normalisePage(records, normaliseGuardDutyFinding, `guardduty:GetFindings detector ${detectorId}`);
    const cursor = values.reduce<Date | null>((max, f) => (max === null || f.updatedAt > max ? f.updatedAt : max), null);
    yield { fetched: records.length, findings: values, problems, cursor };
  }
}
