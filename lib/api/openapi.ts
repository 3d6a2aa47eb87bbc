import { API_FINDINGS_DEFAULT_LIMIT, API_FINDINGS_MAX_LIMIT } from "@/lib/api/v1-query-schemas";
import {
  FINDING_SORTS,
  FINDING_SOURCES,
  FINDING_STATUSES,
  MAX_FILTER_VALUES,
  SEVERITY_LABELS,
  SORT_DIRECTIONS,
} from "@/lib/data/findings/finding-filters";

/**
 * The OpenAPI 3.1 description of the read-only JSON API, served at /api/v1/openapi.json.
 * Written by hand for readers; lib/api/openapi.test.ts fails when its paths or query
 * parameters drift from the route handlers and their zod schemas.
 */
const param = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

/**
 * A multi-select filter: repeat the parameter (`severity=HIGH&severity=CRITICAL`) or give
 * comma-separated values (form + explode, OpenAPI's default for query arrays); a finding
 * matches when it has any of them. One bad value refuses the request.
 */
const multiParam = (name: string, description: string, items: Record<string, unknown>) => ({
  ...param(name, `${description} Repeat the parameter or separate values with commas.`, {
    type: "array",
    items,
    maxItems: MAX_FILTER_VALUES,
  }),
  style: "form",
  explode: true,
});

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, "null"], ...extra });
const dateTime = { type: "string", format: "date-time" };

const errorResponses = {
  "400": {
    description: "A query parameter is malformed; `message` names it and says why.",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "401": {
    description: "No credentials, or the token is unknown, expired or revoked (or its maker is disabled).",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Parapet read-only API",
    version: "1.0.0",
    description:
      "Accounts, scores and findings as the console shows them, for automation. Authenticate with an API token made on the console's API tokens page, sent as `Authorization: Bearer parapet_...`. A token acts as the user who made it: that user's role and account scope, re-read on every request. Every request with a token is recorded in the audit log under the token's name. Times are UTC ISO 8601.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerToken: [] }],
  paths: {
    "/api/v1/accounts": {
      get: {
        operationId: "listAccounts",
        summary: "Accounts in your scope, with the latest score and collection run",
        parameters: [],
        responses: {
          "200": {
            description: "Every account in scope, by name.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data"],
                  properties: { data: { type: "array", items: { $ref: "#/components/schemas/Account" } } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    "/api/v1/scores": {
      get: {
        operationId: "listScores",
        summary: "The organisation's score and each account's latest score, or one account's with its history",
        parameters: [
          param(
            "account",
            "Only this account (12 digits), with its daily history. An account outside your scope is a 404, like one that does not exist.",
            { type: "string", pattern: "^\\d{12}$" },
          ),
          param("days", "Days of history returned with `account`.", { type: "integer", minimum: 1, maximum: 365, default: 30 }),
        ],
        responses: {
          "200": {
            description:
              "Scores. `score` is null when no item of an account could be measured: missing evidence is never a pass; `coverage` says how much could be.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data"],
                  properties: {
                    organisation: { $ref: "#/components/schemas/OrgScore" },
                    data: { type: "array", items: { $ref: "#/components/schemas/AccountScore" } },
                  },
                },
              },
            },
          },
          ...errorResponses,
          "404": {
            description: "`account` is not in your scope or does not exist.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        },
      },
    },
    "/api/v1/findings": {
      get: {
        operationId: "listFindings",
        summary: "Findings, with the findings explorer's filters, order and keyset cursors",
        parameters: [
          multiParam("account", "AWS account ids (12 digits); any of them.", { type: "string", pattern: "^\\d{12}$" }),
          multiParam("source", "Where the finding comes from; any of them.", { type: "string", enum: [...FINDING_SOURCES] }),
          multiParam("severity", "Severity labels (any case); any of them.", { type: "string", enum: [...SEVERITY_LABELS] }),
          param("status", "Finding status; `all` for every status.", { type: "string", enum: [...FINDING_STATUSES], default: "active" }),
          param("control", "Security Hub control id, exactly (e.g. IAM.6).", { type: "string", maxLength: 64 }),
          param("type", "Text the finding type contains (case-insensitive).", { type: "string", maxLength: 200 }),
          multiParam("region", "AWS regions, e.g. eu-west-1; any of them.", { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" }),
          param("q", "Text the title contains (case-insensitive).", { type: "string", maxLength: 200 }),
          param("copies", "Include Security Hub's copies of GuardDuty findings (hidden by default: the GuardDuty record is the finding).", {
            type: "string",
            enum: ["1", "true", "0", "false"],
          }),
          param("passed", "Include Security Hub control results that passed.", { type: "string", enum: ["1", "true", "0", "false"] }),
          param(
            "sort",
            "The column to order by (`control` and `resource` sort a missing value as empty text); ties by id, in the same direction.",
            { type: "string", enum: [...FINDING_SORTS], default: "severity" },
          ),
          param("dir", "`desc` (highest, newest or Z first) or `asc`.", { type: "string", enum: [...SORT_DIRECTIONS], default: "desc" }),
          param(
            "after",
            "The `next` cursor of the previous response: the page after it. Only valid with the same `sort` (and meant for the same `dir`).",
            {
              type: "string",
            },
          ),
          param("before", "The `previous` cursor of a response: the page before it. Not with `after`.", { type: "string" }),
          param("limit", "Findings per page.", {
            type: "integer",
            minimum: 1,
            maximum: API_FINDINGS_MAX_LIMIT,
            default: API_FINDINGS_DEFAULT_LIMIT,
          }),
        ],
        responses: {
          "200": {
            description: "One page. Follow `next` (as `after`) until it is null to read every match exactly once.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data", "next", "previous"],
                  properties: {
                    data: { type: "array", items: { $ref: "#/components/schemas/Finding" } },
                    next: nullable("string"),
                    previous: nullable("string"),
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerToken: {
        type: "http",
        scheme: "bearer",
        description: "An API token (`parapet_` + 43 characters) from the console's API tokens page.",
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error", "message"],
        properties: { error: { type: "string", examples: ["INVALID_INPUT"] }, message: { type: "string" } },
      },
      Account: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          owner: nullable("string"),
          roleArn: nullable("string"),
          regions: { type: "array", items: { type: "string" } },
          status: { type: "string", enum: ["pending", "active", "unreachable", "disabled", "data_only"] },
          statusError: nullable("string"),
          lastCollectedAt: nullable("string", { format: "date-time" }),
          score: nullable("number"),
          coverage: nullable("number"),
          lastRunStatus: nullable("string"),
          lastRunStartedAt: nullable("string", { format: "date-time" }),
        },
      },
      ScoreFigures: {
        type: "object",
        properties: {
          score: nullable("number"),
          riskAdjustedScore: nullable("number"),
          coverage: nullable("number"),
          weightApplicable: { type: "number" },
          weightWithData: { type: "number" },
        },
      },
      OrgScore: {
        allOf: [
          { $ref: "#/components/schemas/ScoreFigures" },
          {
            type: "object",
            properties: {
              accountCount: { type: "integer" },
              domains: { type: "object", additionalProperties: { $ref: "#/components/schemas/ScoreFigures" } },
            },
          },
        ],
      },
      AccountScore: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          status: { type: "string" },
          statusError: nullable("string"),
          lastCollectedAt: nullable("string", { format: "date-time" }),
          score: nullable("number"),
          riskAdjustedScore: nullable("number"),
          coverage: nullable("number"),
          critical: { type: "integer" },
          high: { type: "integer" },
          medium: { type: "integer" },
          low: { type: "integer" },
          informational: { type: "integer" },
          failedSteps: { type: "integer" },
          history: {
            type: "array",
            description: "Only with `account`: one point per daily snapshot, oldest first.",
            items: {
              type: "object",
              properties: {
                day: { type: "string", format: "date" },
                score: nullable("number"),
                riskAdjustedScore: nullable("number"),
                coverage: nullable("number"),
              },
            },
          },
        },
      },
      Finding: {
        type: "object",
        properties: {
          id: { type: "string" },
          source: { type: "string", enum: [...FINDING_SOURCES] },
          sourceId: { type: "string" },
          accountId: { type: "string" },
          accountName: { type: "string" },
          region: { type: "string" },
          type: { type: "string" },
          title: { type: "string" },
          severity: { type: "number", minimum: 0, maximum: 100 },
          severityLabel: { type: "string", enum: [...SEVERITY_LABELS] },
          status: { type: "string" },
          workflowStatus: nullable("string"),
          complianceStatus: nullable("string"),
          controlId: nullable("string"),
          resourceType: nullable("string"),
          resourceId: nullable("string"),
          firstSeenAt: dateTime,
          lastSeenAt: dateTime,
          linkedGuardDutyId: nullable("string"),
        },
      },
    },
  },
} as const;
