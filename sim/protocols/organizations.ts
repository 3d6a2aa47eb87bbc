import { decodeToken, encodeToken, page, parseJsonBody, type HandlerResult, type RequestContext } from "./request-context";
import { SimError } from "./sim-error";

/** AWS Organizations over JSON 1.1 (target prefix AWSOrganizationsV20161128). */
export async function handleOrganizations(ctx: RequestContext): Promise<HandlerResult> {
  const { org } = ctx.state;
  if (ctx.serviceDisabled) throw new SimError("AWSOrganizationsNotInUseException", 400, "Your account is not a member of an organization.");
  const body = parseJsonBody(ctx, "InvalidInputException");
  const mgmt = org.managementAccountId;
  const accountArn = (id: string) => `arn:aws:organizations::${mgmt}:account/${org.organizationId}/${id}`;
  switch (ctx.operation) {
    case "DescribeOrganization": {
      const management = org.accounts.find((a) => a.id === mgmt);
      return {
        kind: "json",
        body: {
          Organization: {
            Id: org.organizationId,
            Arn: `arn:aws:organizations::${mgmt}:organization/${org.organizationId}`,
            FeatureSet: "ALL",
            MasterAccountArn: accountArn(mgmt),
            MasterAccountId: mgmt,
            MasterAccountEmail: management?.email ?? "",
            AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
          },
        },
      };
    }
    case "ListAccounts": {
      requireManagementOrDelegatedAdmin(ctx);
      const maxResults = readMaxResults(body);
      // The model: "List* operations can return an empty page while more results exist". The
      // first call answers with such a page so that clients which stop at an empty page fail here, not in AWS.
      if (body.NextToken === undefined || body.NextToken === null || body.NextToken === "") {
        return { kind: "json", body: { Accounts: [], NextToken: encodeToken(0, "accounts") } };
      }
      const offset = decodeToken(
        body.NextToken,
        "accounts",
        () => new SimError("InvalidInputException", 400, "The NextToken value is not valid."),
      );
      const startSeconds = Math.floor(ctx.state.clock.startMs / 1000);
      const all = org.accounts.map((account, index) => ({
        Id: account.id,
        Arn: accountArn(account.id),
        Email: account.email,
        Name: account.name,
        Status: "ACTIVE",
        State: "ACTIVE",
        JoinedMethod: index === 0 ? "CREATED" : index % 3 === 0 ? "INVITED" : "CREATED",
        JoinedTimestamp: startSeconds - (900 - (index % 700)) * 86400,
      }));
      const { items, nextToken } = page(all, offset, maxResults, "accounts");
      return { kind: "json", body: nextToken ? { Accounts: items, NextToken: nextToken } : { Accounts: items } };
    }
    case "ListParents": {
      requireManagementOrDelegatedAdmin(ctx);
      const childId = body.ChildId;
      // The model's ChildId pattern: an account id or an OU id (a root has no parent).
      if (typeof childId !== "string" || !CHILD_ID.test(childId)) {
        throw new SimError("InvalidInputException", 400, "You provided a value that does not match the required pattern: ChildId.");
      }
      const parentId = parentOf(ctx, childId);
      if (parentId === undefined)
        throw new SimError(
          "ChildNotFoundException",
          400,
          "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
        );
      const maxResults = readMaxResults(body);
      const fingerprint = `parents:${childId}`;
      const offset = decodeToken(
        body.NextToken,
        fingerprint,
        () => new SimError("InvalidInputException", 400, "The NextToken value is not valid."),
      );
      const parents = [{ Id: parentId, Type: parentId.startsWith("r-") ? "ROOT" : "ORGANIZATIONAL_UNIT" }];
      const { items, nextToken } = page(parents, offset, maxResults, fingerprint);
      return { kind: "json", body: nextToken ? { Parents: items, NextToken: nextToken } : { Parents: items } };
    }
    case "ListTagsForResource": {
      requireManagementOrDelegatedAdmin(ctx);
      const resourceId = body.ResourceId;
      if (typeof resourceId !== "string" || !TAGGABLE_ID.test(resourceId)) {
        throw new SimError("InvalidInputException", 400, "You provided a value that does not match the required pattern: ResourceId.");
      }
      const tags = tagsOf(ctx, resourceId);
      if (tags === undefined)
        throw new SimError(
          "TargetNotFoundException",
          400,
          "We can't find a root, OU, account, or policy with the TargetId that you specified.",
        );
      // No MaxResults in the model; pages of 20 so clients must follow NextToken.
      const fingerprint = `tags:${resourceId}`;
      const offset = decodeToken(
        body.NextToken,
        fingerprint,
        () => new SimError("InvalidInputException", 400, "The NextToken value is not valid."),
      );
      const all = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      const { items, nextToken } = page(all, offset, TAGS_PAGE_SIZE, fingerprint);
      return { kind: "json", body: nextToken ? { Tags: items, NextToken: nextToken } : { Tags: items } };
    }
    case "ListRoots": {
      requireManagementOrDelegatedAdmin(ctx);
      const maxResults = readMaxResults(body);
      const offset = decodeToken(
        body.NextToken,
        "roots",
        () => new SimError("InvalidInputException", 400, "The NextToken value is not valid."),
      );
      const roots = [
        {
          Id: org.rootId,
          Arn: `arn:aws:organizations::${mgmt}:root/${org.organizationId}/${org.rootId}`,
          Name: "Root",
          PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
        },
      ];
      const { items, nextToken } = page(roots, offset, maxResults, "roots");
      return { kind: "json", body: nextToken ? { Roots: items, NextToken: nextToken } : { Roots: items } };
    }
    case "DescribeOrganizationalUnit": {
      requireManagementOrDelegatedAdmin(ctx);
      const unitId = body.OrganizationalUnitId;
      if (typeof unitId !== "string" || !OU_ID.test(unitId)) {
        throw new SimError(
          "InvalidInputException",
          400,
          "You provided a value that does not match the required pattern: OrganizationalUnitId.",
        );
      }
      const unit = org.organizationalUnits.find((candidate) => candidate.id === unitId);
      if (!unit)
        throw new SimError(
          "OrganizationalUnitNotFoundException",
          400,
          "We can't find an OU with the OrganizationalUnitId that you specified.",
        );
      return {
        kind: "json",
        body: {
          OrganizationalUnit: { Id: unit.id, Arn: `arn:aws:organizations::${mgmt}:ou/${org.organizationId}/${unit.id}`, Name: unit.name },
        },
      };
    }
    default:
      throw new SimError("UnknownOperationException", 400, `The simulator does not implement ${ctx.operation}.`);
  }
}

/** The model's patterns (ChildId, TaggableResourceId without policies and resource policies). */
const CHILD_ID = /^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const TAGGABLE_ID = /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const TAGS_PAGE_SIZE = 20;
/** The model's OrganizationalUnitId pattern. */
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** The model: ListAccounts, ListParents, ListTagsForResource, ListRoots and DescribeOrganizationalUnit answer only the management account or a delegated administrator. */
function requireManagementOrDelegatedAdmin(ctx: RequestContext): void {
  const { org } = ctx.state;
  if (ctx.principal.accountId !== org.managementAccountId && ctx.principal.accountId !== org.delegatedAdminAccountId) {
    throw new SimError("AccessDeniedException", 400, "You don't have permissions to access this resource.");
  }
}

function readMaxResults(body: Record<string, unknown>): number {
  const maxResults = body.MaxResults === undefined || body.MaxResults === null ? 20 : Number(body.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20) {
    throw new SimError(
      "InvalidInputException",
      400,
      "You provided a value that does not match the required pattern: MaxResults must be between 1 and 20.",
    );
  }
  return maxResults;
}

function parentOf(ctx: RequestContext, childId: string): string | undefined {
  const { org } = ctx.state;
  if (childId.startsWith("ou-")) return org.organizationalUnits.find((unit) => unit.id === childId)?.parentId;
  return (org.accounts.find((account) => account.id === childId) ?? ctx.state.store.account(childId))?.parentId;
}

function tagsOf(ctx: RequestContext, resourceId: string): Record<string, string> | undefined {
  const { org } = ctx.state;
  if (resourceId === org.rootId) return {};
  if (resourceId.startsWith("ou-")) return org.organizationalUnits.find((unit) => unit.id === resourceId)?.tags;
  return (org.accounts.find((account) => account.id === resourceId) ?? ctx.state.store.account(resourceId))?.tags;
}
