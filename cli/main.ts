// Commands are imported statically: the CLI runs through tsx's CommonJS hook, where a
// dynamic import() of a TypeScript path would bypass the compiler.
import { CliError } from "@/cli/cli-error";
import { runAccounts } from "@/cli/commands/accounts";
import { runCollect } from "@/cli/commands/collect";
import { runDemo } from "@/cli/commands/demo";
import { runImport } from "@/cli/commands/import";
import { runMaintenance } from "@/cli/commands/maintenance";
import { runMigrate } from "@/cli/commands/migrate";
import { runReport } from "@/cli/commands/report";
import { runScore } from "@/cli/commands/score";
import { runScores } from "@/cli/commands/scores";
import { runWorker } from "@/cli/commands/worker";
import { EnvError } from "@/lib/env";
import { runUsers } from "@/cli/commands/users";
import { runSimCli } from "@/sim/main";

const HELP = `parapet - multi-account AWS security dashboard

Usage: parapet <command> [options]      (npm scripts: npm run demo | sim | worker | migrate | import)

Commands:
  demo                     embedded PostgreSQL + AWS simulator + workers + console; first collection done before "ready"
  sim [--port N] [...]     the AWS simulator alone; prints export lines for any AWS SDK or CLI (sim --help)
  worker                   the job worker: scheduled collection sweep, collection and scoring jobs, daily event-partition upkeep
  collect --once [--accounts-from-sim URL]
                           one full collection of every registered account, then exit
  score [--account ID] [--json]
                           re-score now over the stored (collected or imported) evidence
  scores [--json] [--account ID] [--fail-under N]
                           latest score, coverage, domain scores and every item with its evidence ids
  accounts add --id ID --name N --role-arn ARN --external-id X --regions a,b | --file F.json
  accounts list            register AWS accounts (same validation as the console) / list them
  users add EMAIL --role admin|analyst|viewer [--accounts ID,ID | --all-accounts] [--password P]
  users list | disable EMAIL | enable EMAIL
                           local console users; viewers and analysts see only their accounts
  report [--week 2026-W48] [--scope all|accounts:ID,ID|tag:K=V] [--paper a4|letter] --out DIR
                           the weekly executive report (PDF + CSV), stored as a new version and written to DIR
  migrate                  apply database migrations (SQL files in prisma/migrations)
  maintenance              the worker's daily upkeep once: CloudTrail event partitions created ahead, months past retention dropped
  import PATH... [--json]  ingest AWS-format files (GuardDuty, ASFF, CloudTrail) into the database, then score the accounts they name
  --help                   this text

Configuration is read from the environment; see README.md ("Configuration").`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        console.log(HELP);
        return 0;
      case "demo":
        return await runDemo(rest);
      case "sim":
        await runSimCli(rest);
        return 0;
      case "worker":
        return await runWorker(rest);
      case "collect":
        return await runCollect(rest);
      case "score":
        return await runScore(rest);
      case "scores":
        return await runScores(rest);
      case "accounts":
        return await runAccounts(rest);
      case "users":
        return await runUsers(rest);
      case "report":
        return await runReport(rest);
      case "migrate":
        return await runMigrate(rest);
      case "maintenance":
        return await runMaintenance(rest);
      case "import":
        return await runImport(rest);
      default:
        console.error(`parapet: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof EnvError || (error instanceof Error && error.name === "EmbeddedPostgresError")) {
      console.error(`parapet: ${error.message}`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    throw error;
  }
}
