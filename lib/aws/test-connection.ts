import "server-only";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AssumedRoleCache, type RoleTarget } from "@/lib/aws/assume-role";
import { classifyAwsError } from "@/lib/aws/classify-aws-error";
import { clientConfig, type AwsContext } from "@/lib/aws/context";
import { type Source, SOURCES } from "@/lib/aws/sources";

type SourceProbeName = "guardduty:ListDetectors" | "securityhub:DescribeHub";
export type ConnectionStepName = "sts:AssumeRole" | "sts:GetCallerIdentity" | SourceProbeName;

export interface ConnectionStep {
  name: ConnectionStepName;
  region: string;
  /** ok; warning = reachable but the service is off; failed = AWS refused or failed; skipped = an earlier step failed */
  status: "ok" | "warning" | "failed" | "skipped";
  /** AWS error code as the service sent it (AccessDenied, InvalidAccessException, ...), null on success. */
  code: string | null;
  /** What AWS answered: the identity, the detector, or the exact error message with its HTTP status. */
  message: string;
}

export interface ConnectionReport {
  accountId: string;
  roleArn: string;
  isOk: boolean;
  steps: ConnectionStep[];
}

type ClientConfig = ReturnType<typeof clientConfig> & { requestHandler: typeof REQUEST_HANDLER };

interface SourceProbe {
  name: SourceProbeName;
  /** One cheap read of the source in `region`; answers the step, never throws. */
  run: (config: ClientConfig, region: string) => Promise<ConnectionStep>;
}

function failedStep(name: ConnectionStepName, region: string, error: unknown): ConnectionStep {
  const classified = classifyAwsError(error);
  return { name, region, status: "failed", code: classified.code, message: classified.message };
}

/**
 * The call that shows the role can read each source. CloudTrail has none: its reads need no
 * subscription and the role's policy is already proven by the others (as before the registry).
 */
const SOURCE_PROBES: Record<Source, SourceProbe | null> = {
  guardduty: {
    name: "guardduty:ListDetectors",
    async run(config, region) {
      const client = new GuardDutyClient(config);
      try {
        const ids = (await client.send(new ListDetectorsCommand({ MaxResults: 50 }))).DetectorIds ?? [];
        return ids.length > 0
          ? { name: "guardduty:ListDetectors", region, status: "ok", code: null, message: `detector ${ids.join(", ")}` }
          : {
              name: "guardduty:ListDetectors",
              region,
              status: "warning",
              code: null,
              message: `GuardDuty has no detector in ${region}: it is not enabled there`,
            };
      } catch (error) {
        return failedStep("guardduty:ListDetectors", region, error);
      } finally {
        client.destroy();
      }
    },
  },
  securityhub: {
    name: "securityhub:DescribeHub",
    async run(config, region) {
      const client = new SecurityHubClient(config);
      try {
        const hub = await client.send(new DescribeHubCommand({}));
        return { name: "securityhub:DescribeHub", region, status: "ok", code: null, message: hub.HubArn ?? "hub enabled" };
      } catch (error) {
        const classified = classifyAwsError(error);
        // Security Hub answers InvalidAccessException when the account is not subscribed: the role works, the service is off.
        return {
          name: "securityhub:DescribeHub",
          region,
          status: classified.kind === "not-subscribed" ? "warning" : "failed",
          code: classified.code,
          message: classified.message,
        };
      } finally {
        client.destroy();
      }
    },
  },
  cloudtrail: null,
};

const PROBES = SOURCES.map((source) => SOURCE_PROBES[source]).filter((probe): probe is SourceProbe => probe !== null);

/** A test must answer in seconds, not retry for a minute: two attempts, short socket timeouts. */
const TEST_ATTEMPTS = 2;
const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 15_000 };

/**
 * "Test connection": assumes the account's role with its ExternalId (a fresh role cache, so
 * nothing cached hides a changed trust policy), then calls sts:GetCallerIdentity,
 * guardduty:ListDetectors and securityhub:DescribeHub in the first region, and reports
 * each step with AWS's exact error code and message. GuardDuty or Security Hub being off
 * is a warning (collection works and scores that evidence as no_data), not a failure.
 */
export async function testConnection(context: AwsContext, target: RoleTarget & { regions: string[] }): Promise<ConnectionReport> {
  const region = target.regions[0] ?? context.baseRegion;
  const testContext: AwsContext = { ...context, maxAttempts: TEST_ATTEMPTS };
  const roles = new AssumedRoleCache(testContext);
  const steps: ConnectionStep[] = [];
  try {
    try {
      await roles.get(target);
      steps.push({
        name: "sts:AssumeRole",
        region: context.baseRegion,
        status: "ok",
        code: null,
        message: `assumed ${target.roleArn}${target.externalId ? " with the ExternalId" : " without an ExternalId"}`,
      });
    } catch (error) {
      steps.push(failedStep("sts:AssumeRole", context.baseRegion, error));
      for (const name of ["sts:GetCallerIdentity", ...PROBES.map((probe) => probe.name)] as const) {
        steps.push({ name, region, status: "skipped", code: null, message: "not tried: the role could not be assumed" });
      }
      return { accountId: target.accountId, roleArn: target.roleArn, isOk: false, steps };
    }
    const config = { ...clientConfig(testContext, region, roles.providerFor(target)), requestHandler: REQUEST_HANDLER };
    const sts = new STSClient(config);
    try {
      const [identity, probed] = await Promise.all([
        sts.send(new GetCallerIdentityCommand({})).then(
          (value) => ({ isOk: true as const, value }),
          (reason: unknown) => ({ isOk: false as const, reason }),
        ),
        Promise.all(PROBES.map((probe) => probe.run(config, region))),
      ]);
      if (identity.isOk) {
        const isRightAccount = identity.value.Account === target.accountId;
        steps.push({
          name: "sts:GetCallerIdentity",
          region,
          status: isRightAccount ? "ok" : "failed",
          code: isRightAccount ? null : "WrongAccount",
          message: isRightAccount
            ? `${identity.value.Arn ?? "(no ARN)"} in account ${identity.value.Account ?? "?"}`
            : `the role answered as account ${identity.value.Account ?? "?"}, not ${target.accountId}`,
        });
      } else {
        steps.push(failedStep("sts:GetCallerIdentity", region, identity.reason));
      }
      steps.push(...probed);
    } finally {
      sts.destroy();
    }
    return { accountId: target.accountId, roleArn: target.roleArn, isOk: steps.every((step) => step.status !== "failed"), steps };
  } finally {
    roles.destroy();
  }
}
