import "server-only";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumedRoleCache, type RoleTarget } from "@/lib/aws/assume-role";
import { clientConfig, type AwsContext } from "@/lib/aws/context";

export interface OrganizationAccount {
  id: string;
  name: string;
  email: string | null;
  /** ACTIVE | SUSPENDED | PENDING_CLOSURE (Status), or State when only that is sent */
  status: string;
  joinedMethod: string | null;
  joinedAt: Date | null;
}

/** API_FACTS: ListAccounts MaxResults is 1-20. */
const PAGE_SIZE = 20;
/** 20 x 2,500 pages = 50,000 accounts, well above the Organizations quota; stops a token loop. */
const MAX_PAGES = 2_500;

/** Organizations is a global service served from one region per partition. */
function organizationsRegion(roleArn: string): string {
  const partition = roleArn.split(":")[1] ?? "aws";
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-northwest-1";
  return "us-east-1";
}

/**
 * Every account of the organisation, through organizations:ListAccounts with the role of
 * a management or delegated-administrator account. Pages until NextToken is absent: an
 * empty page that carries a token is legal and means "keep going" (API_FACTS).
 */
export async function discoverAccounts(context: AwsContext, target: RoleTarget): Promise<OrganizationAccount[]> {
  const roles = new AssumedRoleCache(context);
  const client = new OrganizationsClient({
    ...clientConfig(context, organizationsRegion(target.roleArn), roles.providerFor(target)),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  try {
    const accounts: OrganizationAccount[] = [];
    const seenTokens = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await client.send(new ListAccountsCommand({ MaxResults: PAGE_SIZE, ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const account of output.Accounts ?? []) {
        if (!account.Id) continue;
        accounts.push({
          id: account.Id,
          name: account.Name ?? account.Id,
          email: account.Email ?? null,
          status: account.Status ?? account.State ?? "UNKNOWN",
          joinedMethod: account.JoinedMethod ?? null,
          joinedAt: account.JoinedTimestamp ?? null,
        });
      }
      nextToken = output.NextToken || undefined;
      if (!nextToken) return accounts;
      if (seenTokens.has(nextToken)) throw new Error("organizations:ListAccounts returned a NextToken it had already returned");
      seenTokens.add(nextToken);
    }
    throw new Error(`organizations:ListAccounts still had more pages after ${MAX_PAGES} pages`);
  } finally {
    client.destroy();
    roles.destroy();
  }
}
