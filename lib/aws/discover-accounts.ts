import "server-only";
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { AssumedRoleCache, type RoleTarget } from "@/lib/aws/assume-role";
import { clientConfig, type AwsContext } from "@/lib/aws/context";
import { applyRateLimit, RateLimiter } from "@/lib/aws/rate-limits";

export interface OrganizationAccount {
  id: string;
  name: string;
  email: string | null;
  /** ACTIVE | SUSPENDED | PENDING_CLOSURE (Status), or State when only that is sent */
  status: string;
  joinedMethod: string | null;
  joinedAt: Date | null;
  /** Root first: r-xxxx/ou-xxxx-aaaaaaaa/...; null when the role may not call ListParents. */
  ouPath: string | null;
  /** Organizations tags of the account; empty when the role may not call ListTagsForResource. */
  tags: Record<string, string>;
}

/** A root or OU on a discovered account's path, with the name Organizations gives it. */
export interface OrganizationUnitName {
  id: string;
  name: string;
}

export interface OrganizationDiscovery {
  accounts: OrganizationAccount[];
  /** Why OU paths and tags are missing (e.g. organizations:ListParents not allowed), null when they are complete. */
  placementError: string | null;
  /**
   * The names of the roots and OUs on the accounts' paths (ListRoots, DescribeOrganizationalUnit),
   * so pickers can show "Prod" rather than ou-ab12-34cd56ef; empty when the role may not ask.
   */
  organizationalUnits: OrganizationUnitName[];
  /** Why the OU names are missing (e.g. organizations:DescribeOrganizationalUnit not allowed), null when they are complete. */
  namesError: string | null;
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

/** An OU tree is at most 5 levels deep (Organizations quota); a deeper walk is a loop. */
const MAX_OU_DEPTH = 6;
/** Placement calls in flight at once: Organizations answers TooManyRequests beyond a few per second. */
const PLACEMENT_CONCURRENCY = 3;

async function allPages<T>(
  fetchPage: (token: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>,
  what: string,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(token);
    items.push(...result.items);
    token = result.nextToken || undefined;
    if (!token) return items;
    if (seen.has(token)) throw new Error(`organizations:${what} returned a NextToken it had already returned`);
    seen.add(token);
  }
  throw new Error(`organizations:${what} still had more pages after ${MAX_PAGES} pages`);
}

/**
 * Each account's OU path (ListParents, walking up to the root; an OU's parent is asked
 * once for the whole organisation) and its tags (ListTagsForResource).
 */
async function placeAccounts(client: OrganizationsClient, accounts: OrganizationAccount[]): Promise<void> {
  const parents = new Map<string, Promise<string>>();
  const parentOf = (childId: string) => {
    let parent = parents.get(childId);
    if (!parent) {
      parent = allPages(async (token) => {
        const output = await client.send(new ListParentsCommand({ ChildId: childId, ...(token ? { NextToken: token } : {}) }));
        return { items: output.Parents ?? [], nextToken: output.NextToken };
      }, "ListParents").then((found) => {
        const id = found[0]?.Id;
        if (!id) throw new Error(`organizations:ListParents named no parent for ${childId}`);
        return id;
      });
      parents.set(childId, parent);
    }
    return parent;
  };
  const pathOf = async (accountId: string) => {
    const path: string[] = [];
    let child = accountId;
    for (let depth = 0; depth < MAX_OU_DEPTH; depth += 1) {
      const parent = await parentOf(child);
      path.unshift(parent);
      if (parent.startsWith("r-")) return path.join("/");
      child = parent;
    }
    throw new Error(`organizations:ListParents: ${accountId} is more than ${MAX_OU_DEPTH} levels below a root`);
  };
  const queue = [...accounts];
  const work = async () => {
    for (let account = queue.shift(); account; account = queue.shift()) {
      account.ouPath = await pathOf(account.id);
      const tags = await allPages(async (token) => {
        const output = await client.send(
          new ListTagsForResourceCommand({ ResourceId: account!.id, ...(token ? { NextToken: token } : {}) }),
        );
        return { items: output.Tags ?? [], nextToken: output.NextToken };
      }, "ListTagsForResource");
      account.tags = Object.fromEntries(tags.flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? ""]] : [])));
    }
  };
  await Promise.all(Array.from({ length: PLACEMENT_CONCURRENCY }, work));
}

/**
 * The names of the roots (ListRoots) and of every OU on the accounts' paths
 * (DescribeOrganizationalUnit, each OU once). A role without these permissions still
 * discovers: the ids are shown where a name is missing, and the error says what to allow.
 */
async function nameUnits(
  client: OrganizationsClient,
  accounts: OrganizationAccount[],
): Promise<{ units: OrganizationUnitName[]; error: string | null }> {
  const unitIds = [
    ...new Set(accounts.flatMap((account) => (account.ouPath ?? "").split("/").filter((id) => id.startsWith("ou-")))),
  ].sort();
  try {
    const roots = await allPages(async (token) => {
      const output = await client.send(new ListRootsCommand({ ...(token ? { NextToken: token } : {}) }));
      return { items: output.Roots ?? [], nextToken: output.NextToken };
    }, "ListRoots");
    const units: OrganizationUnitName[] = roots.flatMap((root) => (root.Id && root.Name ? [{ id: root.Id, name: root.Name }] : []));
    const queue = [...unitIds];
    const work = async () => {
      for (let unitId = queue.shift(); unitId; unitId = queue.shift()) {
        const output = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unitId }));
        const name = output.OrganizationalUnit?.Name;
        if (name) units.push({ id: unitId, name });
      }
    };
    await Promise.all(Array.from({ length: PLACEMENT_CONCURRENCY }, work));
    return { units: units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), error: null };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== "AccessDeniedException") throw error;
    return {
      units: [],
      error: `${name}: ${(error as Error).message} (allow organizations:ListRoots and organizations:DescribeOrganizationalUnit for OU names)`,
    };
  }
}

/**
 * Every account of the organisation, through organizations:ListAccounts with the role of
 * a management or delegated-administrator account, with its OU path and tags, and the
 * names of the roots and OUs on those paths. Pages until
 * NextToken is absent: an empty page that carries a token is legal and means "keep going"
 * (API_FACTS). A role allowed ListAccounts but not ListParents / ListTagsForResource still
 * discovers the accounts; the placement error says what is missing.
 */
export async function discoverAccounts(context: AwsContext, target: RoleTarget): Promise<OrganizationDiscovery> {
  const roles = new AssumedRoleCache(context);
  const client = new OrganizationsClient({
    ...clientConfig(context, organizationsRegion(target.roleArn), roles.providerFor(target)),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  // One ListParents per account and OU plus one ListTagsForResource per account: paced at
  // the quota so a large organisation is not throttled into a failed discovery.
  applyRateLimit(client, new RateLimiter(), {
    accountId: target.accountId,
    region: organizationsRegion(target.roleArn),
    service: "organizations",
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
          ouPath: null,
          tags: {},
        });
      }
      nextToken = output.NextToken || undefined;
      if (!nextToken) {
        try {
          await placeAccounts(client, accounts);
          const names = await nameUnits(client, accounts);
          return { accounts, placementError: null, organizationalUnits: names.units, namesError: names.error };
        } catch (error) {
          const name = (error as { name?: string }).name;
          if (name !== "AccessDeniedException") throw error;
          for (const account of accounts) {
            account.ouPath = null;
            account.tags = {};
          }
          return {
            accounts,
            placementError: `${name}: ${(error as Error).message} (allow organizations:ListParents and organizations:ListTagsForResource for OU paths and tags)`,
            organizationalUnits: [],
            namesError: null,
          };
        }
      }
      if (seenTokens.has(nextToken)) throw new Error("organizations:ListAccounts returned a NextToken it had already returned");
      seenTokens.add(nextToken);
    }
    throw new Error(`organizations:ListAccounts still had more pages after ${MAX_PAGES} pages`);
  } finally {
    client.destroy();
    roles.destroy();
  }
}
