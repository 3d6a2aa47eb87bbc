import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { generatePassword } from "@/lib/auth/password";
import { createLocalUser, ZLocalUserInput } from "@/lib/data/users/create-local-user";
import { findAllUsers } from "@/lib/data/users/find-all-users";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";
import { closeDb, getPool } from "@/lib/db";

const USAGE = `parapet users add EMAIL --role admin|analyst|viewer [--accounts ID,ID] [--tags KEY=VALUE,KEY=VALUE] [--ous OU_ID,OU_ID] [--all-accounts] [--password P]
parapet users list
parapet users disable EMAIL | enable EMAIL`;

/**
 * Local users from the command line (the console's own user management is for admins once
 * signed in; the first admin comes from here or from the demo). Without --password a
 * random one is generated and printed once. A scope is the union of --accounts, --tags
 * (accounts carrying any of the tags) and --ous (accounts below any of the OUs or roots).
 */
export async function runUsers(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (!action || action === "--help") {
    console.log(USAGE);
    return action ? 0 : 2;
  }
  const email = rest[0] && !rest[0].startsWith("--") ? rest[0] : undefined;
  const flags = parseFlags(email ? rest.slice(1) : rest, {
    role: "string",
    accounts: "string",
    tags: "string",
    ous: "string",
    "all-accounts": "boolean",
    password: "string",
  });
  if ((action === "add" || action === "disable" || action === "enable") && !email)
    throw new CliError(`users ${action} needs an EMAIL\n${USAGE}`, 2);

  let input: ReturnType<typeof ZLocalUserInput.parse> | undefined;
  let password: string | undefined;
  if (action === "add") {
    password = typeof flags.password === "string" ? flags.password : generatePassword();
    const parsed = ZLocalUserInput.safeParse({
      email,
      role: flags.role,
      allAccounts: flags["all-accounts"] === true,
      accountScope: listOf(flags.accounts),
      scopeTags: listOf(flags.tags).map(parseTag),
      scopeOus: listOf(flags.ous),
      password,
    });
    if (!parsed.success) {
      throw new CliError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "), 2);
    }
    input = parsed.data;
  } else if (!["list", "disable", "enable"].includes(action)) {
    throw new CliError(`unknown users action "${action}"\n${USAGE}`, 2);
  }

  const database = await openDatabase({ log: () => {} });
  try {
    const pool = getPool();
    if (input) {
      await createLocalUser(pool, input, "parapet-cli");
      console.log(`user ${input.email} (${input.role}) saved${flags.password ? "" : `; password: ${password}`}`);
    } else if (action === "list") {
      for (const user of await findAllUsers(pool)) {
        const parts = [
          ...(user.accountScope.length > 0 ? [`${user.accountScope.length} account(s)`] : []),
          ...user.scopeTags.map((tag) => `tag ${tag.key}=${tag.value}`),
          ...user.scopeOus.map((ou) => `OU ${ou}`),
        ];
        const scope = user.allAccounts || user.role === "admin" ? "all accounts" : parts.length > 0 ? parts.join(", ") : "no accounts";
        console.log(
          `${user.email.padEnd(36)} ${user.role.padEnd(8)} ${scope.padEnd(14)} ${user.disabled ? "disabled" : "active"}  last login ${user.lastLoginAt?.toISOString() ?? "never"}`,
        );
      }
    } else if (email) {
      const isFound = await setUserDisabled(pool, email, action === "disable", "parapet-cli");
      if (!isFound) throw new CliError(`no user ${email}`, 1);
      console.log(`user ${email} ${action}d`);
    }
    return 0;
  } finally {
    await closeDb();
    await database.stop();
  }
}

function listOf(value: unknown): string[] {
  return typeof value === "string"
    ? value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
}

/** `key=value` (the value may contain `=`; it may be empty, as AWS allows). */
function parseTag(text: string): { key: string; value: string } {
  const at = text.indexOf("=");
  if (at <= 0) throw new CliError(`--tags: "${text}" is not KEY=VALUE`, 2);
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}
