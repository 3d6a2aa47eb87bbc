import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { buildUserScope, NO_ACCOUNTS, type AccountScope } from "@/lib/auth/account-scope";
import { discoverAccounts } from "@/lib/aws/discover-accounts";
import { createRiskAcceptance } from "@/lib/data/acceptances/create-risk-acceptance";
import { revokeRiskAcceptance } from "@/lib/data/acceptances/revoke-risk-acceptance";
import { updateAccountPlacements } from "@/lib/data/accounts/update-account-placements";
import { updateAccountTags } from "@/lib/data/accounts/update-account-tags";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { queueAccountCollection } from "@/lib/data/runs/queue-account-collection";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isAppError } from "@/lib/errors";
import { startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * Every read function of lib/data, called as a user scoped to two of three accounts, must
 * return nothing of the third: no rows, and no share of any count, sum or trend point. The
 * same two accounts are reached three ways (by account id, by tag, by Organizations OU),
 * and all three users must get identical answers; a scope matching no account gets the
 * answers of an empty scope (nothing, never an error, never everything).
 *
 * Three simulated accounts are collected for real (findings, events, trails, detectors,
 * hubs, cursors, runs), placed in their OUs and tagged by Organizations discovery, scored on
 * three days (results, snapshots, trends) and given a risk acceptance each. Then, per
 * function in READS:
 *  1. the scoped user's answer is recorded, and the outsider account's ids, name and record
 *     ids must not occur in it;
 *  2. for org-wide reads, the admin's answer (all three accounts) must differ from it, so
 *     the third account really contributes and the check can fail;
 *  3. the third account is deleted, and the admin's answer over the two that remain must
 *     equal the scoped user's answer exactly (rows, counts, sums, trend points);
 *  4. per-account reads for the outsider answer NOT_FOUND or nothing for the scoped user,
 *     while the admin got data for it.
 * The table must name every find/get/count/load/build export of lib/data: a new read
 * function fails this test until it joins the table (or is listed as not user-facing).
 */

type Ctx = {
  inside: [string, string];
  outside: string;
  /** Per account: a failing item that has evidence, its accepted item, and one record of each kind (a simulated flaw may leave an account without a trail). */
  fixtures: Map<string, { itemId: string; acceptedItemId: string; findingId: string; eventId: string; trailId: string | null }>;
};

type Read =
  | { scope: "org"; call: (user: SessionUser, ctx: Ctx) => Promise<unknown> }
  | { scope: "account"; call: (user: SessionUser, accountId: string, ctx: Ctx) => Promise<unknown> }
  | { scope: "not user-facing"; reason: string }
  | { scope: "no account data"; reason: string }
  /** Scoped by a rule of its own (a report's scope lies within the user's); the named test checks it across scopes. */
  | { scope: "covered elsewhere"; reason: string };

/** The overview tiles' "now" (what is stale): fixed, so every answer of the run is asked at the same instant. */
const SUMMARY_NOW = new Date();
const defaultFilters = parseFindingFilters({});
const allFilters = parseFindingFilters({ status: "all", copies: "1", passed: "1" });

const READS: Record<string, Read> = {
  "acceptances/find-org-risk-acceptances#findOrgRiskAcceptances": {
    scope: "org",
    call: async (user) => {
      const { findOrgRiskAcceptances } = await load("acceptances/find-org-risk-acceptances");
      return {
        active: await findOrgRiskAcceptances(user, { state: "active" }),
        ended: await findOrgRiskAcceptances(user, { state: "ended" }),
      };
    },
  },
  "acceptances/find-risk-acceptances#findRiskAcceptances": {
    scope: "account",
    call: (user, id, ctx) => findRiskAcceptancesOf(user, id, ctx),
  },
  "accounts/find-accounts#findAccounts": { scope: "org", call: async (user) => (await load("accounts/find-accounts")).findAccounts(user) },
  "accounts/find-account-list-page#findAccountListPage": {
    scope: "org",
    // The list and its CSV: every sort's page, a text filter that names the outsider, and a page past the end.
    call: async (user, ctx) => {
      const { findAccountListPage } = await load("accounts/find-account-list-page");
      const { parseAccountListParams } = await load("accounts/account-list-filters");
      const at = new Date("2026-12-01T12:00:00Z");
      const page = (query: string, paging = { page: 1, size: 200 }) =>
        findAccountListPage(user, parseAccountListParams(new URLSearchParams(query)), paging, at);
      return {
        byName: await page(""),
        byScore: await page("sort=score&dir=desc"),
        byCritical: await page("sort=critical"),
        outsiderId: await page(`q=${ctx.outside}`),
        pastTheEnd: await page("sort=freshness", { page: 9, size: 1 }),
      };
    },
  },
  "accounts/find-account-list-summary#findAccountListSummary": {
    scope: "org",
    call: async (user) => (await load("accounts/find-account-list-summary")).findAccountListSummary(user, {}, 30),
  },
  "accounts/find-discovery-candidates#findDiscoveryCandidates": {
    scope: "org",
    // Only the outsider (the management account, at the root) is a likely source as the sim names them: for the read's
    // span every account is named like a security account, so the two answer too; the names are put back after.
    call: (user) =>
      withAccountsChanged(Prisma.sql`name = name || '-security'`, async () =>
        (await load("accounts/find-discovery-candidates")).findDiscoveryCandidates(user, 1000),
      ),
  },
  "accounts/find-records-only-accounts#findRecordsOnlyAccounts": {
    scope: "org",
    // The simulated accounts are all registered: for the read's span they are known from records only, then registered again.
    call: (user) =>
      withAccountsChanged(Prisma.sql`status = 'data_only'`, async () =>
        (await load("accounts/find-records-only-accounts")).findRecordsOnlyAccounts(user, { page: 1, size: 100 }),
      ),
  },
  "accounts/find-scope-choices#findScopeChoices": {
    scope: "org",
    call: async (user) => (await load("accounts/find-scope-choices")).findScopeChoices(user),
  },
  "accounts/search-accounts#searchAccounts": {
    scope: "org",
    // Blank text is every account in scope (under the limit of 20); typing the outsider's id must not find it.
    call: async (user, ctx) => {
      const { searchAccounts } = await load("accounts/search-accounts");
      return { all: await searchAccounts(user, ""), outsiderId: await searchAccounts(user, ctx.outside) };
    },
  },
  "accounts/find-account-names#findAccountNames": {
    scope: "org",
    call: async (user, ctx) => (await load("accounts/find-account-names")).findAccountNames(user, [...ctx.inside, ctx.outside]),
  },
  "accounts/find-scope-regions#findScopeRegions": {
    scope: "org",
    call: async (user, ctx) => {
      // The simulated accounts share one region; the outsider also gets one of its own, so the check that its region
      // changes the unscoped answer can fail. Idempotent: the read is asked several times.
      await getDb().$executeRaw`UPDATE accounts SET regions = ARRAY['us-east-1', 'ap-south-2'] WHERE id = ${ctx.outside}`;
      return (await load("accounts/find-scope-regions")).findScopeRegions(user);
    },
  },
  "accounts/count-accounts-in-scope#countAccountsInScope": {
    scope: "org",
    call: async (user) => (await load("accounts/count-accounts-in-scope")).countAccountsInScope(user, { all: true }, 10),
  },
  "accounts/find-registered-account-ids#findRegisteredAccountIds": {
    scope: "org",
    call: async (user, ctx) =>
      [...(await (await load("accounts/find-registered-account-ids")).findRegisteredAccountIds(user, [...ctx.inside, ctx.outside]))].sort(),
  },
  "accounts/get-account-connection#getAccountConnection": {
    scope: "account",
    call: async (user, id) => (await load("accounts/get-account-connection")).getAccountConnection(user, id),
  },
  "accounts/get-account-settings#getAccountSettings": {
    scope: "account",
    call: async (user, id) => (await load("accounts/get-account-settings")).getAccountSettings(user, id),
  },
  "checklist/find-account-security-events#findAccountSecurityEvents": {
    scope: "account",
    call: async (user, id) => (await load("checklist/find-account-security-events")).findAccountSecurityEvents(user, id, undefined, 1000),
  },
  "checklist/find-items-citing-record#findItemsCitingRecords": {
    scope: "account",
    call: async (user, id, ctx) => {
      // Records the account's failing item cites as evidence (so the admin's answer is not empty), and its fixtures.
      const cited = await getDb().$queryRaw<Array<{ id: string }>>`
        SELECT DISTINCT ref->>'id' AS id FROM checklist_results c, jsonb_array_elements(c.evidence->'refs') ref
        WHERE c.account_id = ${id} AND c.item_id = ${ctx.fixtures.get(id)!.itemId} AND ref->>'id' IS NOT NULL ORDER BY 1 LIMIT 5`;
      const fixture = ctx.fixtures.get(id)!;
      const records = [...cited.map((row) => row.id), fixture.findingId, fixture.eventId].map((recordId) => ({ accountId: id, recordId }));
      return (await load("checklist/find-items-citing-record")).findItemsCitingRecords(user, records);
    },
  },
  "checklist/find-checklist-pass-rates#findChecklistPassRates": {
    scope: "org",
    call: async (user) => (await load("checklist/find-checklist-pass-rates")).findChecklistPassRates(user),
  },
  "checklist/get-account-item#getAccountItem": {
    scope: "account",
    call: async (user, id, ctx) => (await load("checklist/get-account-item")).getAccountItem(user, id, ctx.fixtures.get(id)!.itemId),
  },
  "checklist/get-evidence-record#getEvidenceRecord": {
    scope: "account",
    call: async (user, id, ctx) => {
      const { getEvidenceRecord } = await load("checklist/get-evidence-record");
      const fixture = ctx.fixtures.get(id)!;
      // Each kind on its own: one NOT_FOUND must not hide another kind's leak.
      return [
        await settle(() => getEvidenceRecord(user, id, "finding", fixture.findingId)),
        await settle(() => getEvidenceRecord(user, id, "event", fixture.eventId)),
        fixture.trailId === null ? null : await settle(() => getEvidenceRecord(user, id, "trail", fixture.trailId)),
      ];
    },
  },
  "checklist/load-account-evidence#loadAccountEvidence": {
    scope: "not user-facing",
    reason:
      "worker-internal: scoreAccount (the score job, the console's rescoring) loads one account's evidence by id after the caller authorised it; it takes a pool, not a user",
  },
  "accounts/find-all-accounts#findAllAccounts": {
    scope: "not user-facing",
    reason: "`parapet accounts list`: an operator with database access; takes a pool, no session",
  },
  "accounts/find-collectable-account-ids#findCollectableAccountIds": {
    scope: "not user-facing",
    reason: "the collection sweep (worker): every collectable account; takes a pool",
  },
  "accounts/get-collection-target#getCollectionTarget": {
    scope: "not user-facing",
    reason: "the collect-account job reads its own account's role; takes a pool",
  },
  "runs/count-collected-data#countCollectedData": { scope: "not user-facing", reason: "the demo's start-up line; takes a pool" },
  "runs/find-runs-since#findRunsSince": { scope: "not user-facing", reason: "`collect --once` reports the runs it started; takes a pool" },
  "scores/find-score-reports#findScoreReports": {
    scope: "not user-facing",
    reason: "`parapet scores` for scripts and CI gates: an operator with database access; takes a pool",
  },
  "scores/has-score-snapshots#hasScoreSnapshots": {
    scope: "not user-facing",
    reason: "the demo decides whether to seed history; takes a pool",
  },
  "tokens/find-api-tokens#findApiTokens": {
    scope: "no account data",
    reason: "the user's own API tokens (name, hint, dates): no account rows",
  },
  "checklist/find-account-attempt-signals#findAccountAttemptSignals": {
    scope: "account",
    call: async (user, id) => (await load("checklist/find-account-attempt-signals")).findAccountAttemptSignals(user, id),
  },
  "audit/find-audit-entries#findAuditEntries": {
    scope: "no account data",
    reason:
      "the audit log page is admin-only (refused to other roles before the query); audit rows of console actions, not account records",
  },
  "reports/build-report-data#buildReportData": {
    scope: "covered elsewhere",
    reason:
      "takes a report scope that authoriseReportRequest bounded by the user's; tests/report.int.test.ts checks a two-account report holds only those two",
  },
  "reports/find-reports#findReports": {
    scope: "covered elsewhere",
    reason:
      "reports are visible when their scope lies within the user's (report-visibility.ts); tests/report.int.test.ts lists them for a two-account user",
  },
  "reports/get-report-file#getReportFile": {
    scope: "covered elsewhere",
    reason:
      "the same visibility condition as findReports; tests/report.int.test.ts refuses the org report's download to a two-account user",
  },
  "reports/find-report-schedules#findReportSchedules": {
    scope: "no account data",
    reason: "report schedules (name, recipients, time) are managed by admins; a schedule's reports are scoped when generated",
  },
  "reports/find-due-report-weeks#findDueReportWeeks": { scope: "not user-facing", reason: "the report sweep (worker); takes a pool" },
  "reports/has-scheduled-report#hasScheduledReport": { scope: "not user-facing", reason: "the demo and the report sweep; takes a pool" },
  "sso/find-sso-mappings#findSsoMappings": { scope: "no account data", reason: "SSO group mappings, admin-only settings" },
  "users/find-users#findUsers": {
    scope: "no account data",
    reason: "the users console, admin-only: users and their scopes, no account records",
  },
  "users/get-user#getUser": { scope: "no account data", reason: "the users console, admin-only: one user and their scope" },
  "users/has-local-password#hasLocalPassword": { scope: "no account data", reason: "whether the signed-in user has a local password" },
  "users/find-all-users#findAllUsers": {
    scope: "not user-facing",
    reason: "`parapet users list`: an operator with database access; no account data",
  },
  "findings/build-findings-where#buildFindingsWhere": {
    scope: "org",
    // The CSV export's query: the same WHERE, walked in the export's keyset batches.
    call: async (user) => {
      const { buildFindingsWhere } = await load("findings/build-findings-where");
      const { findFindings } = await load("findings/find-findings");
      const perAccount = await getDb().$queryRaw<Array<{ account_id: string; n: number }>>`
        SELECT f.account_id, count(*)::int AS n FROM findings f WHERE ${buildFindingsWhere(user, allFilters)} GROUP BY f.account_id ORDER BY f.account_id`;
      const exported: unknown[] = [];
      let after: string | undefined;
      do {
        const page = await findFindings(user, allFilters, { ...(after ? { after } : {}), limit: 2000 });
        exported.push(...page.rows);
        after = page.nextCursor ?? undefined;
      } while (after);
      return { perAccount, exported };
    },
  },
  "findings/count-findings#countFindings": {
    scope: "org",
    call: async (user) => {
      const { countFindings } = await load("findings/count-findings");
      return { active: await countFindings(user, defaultFilters), all: await countFindings(user, allFilters) };
    },
  },
  "findings/find-findings#findFindings": {
    scope: "org",
    call: async (user, ctx) => {
      const { findFindings } = await load("findings/find-findings");
      const first = await findFindings(user, defaultFilters, { limit: 25 });
      const second = first.nextCursor ? await findFindings(user, defaultFilters, { after: first.nextCursor, limit: 25 }) : null;
      // A guessed account id in the filter is no way around the scope.
      const guessed = await findFindings(user, parseFindingFilters({ account: ctx.outside, status: "all" }));
      const byLastSeen = await findFindings(user, parseFindingFilters({ sort: "last_seen", status: "all" }), { limit: 5000 });
      return { first, second, guessed, byLastSeen };
    },
  },
  "overview/find-account-overview#findAccountOverview": {
    scope: "org",
    call: async (user) => (await load("overview/find-account-overview")).findAccountOverview(user),
  },
  "overview/load-overview-accounts#loadOverviewAccounts": {
    scope: "org",
    // Movers need a snapshot a week old: the setup writes one per account (scores moved by 7).
    call: async (user) => {
      const { loadOverviewAccounts } = await load("overview/load-overview-accounts");
      const query = { now: SUMMARY_NOW, staleAfterHours: 24, lowest: 100, movers: 100 };
      return {
        all: await loadOverviewAccounts(user, {
          ...query,
          heat: { sort: { key: "score", dir: "asc" }, page: 1, size: 100 },
          table: { sort: { key: "collection", dir: "asc" }, page: 1, size: 100 },
        }),
        // Pages of one past the first: the outsider must not push the scoped user's rows along either.
        cuts: await loadOverviewAccounts(user, {
          ...query,
          heat: { sort: { key: "name", dir: "desc" }, page: 2, size: 1 },
          table: { sort: { key: "critical", dir: "desc" }, page: 2, size: 1 },
        }),
        pastTheEnd: (
          await loadOverviewAccounts(user, {
            ...query,
            heat: { sort: { key: "name", dir: "asc" }, page: 9, size: 1 },
            table: { sort: { key: "name", dir: "asc" }, page: 9, size: 1 },
          })
        ).table,
      };
    },
  },
  "overview/find-new-threats-by-day#findNewThreatsByDay": {
    scope: "org",
    call: async (user) => (await load("overview/find-new-threats-by-day")).findNewThreatsByDay(user, 3650),
  },
  "overview/find-org-score-trend#findOrgScoreTrend": {
    scope: "org",
    call: async (user) => (await load("overview/find-org-score-trend")).findOrgScoreTrend(user),
  },
  "overview/find-top-failing-items#findTopFailingItems": {
    scope: "org",
    call: async (user) => (await load("overview/find-top-failing-items")).findTopFailingItems(user, 1000),
  },
  "runs/find-latest-runs#findLatestRuns": {
    scope: "org",
    call: async (user, ctx) => {
      const { findLatestRuns } = await load("runs/find-latest-runs");
      return { all: await findLatestRuns(user), guessed: await findLatestRuns(user, { accountId: ctx.outside }) };
    },
  },
  "runs/find-runs#findRuns": {
    scope: "org",
    call: async (user, ctx) => {
      const { findRuns } = await load("runs/find-runs");
      return { all: await findRuns(user, {}), guessed: await findRuns(user, { accountId: ctx.outside }) };
    },
  },
  "runs/find-source-cursors#findSourceCursors": {
    scope: "org",
    call: async (user, ctx) => {
      const { findSourceCursors } = await load("runs/find-source-cursors");
      return {
        all: await findSourceCursors(user, { state: "all" }),
        guessed: await findSourceCursors(user, { state: "all", accountId: ctx.outside }),
      };
    },
  },
  "scores/find-org-domain-scores#findOrgDomainScores": {
    scope: "org",
    call: async (user) => (await load("scores/find-org-domain-scores")).findOrgDomainScores(user),
  },
  "scores/find-org-fix-first#findOrgFixFirst": {
    scope: "org",
    call: async (user) => (await load("scores/find-org-fix-first")).findOrgFixFirst(user, 1000),
  },
  "scores/find-score-changes#findScoreChanges": {
    scope: "account",
    call: async (user, id) => (await load("scores/find-score-changes")).findScoreChanges(user, id),
  },
  "scores/find-score-history#findScoreHistory": {
    scope: "account",
    call: async (user, id) => (await load("scores/find-score-history")).findScoreHistory(user, id),
  },
  "scores/get-account-scorecard#getAccountScorecard": {
    scope: "account",
    call: async (user, id) => (await load("scores/get-account-scorecard")).getAccountScorecard(user, id),
  },
};

/** Runs `read` with every account changed by `set`, then puts each account's name and status back as they were. */
async function withAccountsChanged<T>(set: Prisma.Sql, read: () => Promise<T>): Promise<T> {
  const before = await getDb().$queryRaw<Array<{ id: string; name: string; status: string }>>`SELECT id, name, status FROM accounts`;
  await getDb().$executeRaw`UPDATE accounts SET ${set}`;
  try {
    return await read();
  } finally {
    for (const account of before)
      await getDb().$executeRaw`UPDATE accounts SET name = ${account.name}, status = ${account.status} WHERE id = ${account.id}`;
  }
}

async function findRiskAcceptancesOf(user: SessionUser, accountId: string, ctx: Ctx) {
  const { findRiskAcceptances } = await load("acceptances/find-risk-acceptances");
  return findRiskAcceptances(user, accountId, ctx.fixtures.get(accountId)!.acceptedItemId);
}

const DATA_DIR = path.resolve(__dirname, "../lib/data");
const READ_PREFIX = /^(find|get|count|load|build|has|list|search|read)[A-Z]/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function load(module: string): Promise<any> {
  return import(path.join(DATA_DIR, `${module}.ts`));
}

/** An answer or the AppError code it failed with (NOT_FOUND is how out-of-scope single records answer). */
async function settle(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) return { error: error.code };
    throw error;
  }
}

/** JSON with Maps and Sets spelled out, for searching an answer for the outsider's strings. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item instanceof Map ? [...item.entries()] : item instanceof Set ? [...item] : typeof item === "bigint" ? item.toString() : item,
  );
}

/** An answer with nothing in it: an empty list or map, null, NOT_FOUND, or an object of only such values. */
function isEmptyAnswer(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0 || value.every(isEmptyAnswer);
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record.error === "NOT_FOUND") return true;
    return Object.values(record).every(isEmptyAnswer);
  }
  return false;
}

let database: TestDatabase;
let sim: Simulator;
let ctx: Ctx;
let scoped: SessionUser;
let byTag: SessionUser;
let byOu: SessionUser;
let matchingNothing: SessionUser;
let emptyScope: SessionUser;
let admin: SessionUser;
let outsiderStrings: string[];
const answers = new Map<
  string,
  {
    scoped: unknown;
    byTag: unknown;
    byOu: unknown;
    matchingNothing: unknown;
    emptyScope: unknown;
    adminBefore: unknown;
    adminAfter?: unknown;
  }
>();

function user(id: string, role: SessionUser["role"], scope: AccountScope): SessionUser {
  return { id, email: `${role}-${id.slice(0, 4)}@example.com`, role, scope };
}

async function answerOf(read: Read, who: SessionUser, accountId?: string): Promise<unknown> {
  if (read.scope === "org") return settle(() => read.call(who, ctx));
  if (read.scope === "account") return settle(() => read.call(who, accountId!, ctx));
  return null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, accounts: 3, regions: ["us-east-1"], seed: "cross-scope" });
  await registerSimAccounts(database.pool, sim);
  const runtime = simRuntime(database.pool, sim);
  await collectAll(runtime, sim);
  // OU paths and tags from Organizations, through the management account's role.
  const management = sim.org.accounts[0]!;
  const discovery = await discoverAccounts(runtime.aws, {
    accountId: management.id,
    roleArn: management.roleArn,
    externalId: management.externalId,
  });
  expect(discovery.placementError).toBeNull();
  await updateAccountPlacements(
    discovery.accounts.map((account) => ({ id: account.id, ouPath: account.ouPath!, tags: account.tags })),
    "test",
    database.pool,
  );
  const ids = sim.org.accounts.map((account) => account.id);
  // The outsider is the management account: its OU path is the root alone, so the OUs of
  // the other two can select them without it.
  const [third, first, second] = ids;
  // Three days of snapshots: trends, histories and day-over-day changes have several points.
  const day = 86_400_000;
  for (const id of ids) for (const daysAgo of [2, 1, 0]) await scoreAccount(id, new Date(Date.now() - daysAgo * day));
  // And a snapshot nine days back, the earliest one with its score moved by 7: "last week" for the overview's
  // biggest movers, so that read has something to answer (the triggers refresh the read models as for a scoring).
  await database.pool.query(
    `INSERT INTO score_snapshots (account_id, day, taken_at, score, risk_adjusted_score, coverage, domains, items, checklist_version,
                                  active_critical, active_high, active_medium, active_low, active_informational, earned_weight,
                                  risk_adjusted_earned_weight, weight_with_data, weight_applicable, evidence_as_of, sources)
     SELECT DISTINCT ON (account_id) account_id, day - 7, taken_at - interval '7 days',
            CASE WHEN score >= 50 THEN score - 7 ELSE score + 7 END, risk_adjusted_score, coverage, domains, items, checklist_version,
            active_critical, active_high, active_medium, active_low, active_informational, earned_weight,
            risk_adjusted_earned_weight, weight_with_data, weight_applicable, evidence_as_of, sources
     FROM score_snapshots ORDER BY account_id, day`,
  );

  // The scoped user comes from a real users row, through the resolver sessions use.
  await createLocalUser(
    database.pool,
    { email: "scoped@example.com", role: "analyst", accountScope: [first!, second!], password: "scoped-password-123" },
    "test",
  );
  const row = await getDb().user.findUniqueOrThrow({ where: { email: "scoped@example.com" } });
  scoped = { id: row.id, email: row.email, role: "analyst", scope: buildUserScope(row) };
  expect(scoped.scope).toEqual({ all: false, accountIds: [first, second], tags: [], ouIds: [] });
  admin = user("00000000-0000-4000-8000-000000000000", "admin", { all: true });

  // By tag: an exact key and value; the outsider carries the same key with another value.
  await updateAccountTags(admin, first!, { "scope-test": "blue" });
  await updateAccountTags(admin, second!, { "cost-centre": "cc-42" });
  await updateAccountTags(admin, third!, { "scope-test": "red", "cost-centre": "cc-4" });
  // By OU: the deepest OU of each of the two (never the root, which holds everything).
  const paths = await database.pool.query<{ id: string; ou_path: string }>("SELECT id, ou_path FROM accounts ORDER BY id");
  const pathOf = (id: string) => paths.rows.find((row) => row.id === id)!.ou_path.split("/");
  expect(pathOf(third!)).toEqual([sim.org.rootId]);
  const ous = [...new Set([pathOf(first!).at(-1)!, pathOf(second!).at(-1)!])];
  for (const ou of ous) expect(ou).toMatch(/^ou-/);
  const fromRow = async (
    email: string,
    input: { accountScope?: string[]; scopeTags?: Array<{ key: string; value: string }>; scopeOus?: string[] },
  ) => {
    await createLocalUser(database.pool, { email, role: "analyst", password: "scoped-password-123", ...input }, "test");
    const stored = await getDb().user.findUniqueOrThrow({ where: { email } });
    return { id: stored.id, email: stored.email, role: "analyst" as const, scope: buildUserScope(stored) };
  };
  byTag = await fromRow("by-tag@example.com", {
    scopeTags: [
      { key: "scope-test", value: "blue" },
      { key: "cost-centre", value: "cc-42" },
    ],
  });
  expect(byTag.scope).toEqual({
    all: false,
    accountIds: [],
    tags: [
      { key: "scope-test", value: "blue" },
      { key: "cost-centre", value: "cc-42" },
    ],
    ouIds: [],
  });
  byOu = await fromRow("by-ou@example.com", { scopeOus: ous });
  matchingNothing = await fromRow("nothing@example.com", {
    scopeTags: [{ key: "scope-test", value: "green" }],
    scopeOus: [`ou-${sim.org.rootId.slice(2)}-zzzzzzzz`],
  });
  emptyScope = user("22222222-2222-4222-8222-222222222222", "analyst", NO_ACCOUNTS);

  const fixtures: Ctx["fixtures"] = new Map();
  for (const id of ids) {
    const failing = await database.pool.query<{ item_id: string; ref: string }>(
      `SELECT item_id, ref->>'id' AS ref FROM checklist_results, jsonb_array_elements(evidence->'refs') ref
       WHERE account_id = $1 AND status IN ('fail', 'partial') AND ref->>'kind' IN ('control', 'finding')
       ORDER BY item_id, ref->>'id'`,
      [id],
    );
    const event = await database.pool.query<{ event_id: string }>(
      "SELECT event_id FROM cloudtrail_events WHERE account_id = $1 ORDER BY event_id LIMIT 1",
      [id],
    );
    const trail = await database.pool.query<{ id: string }>(
      "SELECT home_region || ':' || name AS id FROM trails WHERE account_id = $1 ORDER BY 1 LIMIT 1",
      [id],
    );
    const withEvidence = failing.rows[0];
    expect(withEvidence, `account ${id} has a failing item with a finding as evidence`).toBeDefined();
    expect(event.rows[0], `account ${id} has a CloudTrail event`).toBeDefined();
    // A denied StopLogging an hour ago: an attempt signal of this account (never a failed item).
    await database.pool.query(
      `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, error_code, raw)
       VALUES ($1, $2, 'us-east-1', 'StopLogging', 'cloudtrail.amazonaws.com', now() - interval '1 hour', 'IAMUser', $3, 'AccessDenied', $4)`,
      [
        `denied-stop-logging-${id}`,
        id,
        `arn:aws:iam::${id}:user/intruder`,
        JSON.stringify({
          eventName: "StopLogging",
          errorCode: "AccessDenied",
          errorMessage: "User is not authorized to perform: cloudtrail:StopLogging",
        }),
      ],
    );
    const accepted = failing.rows.find((candidate) => candidate.item_id !== withEvidence!.item_id) ?? withEvidence!;
    await createRiskAcceptance(admin, {
      accountId: id,
      itemId: accepted.item_id,
      findingId: null,
      reason: `accepted in account ${id} for the cross-scope test`,
      owner: "Security team",
      expiresAt: new Date(Date.now() + 30 * day),
    });
    await scoreAccount(id, new Date());
    fixtures.set(id, {
      itemId: withEvidence!.item_id,
      acceptedItemId: accepted.item_id,
      findingId: withEvidence!.ref,
      eventId: event.rows[0]!.event_id,
      trailId: trail.rows[0]?.id ?? null,
    });
  }
  ctx = { inside: [first!, second!], outside: third!, fixtures };

  const outsider = sim.org.accounts[0]!;
  // The simulated outsider may have no critical or high GuardDuty finding; one first seen now
  // makes the overview's threats-by-day count it for the admin, so that read's check can fail.
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     VALUES ('guardduty', 'cross-scope-outsider-threat', $1, 'us-east-1', 'Recon:EC2/PortProbe', 'outsider threat', 80, 'HIGH', 'active', now(), now(), now(), '{}'::jsonb)`,
    [outsider.id],
  );
  // The overview's threats by day are those of the account's latest scoring (account_threat_days).
  await scoreAccount(outsider.id, new Date());
  const records = await database.pool.query<{ value: string }>(
    `SELECT source_id AS value FROM findings WHERE account_id = $1
     UNION SELECT event_id FROM cloudtrail_events WHERE account_id = $1
     UNION SELECT trail_arn FROM trails WHERE account_id = $1`,
    [outsider.id],
  );
  // The name as a whole JSON string: "management" also occurs inside other accounts' trail names.
  outsiderStrings = [outsider.id, JSON.stringify(outsider.name), ...records.rows.map((row) => row.value)];
  expect(records.rows.length).toBeGreaterThan(5);

  for (const [key, read] of Object.entries(READS)) {
    if (read.scope === "not user-facing" || read.scope === "no account data" || read.scope === "covered elsewhere") continue;
    const all = async (accountId?: string) => ({
      scoped: await answerOf(read, scoped, accountId),
      byTag: await answerOf(read, byTag, accountId),
      byOu: await answerOf(read, byOu, accountId),
      matchingNothing: await answerOf(read, matchingNothing, accountId),
      emptyScope: await answerOf(read, emptyScope, accountId),
      adminBefore: await answerOf(read, admin, accountId),
    });
    if (read.scope === "org") answers.set(key, await all());
    else for (const id of ids) answers.set(`${key}@${id}`, await all(id));
  }
  // Without the outsider, the admin's answers are what the scoped user's must be.
  await database.pool.query("DELETE FROM accounts WHERE id = $1", [outsider.id]);
  for (const [key, read] of Object.entries(READS)) {
    if (read.scope === "org") answers.get(key)!.adminAfter = await answerOf(read, admin);
    if (read.scope === "account") for (const id of ctx.inside) answers.get(`${key}@${id}`)!.adminAfter = await answerOf(read, admin, id);
  }
}, 300_000);

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

describe("cross-scope: a user scoped to two accounts sees nothing of a third", () => {
  test("the table names every read function of lib/data, and nothing else", async () => {
    const found: string[] = [];
    const files = readdirSync(DATA_DIR, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
    );
    for (const file of files) {
      const module = await load(file.replace(/\.ts$/, ""));
      for (const [name, value] of Object.entries(module)) {
        if (typeof value === "function" && READ_PREFIX.test(name))
          found.push(`${file.replace(/\.ts$/, "").split(path.sep).join("/")}#${name}`);
      }
    }
    expect(found.length).toBeGreaterThan(20);
    expect(
      found.filter((key) => !(key in READS)),
      "read functions missing from READS",
    ).toEqual([]);
    expect(
      Object.keys(READS).filter((key) => !found.includes(key)),
      "READS entries that are not lib/data exports",
    ).toEqual([]);
  });

  test.each(Object.entries(READS).filter(([, read]) => read.scope === "org"))(
    "%s: no outsider rows, and exactly the two accounts' figures",
    (key) => {
      const answer = answers.get(key)!;
      const text = serialise(answer.scoped);
      for (const value of outsiderStrings) expect(text, `${key} leaks ${value}`).not.toContain(value);
      expect(isEmptyAnswer(answer.scoped), `${key} answers something for the two accounts`).toBe(false);
      expect(answer.adminBefore, `${key}: the third account changes the unscoped answer`).not.toEqual(answer.scoped);
      expect(answer.scoped).toEqual(answer.adminAfter);
      expect(answer.byTag, `${key}: scoped by tag`).toEqual(answer.scoped);
      expect(answer.byOu, `${key}: scoped by OU`).toEqual(answer.scoped);
    },
  );

  test.each(Object.entries(READS).filter(([, read]) => read.scope === "account"))(
    "%s: the outsider answers nothing; the two accounts answer in full",
    (key) => {
      const outside = answers.get(`${key}@${ctx.outside}`)!;
      expect(isEmptyAnswer(outside.adminBefore), `${key}: the admin sees the outsider's data`).toBe(false);
      expect(isEmptyAnswer(outside.scoped), `${key}: the scoped user gets nothing of the outsider`).toBe(true);
      for (const value of outsiderStrings) expect(serialise(outside.scoped)).not.toContain(value);
      for (const id of ctx.inside) {
        const inside = answers.get(`${key}@${id}`)!;
        expect(isEmptyAnswer(inside.scoped), `${key}@${id} answers`).toBe(false);
        for (const value of outsiderStrings) expect(serialise(inside.scoped), `${key}@${id} leaks ${value}`).not.toContain(value);
        expect(inside.scoped).toEqual(inside.adminBefore);
        expect(inside.scoped).toEqual(inside.adminAfter);
        expect(inside.byTag, `${key}@${id}: scoped by tag`).toEqual(inside.scoped);
        expect(inside.byOu, `${key}@${id}: scoped by OU`).toEqual(inside.scoped);
      }
    },
  );

  test.each(Object.keys(READS).filter((key) => READS[key]!.scope === "org" || READS[key]!.scope === "account"))(
    "%s: a scope matching no account answers as an empty scope does",
    (key) => {
      const keys = READS[key]!.scope === "org" ? [key] : [...ctx.inside, ctx.outside].map((id) => `${key}@${id}`);
      for (const entry of keys) {
        const answer = answers.get(entry)!;
        expect(answer.matchingNothing, entry).toEqual(answer.emptyScope);
        const text = serialise(answer.matchingNothing);
        for (const id of [...ctx.inside, ctx.outside]) expect(text, `${entry} shows account ${id}`).not.toContain(id);
      }
    },
  );

  test("hand-checked figures: two accounts listed, two accounts in every trend point", () => {
    const accounts = answers.get("accounts/find-accounts#findAccounts")!.scoped as Array<{ id: string }>;
    expect(accounts.map((row) => row.id).sort()).toEqual([...ctx.inside].sort());
    const trend = answers.get("overview/find-org-score-trend#findOrgScoreTrend")!;
    expect((trend.scoped as Array<{ accounts: number }>).map((point) => point.accounts)).toEqual([2, 2, 2, 2]);
    expect((trend.adminBefore as Array<{ accounts: number }>).map((point) => point.accounts)).toEqual([3, 3, 3, 3]);
    type Overview = { all: { summary: { accounts: number }; movers: Array<{ id: string }>; heat: { total: number } } };
    const overview = answers.get("overview/load-overview-accounts#loadOverviewAccounts")!;
    expect((overview.scoped as Overview).all.summary.accounts).toBe(2);
    expect((overview.adminBefore as Overview).all.summary.accounts).toBe(3);
    // Each account's score moved since the snapshot a week before its latest one (the setup's copy, moved by 7).
    expect((overview.scoped as Overview).all.movers.map((row) => row.id).sort()).toEqual([...ctx.inside].sort());
    expect((overview.adminBefore as Overview).all.movers).toHaveLength(3);
    expect((overview.scoped as Overview).all.heat.total).toBe(2);
    expect((overview.adminBefore as Overview).all.heat.total).toBe(3);
    const domains = answers.get("scores/find-org-domain-scores#findOrgDomainScores")!;
    expect((domains.scoped as { accountCount: number }).accountCount).toBe(2);
    expect((domains.adminBefore as { accountCount: number }).accountCount).toBe(3);
    const registered = answers.get("accounts/find-registered-account-ids#findRegisteredAccountIds")!;
    expect(registered.scoped).toEqual([...ctx.inside].sort());
  });
});

describe("cross-scope writes: the scope is inside the statement that writes", () => {
  test("accepting, revoking and collecting in an account outside the scope answer NOT_FOUND and change nothing", async () => {
    // The outsider is gone from the database by now; recreate a bare account to aim at.
    const outsider = "999999999999";
    await database.pool.query(
      "INSERT INTO accounts (id, name, role_arn, external_id, regions, status) VALUES ($1, 'Outsider', $2, 'x-external', '{us-east-1}', 'active')",
      [outsider, `arn:aws:iam::${outsider}:role/ParapetReadOnly`],
    );
    const [inside] = ctx.inside;
    const { itemId } = ctx.fixtures.get(inside)!;
    await database.pool.query(
      `INSERT INTO checklist_results (account_id, item_id, domain, status, reason, evidence, checklist_version, evaluated_at)
       SELECT $2, item_id, domain, status, reason, evidence, checklist_version, evaluated_at FROM checklist_results WHERE account_id = $1 AND item_id = $3`,
      [inside, outsider, itemId],
    );
    const before = await database.pool.query(
      "SELECT (SELECT count(*) FROM risk_acceptances)::int AS acceptances, (SELECT count(*) FROM audit_log)::int AS audit",
    );
    const accept = {
      accountId: outsider,
      itemId,
      findingId: null,
      reason: "trying across the scope boundary",
      owner: "Someone",
      expiresAt: new Date(Date.now() + 86_400_000),
    };
    await expect(createRiskAcceptance(scoped, accept)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(queueAccountCollection(scoped, outsider)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const acceptance = await createRiskAcceptance(admin, accept);
    await expect(revokeRiskAcceptance(scoped, { acceptanceId: acceptance.id, accountId: outsider, itemId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const after = await database.pool.query(
      "SELECT (SELECT count(*) FROM risk_acceptances)::int AS acceptances, (SELECT count(*) FROM audit_log)::int AS audit",
    );
    // Only the admin's acceptance and its audit row were written.
    expect(after.rows[0]).toEqual({ acceptances: before.rows[0].acceptances + 1, audit: before.rows[0].audit + 1 });
    const revoked = await database.pool.query("SELECT revoked_at FROM risk_acceptances WHERE id = $1", [acceptance.id]);
    expect(revoked.rows[0].revoked_at).toBeNull();
  });

  test("a scope that matches no account answers empty, not everything", async () => {
    const nobody = user("11111111-1111-4111-8111-111111111111", "viewer", { all: false, accountIds: [], tags: [], ouIds: [] });
    const { findAccounts } = await load("accounts/find-accounts");
    const { countFindings } = await load("findings/count-findings");
    expect(await findAccounts(nobody)).toEqual([]);
    expect(await countFindings(nobody, allFilters)).toEqual({ count: 0, isCapped: false });
    // ...while there is plenty to see.
    expect((await countFindings(admin, allFilters)).count).toBeGreaterThan(0);
  });
});
