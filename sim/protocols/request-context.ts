import type { IncomingHttpHeaders } from "node:http";
import type { Principal } from "../auth/credential-store";
import type { CredentialStore } from "../auth/credential-store";
import type { SimClock } from "../clock";
import type { RecordStore } from "../records/record-store";
import type { RegionData } from "../records/region-data";
import type { ServiceName, SimOrg } from "../types";
import { SimError } from "./sim-error";

/** Shared simulator state the handlers read. */
export interface SimState {
  seed: string;
  org: SimOrg;
  store: RecordStore;
  credentials: CredentialStore;
  clock: SimClock;
  /** Filtered, sorted result sets by query, so walking pages of a large set is not quadratic. */
  queryCache: Map<string, { version: number; items: unknown[] }>;
}

export interface RequestContext {
  state: SimState;
  service: ServiceName;
  operation: string;
  region: string;
  principal: Principal;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Set by the `service-disabled` fault: behave as if the service were off for this account. */
  serviceDisabled: boolean;
}

export type HandlerResult = { kind: "json"; body: unknown } | { kind: "xml"; action: string; inner: string };

export function parseJsonBody(ctx: RequestContext, invalidCode: string): Record<string, unknown> {
  if (ctx.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(ctx.body.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the protocol's validation error
  }
  throw new SimError(invalidCode, 400, "The request body is not a JSON object.");
}

/** Opaque page token: base64url of the offset plus a fingerprint of the query it belongs to. */
export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint }), "utf8").toString("base64url");
}

export function decodeToken(token: unknown, fingerprint: string, error: () => SimError): number {
  if (token === undefined || token === null || token === "") return 0;
  if (typeof token !== "string") throw error();
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; f?: unknown };
    if (typeof parsed.o !== "number" || parsed.o < 0 || parsed.f !== fingerprint) throw error();
    return parsed.o;
  } catch (cause) {
    if (cause instanceof SimError) throw cause;
    throw error();
  }
}

export function page<T>(items: T[], offset: number, size: number, fingerprint: string): { items: T[]; nextToken: string | undefined } {
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(offset + size, fingerprint) : undefined;
  return { items: slice, nextToken: next };
}

/** The account-regions whose records a caller sees for a service (own, plus org-wide for the delegated admin). */
export function visibleRegions(ctx: RequestContext, service: "guardduty" | "securityhub", opts: { allRegions: boolean }): RegionData[] {
  const { state, principal, region } = ctx;
  const isAdmin = state.org.delegatedAdminAccountId === principal.accountId;
  const accountIds = isAdmin ? state.org.accounts.map((a) => a.id) : [principal.accountId];
  const out: RegionData[] = [];
  for (const accountId of accountIds) {
    const account = state.store.account(accountId);
    if (!account) continue;
    const regions = opts.allRegions ? account.regions : [region];
    for (const r of regions) {
      const data = state.store.get(accountId, r);
      if (!data) continue;
      if (service === "guardduty" && !data.detector) continue;
      if (service === "securityhub" && !data.hub) continue;
      out.push(data);
    }
  }
  return out;
}

const QUERY_CACHE_LIMIT = 200;

/**
 * The full result list of a paginated query, computed once per data version. Pages are
 * slices of it, which also keeps a walk stable while nothing changes.
 */
export function cachedQuery<T>(ctx: RequestContext, fingerprint: string, compute: () => T[]): T[] {
  const key = `${ctx.service}|${ctx.operation}|${ctx.principal.accountId}|${ctx.region}|${fingerprint}`;
  const cache = ctx.state.queryCache;
  const version = ctx.state.store.version;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.items as T[];
  const items = compute();
  cache.delete(key);
  cache.set(key, { version, items });
  if (cache.size > QUERY_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return items;
}
