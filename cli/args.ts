import { CliError } from "@/cli/cli-error";

/** Parses `--flag value` / `--flag=value` / `--switch`; unknown flags are an error naming the flag. */
export function parseFlags(argv: string[], spec: Record<string, "string" | "boolean">): Record<string, string | boolean | undefined> {
  const result: Record<string, string | boolean | undefined> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith("--")) throw new CliError(`unexpected argument "${arg}"`, 2);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) throw new CliError(`unknown option --${name} (see --help)`, 2);
    if (kind === "boolean") {
      result[name] = true;
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value.startsWith("--")) throw new CliError(`--${name} needs a value`, 2);
    result[name] = value;
  }
  return result;
}
