import "server-only";
import { type RateLimit, SOURCE_DEFINITIONS, SOURCES } from "@/lib/aws/sources";

export type { RateLimit };

/**
 * Client-side request rates per account, region and API, at the quotas AWS documents
 * (../shared/aws/API_FACTS.md). Staying under them keeps throttling rare; the SDK's
 * adaptive retry handles the rest. Each source's own entries are in lib/aws/sources.ts;
 * here are the services every collection uses besides them.
 */
const RATE_LIMITS: Record<string, RateLimit> = {
  ...Object.fromEntries(
    SOURCES.flatMap((source) =>
      Object.entries(SOURCE_DEFINITIONS[source].rateLimits).map(([operation, limit]) => [`${source}:${operation}`, limit]),
    ),
  ),
  "sts:*": { perSecond: 10, burst: 19 },
  "organizations:*": { perSecond: 5, burst: 9 },
};

export function rateLimitFor(service: string, operation: string): RateLimit {
  return RATE_LIMITS[`${service}:${operation}`] ?? RATE_LIMITS[`${service}:*`] ?? { perSecond: 5, burst: 5 };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: RateLimit;
  queue: Promise<void>;
}

/**
 * Token buckets keyed by account/region/service/operation. Waiters are served in order
 * (a promise chain per bucket), so one busy API cannot starve its own earlier callers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  take(key: { accountId: string; region: string; service: string; operation: string }): Promise<void> {
    const id = `${key.accountId}/${key.region}/${key.service}/${key.operation}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      const limit = rateLimitFor(key.service, key.operation);
      bucket = { tokens: limit.burst, updatedAt: this.now(), limit, queue: Promise.resolve() };
      this.buckets.set(id, bucket);
    }
    const current = bucket;
    const turn = current.queue.then(async () => {
      for (;;) {
        const now = this.now();
        current.tokens = Math.min(current.limit.burst, current.tokens + ((now - current.updatedAt) / 1000) * current.limit.perSecond);
        current.updatedAt = now;
        if (current.tokens >= 1) {
          current.tokens -= 1;
          return;
        }
        const waitMs = ((1 - current.tokens) / current.limit.perSecond) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
      }
    });
    current.queue = turn;
    return turn;
  }
}

interface MiddlewareClient {
  middlewareStack: {
    add: (
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: "finalizeRequest"; priority: "low"; name: string },
    ) => void;
  };
}

/**
 * Makes every attempt of every call of `client` (retries included) wait for a token.
 * Added after the retry middleware, so a retried page waits its turn too.
 */
export function applyRateLimit(client: unknown, limiter: RateLimiter, scope: { accountId: string; region: string; service: string }): void {
  (client as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? "*").replace(/Command$/, "");
      await limiter.take({ ...scope, operation });
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "parapetRateLimit" },
  );
}
