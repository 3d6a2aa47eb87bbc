import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { discoverAccounts } from "@/lib/aws/discover-accounts";
import { startSimulator, type Simulator } from "@/sim/index";

/** Discovery through the real SDK against the simulator's Organizations: accounts, OU paths (walked up with ListParents) and tags. */
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 25, regions: ["us-east-1"], seed: "discovery" });
});

afterAll(async () => {
  await sim?.close();
});

const context = () => ({
  endpoint: sim.url,
  baseCredentials: sim.baseCredentials,
  baseRegion: "us-east-1",
  sessionName: "parapet-test",
  maxAttempts: 3,
});
const management = () => sim.org.accounts[0]!;

/** The path the simulator's tree gives an account, worked out from the org itself: root first. */
function expectedPath(accountId: string): string {
  const path: string[] = [];
  let parent = sim.org.accounts.find((account) => account.id === accountId)!.parentId;
  while (!parent.startsWith("r-")) {
    path.unshift(parent);
    parent = sim.org.organizationalUnits.find((unit) => unit.id === parent)!.parentId;
  }
  return [parent, ...path].join("/");
}

describe("discoverAccounts", () => {
  test("every account with its OU path and Organizations tags", async () => {
    const { accounts, placementError } = await discoverAccounts(context(), {
      accountId: management().id,
      roleArn: management().roleArn,
      externalId: management().externalId,
    });
    expect(placementError).toBeNull();
    expect(accounts.map((account) => account.id)).toEqual(sim.org.accounts.map((account) => account.id));
    for (const account of accounts) {
      expect(account.ouPath, account.id).toBe(expectedPath(account.id));
      expect(account.tags, account.id).toEqual(sim.org.accounts.find((candidate) => candidate.id === account.id)!.tags);
    }
    expect(accounts[0]!.ouPath).toBe(sim.org.rootId);
    expect(new Set(accounts.map((account) => account.ouPath)).size).toBeGreaterThanOrEqual(4);
  });

  test("names the root and every OU on the accounts' paths (each OU once), and only those", async () => {
    const { accounts, organizationalUnits, namesError } = await discoverAccounts(context(), {
      accountId: management().id,
      roleArn: management().roleArn,
      externalId: management().externalId,
    });
    expect(namesError).toBeNull();
    const onPaths = new Set(accounts.flatMap((account) => account.ouPath!.split("/").filter((id) => id.startsWith("ou-"))));
    // Worked out from the simulator's own tree: the names it gave the OUs that hold an account (or an OU that does).
    const expected = [
      { id: sim.org.rootId, name: "Root" },
      ...sim.org.organizationalUnits.filter((unit) => onPaths.has(unit.id)).map((unit) => ({ id: unit.id, name: unit.name })),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(organizationalUnits).toEqual(expected);
    expect(organizationalUnits.map((unit) => unit.name)).toEqual(expect.arrayContaining(["Root", "Prod", "Workloads"]));
  });

  test("a role that may not describe OUs still discovers paths and tags, without names, and says what to allow", async () => {
    sim.setFaults([{ kind: "access-denied", service: "organizations", operation: "DescribeOrganizationalUnit" }]);
    try {
      const { accounts, placementError, organizationalUnits, namesError } = await discoverAccounts(context(), {
        accountId: management().id,
        roleArn: management().roleArn,
        externalId: management().externalId,
      });
      expect(placementError).toBeNull();
      expect(accounts.every((account) => account.ouPath !== null)).toBe(true);
      expect(organizationalUnits).toEqual([]);
      expect(namesError).toMatch(/^AccessDeniedException: .*organizations:DescribeOrganizationalUnit/);
    } finally {
      sim.clearFaults();
    }
  });

  test("a role allowed ListAccounts but not ListParents still discovers the accounts, and says what it could not read", async () => {
    sim.setFaults([{ kind: "access-denied", service: "organizations", operation: "ListParents" }]);
    try {
      const { accounts, placementError } = await discoverAccounts(context(), {
        accountId: management().id,
        roleArn: management().roleArn,
        externalId: management().externalId,
      });
      expect(accounts).toHaveLength(sim.org.accounts.length);
      expect(accounts.every((account) => account.ouPath === null && Object.keys(account.tags).length === 0)).toBe(true);
      expect(placementError).toMatch(/^AccessDeniedException: .*organizations:ListParents/);
    } finally {
      sim.clearFaults();
    }
  });
});
