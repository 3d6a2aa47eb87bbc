import "server-only";
import type pg from "pg";
import type { TrailRecord } from "@/lib/aws/collectors/cloudtrail";
import type { HubState } from "@/lib/aws/collectors/securityhub";
import type { DetectorInfo } from "@/lib/aws/normalise/types";

/** Replaces the detectors stored for one account and region (none = GuardDuty off there). */
export async function saveDetectors(client: pg.ClientBase, accountId: string, region: string, detectors: DetectorInfo[]): Promise<void> {
  await client.query("DELETE FROM detectors WHERE account_id = $1 AND region = $2", [accountId, region]);
  // One detector per account and region is the GuardDuty limit; keep the enabled one if several are listed.
  const detector = detectors.find((d) => d.status === "ENABLED") ?? detectors[0];
  if (!detector) return;
  await client.query(
    "INSERT INTO detectors (account_id, region, detector_id, status, features, collected_at) VALUES ($1, $2, $3, $4, $5, now())",
    [accountId, region, detector.detectorId, detector.status, JSON.stringify(detector.features)],
  );
}

/** The hub and its control enablement for one account and region (replacing what was stored for that region). */
export async function saveHub(client: pg.ClientBase, accountId: string, hub: HubState): Promise<void> {
  await client.query(
    `INSERT INTO hubs (account_id, region, enabled, hub_arn, standards, collected_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (account_id, region) DO UPDATE SET enabled = EXCLUDED.enabled, hub_arn = EXCLUDED.hub_arn,
       standards = EXCLUDED.standards, collected_at = now()`,
    [accountId, hub.region, hub.enabled, hub.hubArn, hub.standards],
  );
  await client.query("DELETE FROM control_enablement WHERE account_id = $1 AND region = $2", [accountId, hub.region]);
  if (hub.controls.length === 0) return;
  await client.query(
    `INSERT INTO control_enablement (account_id, region, standards_control_arn, standard_arn, standard_name, control_id, status, disabled_reason, status_since, collected_at)
     SELECT $1, $2, standards_control_arn, standard_arn, standard_name, control_id, status, disabled_reason, status_since, now()
     FROM jsonb_to_recordset($3::jsonb) AS x(standards_control_arn text, standard_arn text, standard_name text, control_id text, status text, disabled_reason text, status_since timestamptz)
     ON CONFLICT (account_id, region, standards_control_arn) DO NOTHING`,
    [
      accountId,
      hub.region,
      JSON.stringify(
        hub.controls.map((control) => ({
          standards_control_arn: control.standardsControlArn,
          standard_arn: control.standardArn,
          standard_name: control.standardName,
          control_id: control.controlId,
          status: control.status,
          disabled_reason: control.disabledReason,
          status_since: control.statusSince,
        })),
      ),
    ],
  );
}

/** Upserts the trails seen from `region`; trails homed in `region` that are gone are deleted. */
export async function saveTrails(client: pg.ClientBase, accountId: string, region: string, trails: TrailRecord[]): Promise<void> {
  for (const trail of trails) {
    await client.query(
      `INSERT INTO trails (account_id, trail_arn, name, home_region, is_multi_region, is_logging, log_file_validation,
         kms_key_id, cloudwatch_logs_log_group_arn, raw, collected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (account_id, trail_arn) DO UPDATE SET name = EXCLUDED.name, home_region = EXCLUDED.home_region,
         is_multi_region = EXCLUDED.is_multi_region, is_logging = EXCLUDED.is_logging,
         log_file_validation = EXCLUDED.log_file_validation, kms_key_id = EXCLUDED.kms_key_id,
         cloudwatch_logs_log_group_arn = EXCLUDED.cloudwatch_logs_log_group_arn, raw = EXCLUDED.raw, collected_at = now()`,
      [
        accountId,
        trail.trailArn,
        trail.name,
        trail.homeRegion,
        trail.isMultiRegion,
        trail.isLogging,
        trail.logFileValidation,
        trail.kmsKeyId,
        trail.cloudWatchLogsLogGroupArn,
        JSON.stringify(trail.raw),
      ],
    );
  }
  await client.query("DELETE FROM trails WHERE account_id = $1 AND home_region = $2 AND NOT (trail_arn = ANY($3::text[]))", [
    accountId,
    region,
    trails.map((trail) => trail.trailArn),
  ]);
}
