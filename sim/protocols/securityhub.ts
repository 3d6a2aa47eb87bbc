import type { AsffFinding } from "../records/region-data";
import { cachedQuery, decodeToken, page, parseJsonBody, visibleRegions, type HandlerResult, type RequestContext } from "./request-context";
import { listStandardsControls } from "../records/standards-controls";
import { SimError } from "./sim-error";

/** Security Hub over rest-json; ASFF is PascalCase on the wire. */

export function securityHubOperation(method: string, path: string): string {
  if (method === "GET" && path === "/accounts") return "DescribeHub";
  if (method === "POST" && path === "/standards/get") return "GetEnabledStandards";
  if (method === "POST" && path === "/findings") return "GetFindings";
  if (method === "GET" && path.startsWith("/standards/controls/")) return "DescribeStandardsControls";
  return "";
}

const invalidInput = (message: string) => new SimError("InvalidInputException", 400, message);

type Extract = (f: AsffFinding) => unknown[];

function at(f: AsffFinding, ...path: string[]): unknown[] {
  let current: unknown[] = [f];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      const inner = (value as Record<string, unknown>)[segment];
      if (Array.isArray(inner)) next.push(...inner);
      else if (inner !== undefined) next.push(inner);
    }
    current = next;
  }
  return current;
}

const STRING_FIELDS: Record<string, Extract> = {
  Id: (f) => at(f, "Id"),
  ProductArn: (f) => at(f, "ProductArn"),
  AwsAccountId: (f) => at(f, "AwsAccountId"),
  GeneratorId: (f) => at(f, "GeneratorId"),
  Region: (f) => at(f, "Region"),
  Type: (f) => at(f, "Types"),
  Title: (f) => at(f, "Title"),
  Description: (f) => at(f, "Description"),
  SourceUrl: (f) => at(f, "SourceUrl"),
  ProductName: (f) => at(f, "ProductName"),
  CompanyName: (f) => at(f, "CompanyName"),
  SeverityLabel: (f) => at(f, "Severity", "Label"),
  ComplianceStatus: (f) => at(f, "Compliance", "Status"),
  ComplianceSecurityControlId: (f) => at(f, "Compliance", "SecurityControlId"),
  ComplianceAssociatedStandardsId: (f) => at(f, "Compliance", "AssociatedStandards", "StandardsId"),
  WorkflowStatus: (f) => at(f, "Workflow", "Status"),
  WorkflowState: (f) => at(f, "WorkflowState"),
  RecordState: (f) => at(f, "RecordState"),
  VerificationState: (f) => at(f, "VerificationState"),
  ResourceType: (f) => at(f, "Resources", "Type"),
  ResourceId: (f) => at(f, "Resources", "Id"),
  ResourcePartition: (f) => at(f, "Resources", "Partition"),
  ResourceRegion: (f) => at(f, "Resources", "Region"),
  FindingProviderFieldsSeverityLabel: (f) => at(f, "FindingProviderFields", "Severity", "Label"),
  FindingProviderFieldsSeverityOriginal: (f) => at(f, "FindingProviderFields", "Severity", "Original"),
  FindingProviderFieldsTypes: (f) => at(f, "FindingProviderFields", "Types"),
  VulnerabilitiesExploitAvailable: (f) => at(f, "Vulnerabilities", "ExploitAvailable"),
  VulnerabilitiesFixAvailable: (f) => at(f, "Vulnerabilities", "FixAvailable"),
};

const DATE_FIELDS: Record<string, Extract> = {
  CreatedAt: (f) => at(f, "CreatedAt"),
  UpdatedAt: (f) => at(f, "UpdatedAt"),
  FirstObservedAt: (f) => at(f, "FirstObservedAt"),
  LastObservedAt: (f) => at(f, "LastObservedAt"),
};

const NUMBER_FIELDS: Record<string, Extract> = {
  SeverityNormalized: (f) => at(f, "Severity", "Normalized"),
  SeverityProduct: (f) => at(f, "Severity", "Product"),
  Confidence: (f) => at(f, "Confidence"),
  Criticality: (f) => at(f, "Criticality"),
};

const MAP_FIELDS: Record<string, (f: AsffFinding) => Record<string, unknown>> = {
  ProductFields: (f) => (f.ProductFields as Record<string, unknown>) ?? {},
  UserDefinedFields: (f) => (f.UserDefinedFields as Record<string, unknown>) ?? {},
};

const POSITIVE = new Set(["EQUALS", "PREFIX", "CONTAINS", "CONTAINS_WORD"]);

function stringTest(comparison: string, value: string, candidate: string): boolean {
  switch (comparison) {
    case "EQUALS":
    case "NOT_EQUALS":
      return candidate === value;
    case "PREFIX":
    case "PREFIX_NOT_EQUALS":
      return candidate.startsWith(value);
    case "CONTAINS":
    case "NOT_CONTAINS":
      return candidate.includes(value);
    case "CONTAINS_WORD":
      return candidate.split(/\s+/).includes(value);
    default:
      throw invalidInput(`Invalid string comparison ${comparison}.`);
  }
}

/** Same-field filters: positive comparisons are OR'ed, negative ones AND'ed (Security Hub's documented rule). */
function matchStrings(candidates: string[], filters: Array<{ Value?: unknown; Comparison?: unknown }>, field: string): boolean {
  const positives = filters.filter((f) => POSITIVE.has(String(f.Comparison)));
  const negatives = filters.filter((f) => !POSITIVE.has(String(f.Comparison)));
  if (
    filters.some((f) => f.Comparison === "EQUALS") &&
    filters.some((f) => f.Comparison === "NOT_EQUALS" || f.Comparison === "PREFIX_NOT_EQUALS")
  ) {
    throw invalidInput(
      `You can't provide both an EQUALS filter and a NOT_EQUALS or PREFIX_NOT_EQUALS filter on the same field (${field}).`,
    );
  }
  if (positives.length > 0 && !positives.some((f) => candidates.some((c) => stringTest(String(f.Comparison), String(f.Value ?? ""), c))))
    return false;
  return negatives.every((f) => !candidates.some((c) => stringTest(String(f.Comparison), String(f.Value ?? ""), c)));
}

function matchDates(candidates: unknown[], filters: Array<Record<string, unknown>>, nowMs: number): boolean {
  const times = candidates.map((c) => Date.parse(String(c))).filter((t) => !Number.isNaN(t));
  return filters.some((filter) => {
    let start = -Infinity;
    let end = Infinity;
    if (typeof filter.Start === "string") start = Date.parse(filter.Start);
    if (typeof filter.End === "string") end = Date.parse(filter.End);
    const range = filter.DateRange as { Value?: unknown; Unit?: unknown } | undefined;
    if (range && typeof range.Value === "number") {
      if (range.Unit !== undefined && range.Unit !== "DAYS") throw invalidInput("DateRange Unit must be DAYS.");
      start = Math.max(start, nowMs - range.Value * 86_400_000);
    }
    if (Number.isNaN(start) || Number.isNaN(end)) throw invalidInput("Invalid date in DateFilter.");
    return times.some((t) => t >= start && t <= end);
  });
}

function matchNumbers(candidates: unknown[], filters: Array<Record<string, unknown>>): boolean {
  const nums = candidates.filter((c): c is number => typeof c === "number");
  return filters.some((f) =>
    nums.some(
      (n) =>
        (typeof f.Gte !== "number" || n >= f.Gte) &&
        (typeof f.Lte !== "number" || n <= f.Lte) &&
        (typeof f.Gt !== "number" || n > f.Gt) &&
        (typeof f.Lt !== "number" || n < f.Lt) &&
        (typeof f.Eq !== "number" || n === f.Eq),
    ),
  );
}

function buildPredicate(filters: Record<string, unknown>, nowMs: number): (f: AsffFinding) => boolean {
  const tests: Array<(f: AsffFinding) => boolean> = [];
  for (const [field, raw] of Object.entries(filters)) {
    if (!Array.isArray(raw) || raw.length === 0) continue;
    if (raw.length > 20) throw invalidInput(`Too many values for filter ${field}: at most 20.`);
    const list = raw as Array<Record<string, unknown>>;
    const stringField = STRING_FIELDS[field];
    const dateField = DATE_FIELDS[field];
    const numberField = NUMBER_FIELDS[field];
    const mapField = MAP_FIELDS[field];
    if (stringField) tests.push((f) => matchStrings(stringField(f).map(String), list, field));
    else if (dateField) tests.push((f) => matchDates(dateField(f), list, nowMs));
    else if (numberField) tests.push((f) => matchNumbers(numberField(f), list));
    else if (mapField) {
      tests.push((f) => {
        const map = mapField(f);
        return list.every((entry) => {
          const value = map[String(entry.Key)];
          const candidates = value === undefined ? [] : [String(value)];
          const comparison = String(entry.Comparison ?? "EQUALS");
          const hit = candidates.some((c) => stringTest(comparison, String(entry.Value ?? ""), c));
          return comparison.startsWith("NOT") ? !hit : hit;
        });
      });
    } else {
      throw invalidInput(`The simulator does not support the ${field} filter.`);
    }
  }
  return (f) => tests.every((t) => t(f));
}

const SORT_FIELDS: Record<string, Extract> = { ...STRING_FIELDS, ...DATE_FIELDS, ...NUMBER_FIELDS };

function sortFindings(findings: AsffFinding[], criteria: unknown): AsffFinding[] {
  const list =
    Array.isArray(criteria) && criteria.length > 0
      ? (criteria as Array<{ Field?: unknown; SortOrder?: unknown }>)
      : [{ Field: "UpdatedAt", SortOrder: "desc" }];
  const columns = list.map((criterion) => {
    const field = String(criterion.Field);
    const extract = SORT_FIELDS[field];
    if (!extract) throw invalidInput(`Unsupported sort field ${field}.`);
    return { extract, isDate: DATE_FIELDS[field] !== undefined, direction: String(criterion.SortOrder).toLowerCase() === "asc" ? 1 : -1 };
  });
  // Keys are computed once per finding; parsing dates inside the comparator dominated large sorts.
  const keyed = findings.map((f) => ({
    f,
    keys: columns.map((c) => {
      const value = c.extract(f)[0];
      if (c.isDate) return Date.parse(String(value));
      return (value as string | number | undefined) ?? "";
    }),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < columns.length; i += 1) {
      const ka = a.keys[i] ?? "";
      const kb = b.keys[i] ?? "";
      const direction = columns[i]?.direction ?? 1;
      if (ka < kb) return -direction;
      if (ka > kb) return direction;
    }
    return a.f.Id < b.f.Id ? -1 : a.f.Id > b.f.Id ? 1 : 0;
  });
  return keyed.map((entry) => entry.f);
}

function requireHub(ctx: RequestContext) {
  const data = ctx.serviceDisabled ? null : ctx.state.store.get(ctx.principal.accountId, ctx.region);
  if (!data?.hub) {
    throw new SimError("InvalidAccessException", 401, `Account ${ctx.principal.accountId} is not subscribed to AWS Security Hub`);
  }
  return data;
}

export async function handleSecurityHub(ctx: RequestContext): Promise<HandlerResult> {
  switch (ctx.operation) {
    case "DescribeHub": {
      const data = requireHub(ctx);
      const hub = data.hub!;
      const asked = ctx.query.get("HubArn");
      if (asked && asked !== hub.hubArn) throw new SimError("ResourceNotFoundException", 404, `Hub ${asked} not found.`);
      return {
        kind: "json",
        body: { HubArn: hub.hubArn, SubscribedAt: hub.subscribedAt, AutoEnableControls: true, ControlFindingGenerator: "SECURITY_CONTROL" },
      };
    }
    case "GetEnabledStandards": {
      const data = requireHub(ctx);
      const body = parseJsonBody(ctx, "InvalidInputException");
      const maxResults = body.MaxResults === undefined ? 100 : Number(body.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) throw invalidInput("MaxResults must be between 1 and 100.");
      const wanted = Array.isArray(body.StandardsSubscriptionArns) ? new Set(body.StandardsSubscriptionArns.map(String)) : null;
      const all = data
        .hub!.standards.filter((s) => !wanted || wanted.has(s.subscriptionArn))
        .map((s) => ({
          StandardsSubscriptionArn: s.subscriptionArn,
          StandardsArn: s.standardsArn,
          StandardsInput: {},
          StandardsStatus: "READY",
          StandardsControlsUpdatable: "READY_FOR_UPDATES",
        }));
      const offset = decodeToken(body.NextToken, "standards", () => invalidInput("Invalid NextToken."));
      const { items, nextToken } = page(all, offset, maxResults, "standards");
      return {
        kind: "json",
        body: nextToken ? { StandardsSubscriptions: items, NextToken: nextToken } : { StandardsSubscriptions: items },
      };
    }
    case "DescribeStandardsControls": {
      const data = requireHub(ctx);
      const subscriptionArn = decodeURIComponent(ctx.path.slice("/standards/controls/".length));
      const subscription = data.hub!.standards.find((standard) => standard.subscriptionArn === subscriptionArn);
      if (!subscription) throw new SimError("ResourceNotFoundException", 404, `Standards subscription ${subscriptionArn} not found.`);
      const maxResults = ctx.query.get("MaxResults") === null ? 100 : Number(ctx.query.get("MaxResults"));
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) throw invalidInput("MaxResults must be between 1 and 100.");
      const account = ctx.state.org.accounts.find((candidate) => candidate.id === ctx.principal.accountId);
      if (!account)
        throw new SimError("InvalidAccessException", 401, `Account ${ctx.principal.accountId} is not subscribed to AWS Security Hub`);
      const all = listStandardsControls(ctx.state.seed, account, ctx.region, data.hub!, subscription.standardsArn, ctx.state.clock.startMs);
      const fingerprint = `standards-controls:${subscriptionArn}`;
      const offset = decodeToken(ctx.query.get("NextToken") ?? undefined, fingerprint, () => invalidInput("Invalid NextToken."));
      const { items, nextToken } = page(all, offset, maxResults, fingerprint);
      return { kind: "json", body: nextToken ? { Controls: items, NextToken: nextToken } : { Controls: items } };
    }
    case "GetFindings": {
      requireHub(ctx);
      const body = parseJsonBody(ctx, "InvalidInputException");
      const maxResults = body.MaxResults === undefined ? 100 : Number(body.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) throw invalidInput("MaxResults must be between 1 and 100.");
      const filters = (body.Filters ?? {}) as Record<string, unknown>;
      if (typeof filters !== "object" || Array.isArray(filters)) throw invalidInput("Filters must be an object.");
      if (Object.values(filters).filter((v) => Array.isArray(v) && v.length > 0).length > 10)
        throw invalidInput("You can filter on up to 10 finding attributes.");
      const fingerprint = JSON.stringify([filters, body.SortCriteria ?? null]);
      const offset = decodeToken(body.NextToken, fingerprint, () => invalidInput("Invalid NextToken."));
      // The aggregation region also returns the linked regions' findings (they keep their own Region).
      const allRegions = ctx.state.org.aggregationRegion === ctx.region;
      const predicate = buildPredicate(filters, ctx.state.clock.nowMs());
      const sorted = cachedQuery(ctx, fingerprint, () =>
        sortFindings(
          visibleRegions(ctx, "securityhub", { allRegions }).flatMap((d) => [...d.securityHubFindings.values()].filter(predicate)),
          body.SortCriteria,
        ),
      );
      const { items, nextToken } = page(sorted, offset, maxResults, fingerprint);
      return { kind: "json", body: nextToken ? { Findings: items, NextToken: nextToken } : { Findings: items } };
    }
    default:
      throw new SimError("InvalidInputException", 404, `No Security Hub operation at ${ctx.method} ${ctx.path}.`);
  }
}
