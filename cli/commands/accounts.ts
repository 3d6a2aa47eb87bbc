import { readFileSync } from "node:fs";
import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { findAllAccounts } from "@/lib/data/accounts/find-all-accounts";
import { isRoleInAccount, registerAccounts, ZAccountInput } from "@/lib/data/accounts/register-accounts";
import { closeDb, getPool } from "@/lib/db";
import { resolveUserPath } from "@/lib/env";

const USAGE = `parapet accounts add --id ID --name NAME --role-arn ARN --external-id X --regions a,b [--owner O]
parapet accounts add --file accounts.json      (a JSON array of {id, name, roleArn, externalId, regions, owner?})
parapet accounts list`;

/**
 * Onboarding from the command line, for scripts and for registering hundreds of accounts
 * at once; the same validation as the console's form (12-digit id, role in that account,
 * ExternalId rules). Nothing is stored unless every account in the file is valid.
 */
export async function runAccounts(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === "list") {
    parseFlags(rest, {});
    return withDatabase(async () => {
      for (const account of await findAllAccounts(getPool())) {
        console.log(
          `${account.id}  ${account.name.padEnd(28)} ${account.status.padEnd(12)} ${account.regions.join(",").padEnd(24)} ${account.lastCollectedAt?.toISOString() ?? "never collected"}`,
        );
      }
    });
  }
  if (action !== "add") {
    console.error(USAGE);
    return 2;
  }
  const flags = parseFlags(rest, {
    id: "string",
    name: "string",
    "role-arn": "string",
    "external-id": "string",
    regions: "string",
    owner: "string",
    file: "string",
  });
  const raw: unknown[] =
    typeof flags.file === "string"
      ? readAccountsFile(resolveUserPath(flags.file))
      : [
          {
            id: flags.id,
            name: flags.name,
            roleArn: flags["role-arn"],
            externalId: flags["external-id"],
            regions: typeof flags.regions === "string" ? flags.regions.split(",").map((region) => region.trim()) : undefined,
            owner: flags.owner,
          },
        ];
  const problems: string[] = [];
  const inputs = raw.flatMap((entry, index) => {
    const parsed = ZAccountInput.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`account ${index + 1}: ${issue.path.join(".") || "entry"}: ${issue.message}`);
      return [];
    }
    if (!isRoleInAccount(parsed.data.id, parsed.data.roleArn)) {
      problems.push(`account ${index + 1}: roleArn: the role must be in account ${parsed.data.id}`);
      return [];
    }
    return [parsed.data];
  });
  if (problems.length > 0) throw new CliError(`nothing registered:\n  ${problems.join("\n  ")}\n${USAGE}`, 2);
  return withDatabase(async () => {
    const count = await registerAccounts(getPool(), inputs, "parapet-cli");
    console.log(`registered ${count} account(s); the worker collects them on its next sweep (or run \`parapet collect --once\`)`);
  });
}

function readAccountsFile(file: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  if (!Array.isArray(parsed)) throw new CliError(`${file} must hold a JSON array of accounts`, 2);
  return parsed;
}

async function withDatabase(work: () => Promise<void>): Promise<number> {
  const database = await openDatabase({ log: () => {} });
  try {
    await work();
    return 0;
  } finally {
    await closeDb();
    await database.stop();
  }
}
