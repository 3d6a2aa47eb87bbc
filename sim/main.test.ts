import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { startSimulator } from "./index";
import { CliUsageError, parseSimArgs } from "./main";

const ENTRY = path.join(__dirname, "cli-entry.ts");

function runCli(
  args: string[],
  onStdout?: (text: string, kill: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, ...args], {
      cwd: path.join(__dirname, ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("parseSimArgs", () => {
  test("reads every flag", () => {
    const options = parseSimArgs([
      "--port",
      "0",
      "--host",
      "0.0.0.0",
      "--accounts=30",
      "--regions",
      "us-east-1,eu-central-1",
      "--seed",
      "x",
      "--fault",
      "throttle::us-east-1:securityhub:GetFindings",
      "--no-quotas",
    ]);
    expect(options).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      accounts: 30,
      regions: ["us-east-1", "eu-central-1"],
      seed: "x",
      quotas: false,
    });
    expect(options?.faults).toEqual([{ kind: "throttle", region: "us-east-1", service: "securityhub", operation: "GetFindings" }]);
    expect(parseSimArgs(["--help"])).toBeNull();
  });

  test("rejects bad flags with a one-line reason", () => {
    expect(() => parseSimArgs(["--accounts", "zero"])).toThrow(CliUsageError);
    expect(() => parseSimArgs(["--port"])).toThrow(/--port expects/);
    expect(() => parseSimArgs(["--regions", "mars"])).toThrow(/--regions/);
    expect(() => parseSimArgs(["--fault", "explode"])).toThrow(/invalid --fault/);
    expect(() => parseSimArgs(["--wat"])).toThrow(/unknown option --wat/);
  });
});

describe("runSimCli", () => {
  test("prints the export lines and stops cleanly on SIGTERM", async () => {
    const result = await runCli(["--port", "0", "--accounts", "2"], (text, kill) => {
      if (text.includes("AWS_REGION")) kill();
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^export AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}$/);
    expect(lines[2]).toMatch(/^export AWS_SECRET_ACCESS_KEY=\S+$/);
    expect(lines[3]).toBe("export AWS_REGION=us-east-1");
    expect(result.stderr).toContain("2 accounts");
  }, 30_000);

  test("exits 2 on a bad flag and 1 when the port is taken", async () => {
    const bad = await runCli(["--accounts", "-3"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    const sim = await startSimulator({ port: 0, accounts: 1 });
    try {
      const busy = await runCli(["--port", String(sim.port)]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`port ${sim.port} is already in use`);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
