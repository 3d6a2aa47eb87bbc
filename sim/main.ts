import { parseFaultFlag } from "./faults";
import { startSimulator, type Simulator } from "./index";
import type { FaultSpec, SimulatorOptions } from "./types";

const USAGE = `usage: parapet sim [options]

  --port N                 listen port (default 4566; 0 = any free port)
  --host H                 listen address (default 127.0.0.1)
  --accounts N             accounts in the simulated organisation (default 12)
  --regions a,b            regions (default us-east-1,eu-west-1)
  --seed S                 generator seed (default parapet)
  --now ISO                simulated start time (default: the current time)
  --load DIR               load recorded GuardDuty / Security Hub / CloudTrail records from DIR
  --fault K:ACCT:REGION:SERVICE:OPERATION
                           inject a fault (repeatable; empty or * = any), e.g. throttle::us-east-1:securityhub:GetFindings
  --no-quotas              disable per-API rate quotas
  --delegated-admin        make one member the GuardDuty/Security Hub delegated administrator
  --aggregation-region     make the first region the Security Hub aggregation region
  --findings-per-region N  GuardDuty noise volume for a neglected account-region
  --events-per-region N    CloudTrail background events per account-region (default 150)
  --help                   show this help

Prints shell export lines for AWS_ENDPOINT_URL and credentials, then serves until SIGINT/SIGTERM.`;

export class CliUsageError extends Error {}

function positiveInt(flag: string, value: string | undefined, allowZero = false): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new CliUsageError(
      `${flag} expects a ${allowZero ? "non-negative" : "positive"} integer, got ${value === undefined ? "nothing" : `"${value}"`}`,
    );
  }
  return n;
}

/** Parses `parapet sim` flags; throws CliUsageError with a one-line reason. `null` means --help. */
export function parseSimArgs(argv: string[]): SimulatorOptions | null {
  const options: SimulatorOptions = { port: 4566 };
  const faults: FaultSpec[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] ?? "";
    const eq = raw.indexOf("=");
    const flag = raw.startsWith("--") && eq !== -1 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith("--") && eq !== -1 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) return undefined;
      i += 1;
      return next;
    };
    const required = (): string => {
      const v = value();
      if (v === undefined || v === "") throw new CliUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return null;
      case "--port": {
        const port = positiveInt(flag, value(), true);
        if (port > 65535) throw new CliUsageError(`--port must be at most 65535, got ${port}`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = required();
        break;
      case "--accounts":
        options.accounts = positiveInt(flag, value());
        break;
      case "--regions": {
        const regions = required()
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean);
        const bad = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
        if (bad || regions.length === 0)
          throw new CliUsageError(`--regions expects a comma-separated list like us-east-1,eu-west-1, got "${bad ?? ""}"`);
        options.regions = regions;
        break;
      }
      case "--seed":
        options.seed = required();
        break;
      case "--now": {
        const text = required();
        const date = new Date(text);
        if (Number.isNaN(date.getTime())) throw new CliUsageError(`--now expects an ISO date, got "${text}"`);
        options.now = date;
        break;
      }
      case "--load":
        options.loadDir = required();
        break;
      case "--fault":
        try {
          faults.push(parseFaultFlag(required()));
        } catch (error) {
          throw new CliUsageError(error instanceof Error ? error.message : String(error));
        }
        break;
      case "--no-quotas":
        options.quotas = false;
        break;
      case "--delegated-admin":
        options.delegatedAdmin = true;
        break;
      case "--aggregation-region":
        options.aggregationRegion = true;
        break;
      case "--findings-per-region":
        options.findingsPerAccountRegion = positiveInt(flag, value(), true);
        break;
      case "--events-per-region":
        options.eventsPerAccountRegion = positiveInt(flag, value(), true);
        break;
      default:
        throw new CliUsageError(`unknown option ${raw} (see --help)`);
    }
  }
  if (faults.length > 0) options.faults = faults;
  return options;
}

/** `parapet sim`: start the simulator, print export lines, serve until SIGINT/SIGTERM. */
export async function runSimCli(argv: string[]): Promise<void> {
  let options: SimulatorOptions | null;
  try {
    options = parseSimArgs(argv);
  } catch (error) {
    process.stderr.write(`parapet sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let sim: Simulator;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "EADDRINUSE" ? `port ${options.port ?? 0} is already in use` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`parapet sim: ${message}\n`);
    process.exit(1);
  }
  // Listen for signals before printing: whoever reads the export lines may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  const regions = sim.org.regions;
  process.stderr.write(
    `parapet sim: ${sim.org.accounts.length} accounts (management ${sim.org.managementAccountId}), regions ${regions.join(",")}, seed ${sim.org.seed}, listening on ${sim.url}\n`,
  );
  process.stdout.write(
    [
      `export AWS_ENDPOINT_URL=${sim.url}`,
      `export AWS_ACCESS_KEY_ID=${sim.baseCredentials.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${sim.baseCredentials.secretAccessKey}`,
      `export AWS_REGION=${regions[0] ?? "us-east-1"}`,
    ].join("\n") + "\n",
  );
  await stopped;
  await sim.close();
  process.stderr.write("parapet sim: stopped\n");
}
