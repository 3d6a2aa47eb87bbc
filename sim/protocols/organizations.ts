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
      // The model: only the management account or a delegated administrator may list accounts.
      if (ctx.principal.accountId !== mgmt && ctx.principal.accountId !== org.delegatedAdminAccountId) {
        throw new SimError("AccessDeniedException", 400, "You don't have permissions to access this resource.");
      }
      const maxResults = body.MaxResults === undefined ? 20 : Number(body.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20) {
        throw new SimError("InvalidInputException", 400, "You provided a value that does not match the required pattern: MaxResults must be between 1 and 20.");
      }
      // The model: "List* operations can return an empty page while more results exist". The
      // first call answers with such a page so that clients which stop at an empty page fail here, not in AWS.
      if (body.NextToken === undefined || body.NextToken === null || body.NextToken === "") {
        return { kind: "json", body: { Accounts: [], NextToken: encodeToken(0, "accounts") } };
      }
      const offset = decodeToken(body.NextToken, "accounts", () => new SimError("InvalidInputException", 400, "The NextToken value is not valid."));
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
    default:
      throw new SimError("UnknownOperationException", 400, `The simulator does not implement ${ctx.operation}.`);
  }
}
