import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { registerAccounts } from "@/lib/data/accounts/register-accounts";
import { startSimulator, type Simulator } from "@/sim/index";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The `parapet` command as a user runs it. Expected failures (wrong DATABASE_URL, a port in
 * use, a bad setting, a role that cannot be assumed) must say what is wrong in one line,
 * never with a stack trace.
 */
const ROOT = path.resolve(__dirname, "..");
let database: TestDatabase;
let sim: Simulator;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, accounts: 3, regions: ["us-east-1"], seed: "cli-test" });
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

function runParapet(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/parapet.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, PARAPET_DATA_DIR: path.join(ROOT, ".data-test-unused"), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

describe("parapet CLI errors are one clear line", () => {
  test("a wrong DATABASE_URL names the server, hides the password, and exits 1", async () => {
    const result = await runParapet(["migrate"], { DATABASE_URL: "postgresql://nobody:secret@127.0.0.1:1/nope" });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^parapet: cannot connect to the database at postgresql:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/nope: /);
    expect(result.stderr).not.toContain("secret");
  });

  test("a malformed setting names the variable", async () => {
    const result = await runParapet(["migrate"], { PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^parapet: invalid configuration: PORT: /)]);
  });

  test("a CloudTrail retention shorter than the score's event window is refused, naming the variable and the floor", async () => {
    const result = await runParapet(["maintenance"], { PARAPET_CLOUDTRAIL_RETENTION_DAYS: "30" });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "parapet: invalid configuration: PARAPET_CLOUDTRAIL_RETENTION_DAYS: must be at least 90: the score reads 90 days of CloudTrail events, a shorter retention would drop its evidence",
    ]);
  });

  test("the demo refuses a console port that is in use, before starting anything", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const result = await runParapet(["demo"], { PORT: String(port) });
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual([
        `parapet: port ${port} for the console is already in use: stop what uses it or run with PORT=<another port>`,
      ]);
    } finally {
      server.close();
    }
  });

  test("an unknown command prints the help and exits 2", async () => {
    const result = await runParapet(["frobnicate"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  test("collect --once collects the simulator's accounts; a role that cannot be assumed is one line and exit 3", async () => {
    await registerAccounts(
      database.pool,
      [
        {
          id: "999999999999",
          name: "missing-role",
          roleArn: "arn:aws:iam::999999999999:role/ParapetReadOnly",
          externalId: "parapet-missing",
          regions: ["us-east-1"],
          tags: {},
        },
      ],
      "test",
    );
    const result = await runParapet(["collect", "--once", "--accounts-from-sim", sim.url], {
      AWS_ACCESS_KEY_ID: sim.baseCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sim.baseCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: "",
    });
    const output = result.stdout + result.stderr;
    if (result.code !== 3) console.log(output);
    expect(result.code).toBe(3);
    expect(output).not.toMatch(/^\s+at /m);
    const failure = lines(output).filter((line) => line.startsWith("999999999999"));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(/failed .*AssumeRole into arn:aws:iam::999999999999:role\/ParapetReadOnly failed: AccessDenied/);
    for (const account of sim.org.accounts) {
      expect(lines(output).some((line) => line.startsWith(account.id) && line.includes("succeeded"))).toBe(true);
    }
    const stored = await database.pool.query<{ n: number }>("SELECT count(DISTINCT account_id)::int AS n FROM findings");
    expect(stored.rows[0]!.n).toBeGreaterThan(0);
  });

  test("scores --json reports what the collection scored; --fail-under gates on it", async () => {
    const scored = await database.pool.query<{ account_id: string; score: number }>(
      "SELECT account_id, score FROM score_snapshots WHERE score IS NOT NULL ORDER BY account_id",
    );
    expect(scored.rows.length).toBe(sim.org.accounts.length);
    const json = await runParapet(["scores", "--json"], {});
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Array<{
      accountId: string;
      score: number | null;
      items: Array<{ itemId: string; status: string; evidence: string[] }>;
    }>;
    for (const row of scored.rows) {
      const account = report.find((entry) => entry.accountId === row.account_id)!;
      expect(account.score).toBeCloseTo(row.score, 1);
      expect(account.items.length).toBeGreaterThan(30);
    }
    expect(report.find((entry) => entry.accountId === "999999999999")!.score).toBeNull();

    const target = scored.rows[0]!;
    expect((await runParapet(["scores", "--account", target.account_id, "--fail-under", "0"], {})).code).toBe(0);
    const gated = await runParapet(["scores", "--account", target.account_id, "--fail-under", String(Math.floor(target.score) + 1)], {});
    expect(gated.code).toBe(4);
    expect(gated.stderr).toContain(`${target.account_id} (`);
    // An account without a score is below any bar: missing evidence is not a pass.
    expect((await runParapet(["scores", "--account", "999999999999", "--fail-under", "0"], {})).code).toBe(4);
  });

  test("accounts add validates like the console, stores nothing when one entry is wrong, and registers a valid file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parapet-accounts-"));
    const good = {
      id: "123456789012",
      name: "payments-prod",
      roleArn: "arn:aws:iam::123456789012:role/ParapetReadOnly",
      externalId: "px-1234567890",
      regions: ["eu-west-1"],
    };
    const bad = { ...good, id: "12345678901", name: "typo" };
    writeFileSync(path.join(dir, "mixed.json"), JSON.stringify([good, bad]));
    const refused = await runParapet(["accounts", "add", "--file", path.join(dir, "mixed.json")], {});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("account 2: id: an AWS account id is 12 digits");
    const none = await database.pool.query("SELECT 1 FROM accounts WHERE id = $1", [good.id]);
    expect(none.rowCount).toBe(0);

    const wrongAccount = await runParapet(
      [
        "accounts",
        "add",
        "--id",
        "210987654321",
        "--name",
        "x",
        "--role-arn",
        good.roleArn,
        "--external-id",
        "px-1",
        "--regions",
        "eu-west-1",
      ],
      {},
    );
    expect(wrongAccount.code).toBe(2);
    expect(wrongAccount.stderr).toContain("the role must be in account 210987654321");

    writeFileSync(path.join(dir, "good.json"), JSON.stringify([good]));
    const added = await runParapet(["accounts", "add", "--file", path.join(dir, "good.json")], {});
    expect(added.code).toBe(0);
    const stored = await database.pool.query<{ role_arn: string; external_id: string; regions: string[]; status: string }>(
      "SELECT role_arn, external_id, regions, status FROM accounts WHERE id = $1",
      [good.id],
    );
    expect(stored.rows[0]).toEqual({ role_arn: good.roleArn, external_id: good.externalId, regions: good.regions, status: "pending" });
    const listed = await runParapet(["accounts", "list"], {});
    expect(listed.stdout).toMatch(/123456789012\s+payments-prod\s+pending/);
  });
  test("users add stores a scope of ids, tags and OUs; a malformed tag or OU is one line and exit 2", async () => {
    const added = await runParapet(
      [
        "users",
        "add",
        "Scoped@Example.com",
        "--role",
        "viewer",
        "--accounts",
        "123456789012",
        "--tags",
        "team=payments,env=prod=eu",
        "--ous",
        "ou-ab12-aaaaaaaa,r-ab12",
        "--password",
        "scoped-password-123",
      ],
      {},
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const stored = await database.pool.query(
      "SELECT account_scope, scope_tags, scope_ous, all_accounts FROM users WHERE email = 'scoped@example.com'",
    );
    expect(stored.rows[0]).toEqual({
      account_scope: ["123456789012"],
      scope_tags: [
        { key: "team", value: "payments" },
        { key: "env", value: "prod=eu" },
      ],
      scope_ous: ["ou-ab12-aaaaaaaa", "r-ab12"],
      all_accounts: false,
    });
    const listed = await runParapet(["users", "list"], {});
    expect(listed.stdout).toContain("1 account(s), tag team=payments, tag env=prod=eu, OU ou-ab12-aaaaaaaa, OU r-ab12");

    const badTag = await runParapet(
      ["users", "add", "x@example.com", "--role", "viewer", "--tags", "team", "--password", "scoped-password-123"],
      {},
    );
    expect(badTag.code).toBe(2);
    expect(lines(badTag.stderr)).toHaveLength(1);
    expect(badTag.stderr).toContain('--tags: "team" is not KEY=VALUE');
    const badOu = await runParapet(
      ["users", "add", "x@example.com", "--role", "viewer", "--ous", "ou-1", "--password", "scoped-password-123"],
      {},
    );
    expect(badOu.code).toBe(2);
    expect(badOu.stderr).toContain("scopeOus.0: expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
    const none = await database.pool.query("SELECT 1 FROM users WHERE email = 'x@example.com'");
    expect(none.rowCount).toBe(0);
  });
});

describe("parapet maintenance", () => {
  test("runs the event-partition upkeep once: an event from 2019 (stored in DEFAULT) gets its month, which retention then drops", async () => {
    await database.pool.query(
      "INSERT INTO accounts (id, name, regions) VALUES ('999988887777', 'old', ARRAY['us-east-1']) ON CONFLICT DO NOTHING",
    );
    await database.pool.query(
      `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, raw)
       VALUES ('ev-2019', '999988887777', 'us-east-1', 'ConsoleLogin', 'signin.amazonaws.com', '2019-03-03T03:03:03Z', '{}')`,
    );
    const placed = await database.pool.query(
      "SELECT tableoid::regclass::text AS partition FROM cloudtrail_events WHERE event_id = 'ev-2019'",
    );
    expect(placed.rows).toEqual([{ partition: "cloudtrail_events_default" }]);

    const result = await runParapet(["maintenance"], {});
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "event partitions: created cloudtrail_events_y2019m03, moved 1 event(s) into it from cloudtrail_events_default",
    );
    expect(result.stdout).toContain("event partitions: dropped cloudtrail_events_y2019m03 (1 event(s), older than 400 days)");
    expect(result.stdout).toMatch(/CloudTrail events: retention 400 days .* 1 partition\(s\) dropped \(1 event\(s\)\)/);
    const gone = await database.pool.query("SELECT count(*)::int AS n FROM cloudtrail_events WHERE event_id = 'ev-2019'");
    expect(gone.rows).toEqual([{ n: 0 }]);
    const audit = await database.pool.query("SELECT actor_email, target FROM audit_log WHERE action = 'events.retention-drop'");
    expect(audit.rows).toEqual([{ actor_email: "system", target: "cloudtrail_events_y2019m03" }]);

    // Once more: nothing left to do.
    const again = await runParapet(["maintenance"], {});
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /0 partition\(s\) created, 0 event\(s\) moved from the default partition, 0 partition\(s\) dropped \(0 event\(s\)\)/,
    );
  });
});
