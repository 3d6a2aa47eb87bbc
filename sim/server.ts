import type { IncomingMessage, ServerResponse } from "node:http";
import { parseAuthorization, verifySignature } from "./auth/sigv4-verify";
import type { FaultEngine } from "./faults";
import { validateFault } from "./faults";
import { jsonTargetOperation } from "./protocols/operation-names";
import { handleCloudTrail } from "./protocols/cloudtrail";
import { guardDutyOperation, handleGuardDuty } from "./protocols/guardduty";
import { handleOrganizations } from "./protocols/organizations";
import type { HandlerResult, RequestContext, SimState } from "./protocols/request-context";
import { handleSecurityHub, securityHubOperation } from "./protocols/securityhub";
import { isSimError, SimError } from "./protocols/sim-error";
import { handleSts, stsOperation } from "./protocols/sts";
import { SERVICE_PROTOCOL, sendError, sendJson, sendPlainJson, sendQueryResult } from "./protocols/wire";
import { THROTTLE_ERRORS, type QuotaEngine } from "./quotas";
import type { FaultSpec, ServiceName } from "./types";

export interface ServerDeps {
  state: SimState;
  faults: FaultEngine;
  quotas: QuotaEngine;
  advanceTime(ms: number): unknown;
  setFaults(faults: FaultSpec[]): void;
  localPort(): number;
}

const SERVICES: ReadonlySet<string> = new Set(["sts", "organizations", "guardduty", "securityhub", "cloudtrail"]);
const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Without a signature there is no credential scope, so guess the service from the request shape to answer in its protocol. */
function guessService(req: IncomingMessage, path: string, body: Buffer): ServiceName | null {
  const target = String(req.headers["x-amz-target"] ?? "");
  if (target.startsWith("AWSOrganizations")) return "organizations";
  if (target.includes("CloudTrail")) return "cloudtrail";
  if (path.startsWith("/detector")) return "guardduty";
  if (["/accounts", "/findings", "/standards/get"].includes(path)) return "securityhub";
  if (body.toString("utf8").includes("Action=") || path === "/") return "sts";
  return null;
}

function operationOf(service: ServiceName, req: IncomingMessage, path: string, query: URLSearchParams, body: Buffer): string {
  switch (service) {
    case "sts":
      return stsOperation(body, query);
    case "organizations":
    case "cloudtrail":
      return jsonTargetOperation(String(req.headers["x-amz-target"] ?? ""));
    case "guardduty":
      return guardDutyOperation(req.method ?? "GET", path).operation;
    case "securityhub":
      return securityHubOperation(req.method ?? "GET", path);
  }
}

function authError(service: ServiceName, kind: "missing" | "unknown" | "expired" | "signature"): SimError {
  const protocol = SERVICE_PROTOCOL[service];
  const isQuery = protocol === "query";
  switch (kind) {
    case "missing":
      return new SimError(
        isQuery ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
        403,
        "Request is missing Authentication Token",
      );
    case "unknown":
      return isQuery
        ? new SimError("InvalidClientTokenId", 403, "The security token included in the request is invalid.")
        : new SimError(
            "UnrecognizedClientException",
            protocol === "json" ? 400 : 403,
            "The security token included in the request is invalid.",
          );
    case "expired":
      return new SimError("ExpiredTokenException", isQuery ? 400 : 403, "The security token included in the request is expired");
    case "signature":
      return new SimError(
        isQuery ? "SignatureDoesNotMatch" : "InvalidSignatureException",
        403,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
      );
  }
}

function faultError(fault: FaultSpec, service: ServiceName, operation: string, principalArn: string): SimError | null {
  const protocol = SERVICE_PROTOCOL[service];
  switch (fault.kind) {
    case "throttle": {
      const t = THROTTLE_ERRORS[service];
      return new SimError(t.code, t.status, t.message);
    }
    case "access-denied":
      return new SimError(
        service === "sts" ? "AccessDenied" : "AccessDeniedException",
        protocol === "json" ? 400 : 403,
        `User: ${principalArn} is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`,
      );
    case "server-error": {
      const code = {
        sts: "InternalFailure",
        organizations: "ServiceException",
        cloudtrail: "InternalFailure",
        guardduty: "InternalServerErrorException",
        securityhub: "InternalException",
      }[service];
      return new SimError(code, 500, "We encountered an internal error. Please try again.", false);
    }
    default:
      return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString("utf8"));
}

async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, deps: ServerDeps): Promise<void> {
  const method = req.method ?? "GET";
  try {
    if (path === "/_sim/health") return sendPlainJson(res, 200, { ok: true });
    if (path === "/_sim/org" && method === "GET") return sendPlainJson(res, 200, deps.state.org);
    if (path === "/_sim/faults") {
      if (method === "GET") return sendPlainJson(res, 200, deps.faults.list());
      if (method === "DELETE") {
        deps.faults.clear();
        return sendPlainJson(res, 200, []);
      }
      if (method === "POST") {
        const payload = await readJson(req);
        const list = Array.isArray(payload) ? payload : [payload];
        const faults: FaultSpec[] = [];
        for (const [index, item] of list.entries()) {
          const result = validateFault(item);
          if (!result.ok) return sendPlainJson(res, 400, { message: `fault ${index}: ${result.reason}` });
          faults.push(result.fault);
        }
        deps.setFaults(faults);
        return sendPlainJson(res, 200, deps.faults.list());
      }
    }
    if (path === "/_sim/time") {
      if (method === "GET") return sendPlainJson(res, 200, { now: deps.state.clock.now().toISOString() });
      if (method === "POST") {
        const payload = (await readJson(req)) as { advanceMs?: unknown } | undefined;
        const ms = Number(payload?.advanceMs);
        if (!Number.isFinite(ms) || ms < 0) return sendPlainJson(res, 400, { message: "advanceMs must be a non-negative number" });
        const summary = deps.advanceTime(ms);
        return sendPlainJson(res, 200, { now: deps.state.clock.now().toISOString(), summary });
      }
    }
    if (path === "/_sim/stats" && method === "GET") {
      return sendPlainJson(res, 200, {
        served: Object.fromEntries(deps.quotas.served),
        throttled: Object.fromEntries(deps.quotas.throttled),
      });
    }
    sendPlainJson(res, 404, { message: `no admin endpoint ${method} ${path}` });
  } catch (error) {
    sendPlainJson(res, 400, { message: error instanceof Error ? error.message : String(error) });
  }
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handleRequest(req, res, deps).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendPlainJson(res, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));
  if (path.startsWith("/_sim/")) return handleAdmin(req, res, path, deps);

  const body = await readBody(req);
  const authHeader = req.headers.authorization;
  const auth = parseAuthorization(typeof authHeader === "string" ? authHeader : undefined);
  const service = (auth && SERVICES.has(auth.service) ? (auth.service as ServiceName) : null) ?? guessService(req, path, body);
  if (!service) return sendPlainJson(res, 400, { message: `The simulator does not serve ${auth?.service ?? "this request"}.` });
  if (!auth) return sendError(res, service, authError(service, authHeader ? "signature" : "missing"));

  const { state } = deps;
  const token = req.headers["x-amz-security-token"];
  const lookup = state.credentials.lookup(auth.accessKeyId, typeof token === "string" ? token : undefined, state.clock.nowMs());
  if (lookup.status === "unknown") return sendError(res, service, authError(service, "unknown"));
  if (lookup.status === "expired") return sendError(res, service, authError(service, "expired"));
  const signed = verifySignature({
    method: req.method ?? "GET",
    url: rawUrl,
    headers: req.headers,
    body,
    auth,
    secretAccessKey: lookup.secretAccessKey,
    localPort: deps.localPort(),
  });
  if (!signed) return sendError(res, service, authError(service, "signature"));

  const principal = lookup.principal;
  const operation = operationOf(service, req, path, query, body);
  const region = auth.region;
  const ctx: RequestContext = {
    state,
    service,
    operation,
    region,
    principal,
    method: req.method ?? "GET",
    path,
    query,
    headers: req.headers,
    body,
    serviceDisabled: false,
  };

  const fault = deps.faults.pick({ accountId: principal.accountId, region, service, operation });
  if (fault) {
    if (fault.kind === "drop-connection") {
      req.socket.destroy();
      return;
    }
    if (fault.kind === "slow") await sleep(fault.delayMs ?? 2000);
    if (fault.kind === "expire-credentials") {
      if (principal.kind === "session") state.credentials.revoke(principal.accessKeyId);
      return sendError(res, service, authError(service, "expired"));
    }
    if (fault.kind === "service-disabled") ctx.serviceDisabled = true;
    const error = faultError(fault, service, operation, principal.arn);
    if (error) {
      if (fault.kind === "throttle") deps.quotas.recordFaultThrottle(service, operation);
      return sendError(res, service, error);
    }
  }

  if (!deps.quotas.take(service, operation, principal.accountId, region)) {
    const t = THROTTLE_ERRORS[service];
    return sendError(res, service, new SimError(t.code, t.status, t.message));
  }

  let result: HandlerResult;
  try {
    result = await dispatch(ctx);
  } catch (error) {
    if (isSimError(error)) return sendError(res, service, error);
    return sendError(
      res,
      service,
      new SimError(
        service === "guardduty" ? "InternalServerErrorException" : "InternalFailure",
        500,
        error instanceof Error ? error.message : String(error),
        false,
      ),
    );
  }
  if (result.kind === "xml") return sendQueryResult(res, result.action, result.inner);
  const protocol = SERVICE_PROTOCOL[service];
  sendJson(res, protocol === "json" ? "json" : "rest-json", result.body);
}

function dispatch(ctx: RequestContext): Promise<HandlerResult> {
  switch (ctx.service) {
    case "sts":
      return handleSts(ctx);
    case "organizations":
      return handleOrganizations(ctx);
    case "guardduty":
      return handleGuardDuty(ctx);
    case "securityhub":
      return handleSecurityHub(ctx);
    case "cloudtrail":
      return handleCloudTrail(ctx);
  }
}
