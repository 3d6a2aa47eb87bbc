import type { ServiceName } from "./types";

/**
 * Request-rate quotas per account, per region, per API, as token buckets on wall time.
 * Sources are in sim/README.md; GuardDuty, Organizations and STS publish no numbers, so
 * theirs are stated assumptions.
 */
export interface QuotaRule {
  ratePerSecond: number;
  burst: number;
}

export const QUOTAS: Record<ServiceName, { default: QuotaRule; operations: Record<string, QuotaRule> }> = {
  cloudtrail: { default: { ratePerSecond: 10, burst: 10 }, operations: { LookupEvents: { ratePerSecond: 2, burst: 2 } } },
  securityhub: { default: { ratePerSecond: 10, burst: 30 }, operations: { GetFindings: { ratePerSecond: 3, burst: 6 } } },
  guardduty: { default: { ratePerSecond: 10, burst: 20 }, operations: {} },
  organizations: { default: { ratePerSecond: 10, burst: 20 }, operations: {} },
  sts: { default: { ratePerSecond: 100, burst: 200 }, operations: {} },
};

/** The error each service answers with when throttling (API_FACTS section 2). */
export const THROTTLE_ERRORS: Record<ServiceName, { code: string; status: number; message: string }> = {
  sts: { code: "Throttling", status: 400, message: "Rate exceeded" },
  organizations: {
    code: "TooManyRequestsException",
    status: 400,
    message: "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
  },
  cloudtrail: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  guardduty: { code: "TooManyRequestsException", status: 429, message: "Rate exceeded" },
  securityhub: { code: "LimitExceededException", status: 429, message: "Rate exceeded" },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class QuotaEngine {
  private readonly buckets = new Map<string, Bucket>();
  readonly throttled = new Map<string, number>();
  readonly served = new Map<string, number>();

  constructor(private readonly enabled: boolean) {}

  rule(service: ServiceName, operation: string): QuotaRule {
    const table = QUOTAS[service];
    return table.operations[operation] ?? table.default;
  }

  /** Takes one token; false means the request must be throttled. */
  take(service: ServiceName, operation: string, accountId: string, region: string): boolean {
    const counterKey = `${service}:${operation}`;
    if (!this.enabled) {
      this.served.set(counterKey, (this.served.get(counterKey) ?? 0) + 1);
      return true;
    }
    const rule = this.rule(service, operation);
    const key = `${accountId}:${region}:${service}:${operation}`;
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, updatedAt: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.ratePerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.served.set(counterKey, (this.served.get(counterKey) ?? 0) + 1);
      return true;
    }
    this.throttled.set(counterKey, (this.throttled.get(counterKey) ?? 0) + 1);
    return false;
  }

  countThrottled(): number {
    let total = 0;
    for (const n of this.throttled.values()) total += n;
    return total;
  }

  recordFaultThrottle(service: ServiceName, operation: string): void {
    const key = `${service}:${operation}`;
    this.throttled.set(key, (this.throttled.get(key) ?? 0) + 1);
  }
}
