import "server-only";
import type pg from "pg";
import { AssumedRoleCache } from "@/lib/aws/assume-role";
import { type AwsContext, createSharedAgents } from "@/lib/aws/context";
import { RateLimiter } from "@/lib/aws/rate-limits";
import type { CollectDeps } from "@/lib/collect/collect-account";
import { getEnv } from "@/lib/env";

/**
 * Everything a worker process shares between jobs: the AWS context, the assumed-role cache
 * (one AssumeRole per account per hour, not per job) and the rate limiter (quotas are per
 * account and region, whichever job is calling).
 */
export interface WorkerRuntime {
  aws: AwsContext;
  roles: AssumedRoleCache;
  limiter: RateLimiter;
  pool: pg.Pool;
  now: () => Date;
  collectDeps: () => CollectDeps;
  log: (line: string) => void;
}

export function createWorkerRuntime(options: {
  pool: pg.Pool;
  aws?: Partial<AwsContext>;
  log?: (line: string) => void;
  now?: () => Date;
}): WorkerRuntime {
  const env = getEnv();
  const aws: AwsContext = {
    baseRegion: env.AWS_REGION,
    sessionName: env.PARAPET_ROLE_SESSION_NAME,
    maxAttempts: 8,
    agents: createSharedAgents(),
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
    ...options.aws,
  };
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const roles = new AssumedRoleCache(aws, () => now().getTime());
  const limiter = new RateLimiter();
  return {
    aws,
    roles,
    limiter,
    pool: options.pool,
    now,
    log,
    collectDeps: () => ({
      context: aws,
      roles,
      limiter,
      pool: options.pool,
      now,
      findingsLookbackDays: env.PARAPET_FINDINGS_LOOKBACK_DAYS,
      cloudTrailLookbackDays: env.PARAPET_CLOUDTRAIL_LOOKBACK_DAYS,
      log,
    }),
  };
}
