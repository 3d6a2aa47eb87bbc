import { escapeXml } from "./wire";
import type { HandlerResult, RequestContext } from "./request-context";
import { SimError } from "./sim-error";

/** STS over AWS Query: form-encoded POST, XML result in the 2011-06-15 namespace. */

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(.+)$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** AWS's default MaxSessionDuration for a role; role chaining is capped at one hour too. */
const ROLE_MAX_SESSION_SECONDS = 3600;

function formParams(ctx: RequestContext): URLSearchParams {
  const params = new URLSearchParams(ctx.body.toString("utf8"));
  for (const [key, value] of ctx.query) if (!params.has(key)) params.set(key, value);
  return params;
}

export function stsOperation(body: Buffer, query: URLSearchParams): string {
  return new URLSearchParams(body.toString("utf8")).get("Action") ?? query.get("Action") ?? "";
}

function xmlIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function handleSts(ctx: RequestContext): Promise<HandlerResult> {
  const params = formParams(ctx);
  switch (ctx.operation) {
    case "GetCallerIdentity":
      return {
        kind: "xml",
        action: "GetCallerIdentity",
        inner:
          `    <Arn>${escapeXml(ctx.principal.arn)}</Arn>\n` +
          `    <UserId>${escapeXml(ctx.principal.userId)}</UserId>\n` +
          `    <Account>${ctx.principal.accountId}</Account>\n`,
      };
    case "AssumeRole":
      return assumeRole(ctx, params);
    default:
      throw new SimError("InvalidAction", 400, `Could not find operation ${ctx.operation || "(none)"} for version 2011-06-15`);
  }
}

function assumeRole(ctx: RequestContext, params: URLSearchParams): HandlerResult {
  const roleArn = params.get("RoleArn") ?? "";
  const sessionName = params.get("RoleSessionName") ?? "";
  const externalId = params.get("ExternalId");
  const durationRaw = params.get("DurationSeconds");
  if (!roleArn || roleArn.length < 20)
    throw new SimError(
      "ValidationError",
      400,
      "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw new SimError(
      "ValidationError",
      400,
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64`,
    );
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw new SimError(
      "ValidationError",
      400,
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (externalId !== null && !EXTERNAL_ID.test(externalId)) {
    throw new SimError(
      "ValidationError",
      400,
      "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
    );
  }
  const duration = durationRaw === null ? 3600 : Number(durationRaw);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new SimError(
      "ValidationError",
      400,
      `1 validation error detected: Value '${durationRaw}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const denied = () =>
    new SimError("AccessDenied", 403, `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw denied();
  const [, accountId, roleName] = match;
  const account = accountId ? ctx.state.store.account(accountId) : undefined;
  if (!account || !accountId || roleName !== "ParapetReadOnly" || account.roleArn !== roleArn) throw denied();
  if (externalId !== account.externalId) throw denied();
  const maxDuration = ctx.principal.kind === "session" ? 3600 : ROLE_MAX_SESSION_SECONDS;
  if (duration > maxDuration) {
    throw new SimError("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  const issued = ctx.state.credentials.issueSession({
    accountId,
    roleArn,
    sessionName,
    nowMs: ctx.state.clock.nowMs(),
    durationSeconds: duration,
  });
  const assumedArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  return {
    kind: "xml",
    action: "AssumeRole",
    inner:
      `    <AssumedRoleUser>\n      <AssumedRoleId>${issued.roleId}:${escapeXml(sessionName)}</AssumedRoleId>\n      <Arn>${escapeXml(assumedArn)}</Arn>\n    </AssumedRoleUser>\n` +
      `    <Credentials>\n      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey>\n` +
      `      <SessionToken>${escapeXml(issued.sessionToken)}</SessionToken>\n      <Expiration>${xmlIso(issued.expiration)}</Expiration>\n    </Credentials>\n`,
  };
}
