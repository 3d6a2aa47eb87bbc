import type pg from "pg";
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import type { NormalisedFinding } from "@/lib/aws/normalise/types";
import { FINDINGS_COPY_COLUMNS, findingCopyLine, upsertFindings } from "@/lib/ingest/upsert-findings";
import { copyRows } from "@/lib/ingest/copy-rows";
import { withTransaction } from "@/lib/db";
import { startBenchDatabase } from "./bench-database";
import { loadAverage } from "./process-cpu";
import { type BenchReport, formatMs, formatRate, median } from "./report";

/**
 * Question: how far is the collector's bulk upsert (COPY into a staging table, then one
 * INSERT ... SELECT ... ON CONFLICT per batch of 500, each batch in its own transaction, as
 * collection commits one API page at a time) from a plain COPY of the same rows into the
 * same table, with the same indexes? Budget (DESIGN.md): within 2x on the insert path.
 *
 * Both sides start from the same NormalisedFinding[] and turn them into the same COPY text
 * (the upsert's own columns and line format, imported from lib/ingest/upsert-findings.ts),
 * so the difference is the staging table and the INSERT ... ON CONFLICT, not the data.
 */

const BATCH_SIZE = 500;
const ACCOUNT_ID = "111122223333";
const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];
const CONTROLS = [
  ["S3.8", "S3 general purpose buckets should block public access", "AwsS3Bucket", "HIGH", 70],
  ["IAM.6", "Hardware MFA should be enabled for the root user", "AwsAccount", "CRITICAL", 90],
  ["EC2.19", "Security groups should not allow unrestricted access to ports with high risk", "AwsEc2SecurityGroup", "CRITICAL", 90],
  ["CloudTrail.1", "CloudTrail should be enabled and configured with at least one multi-Region trail", "AwsAccount", "HIGH", 70],
  ["RDS.3", "RDS DB instances should have encryption at-rest enabled", "AwsRdsDbInstance", "MEDIUM", 40],
  ["KMS.4", "AWS KMS key rotation should be enabled", "AwsKmsKey", "MEDIUM", 40],
  ["Lambda.1", "Lambda function policies should prohibit public access", "AwsLambdaFunction", "CRITICAL", 90],
  ["EC2.2", "VPC default security groups should not allow inbound or outbound traffic", "AwsEc2SecurityGroup", "HIGH", 70],
] as const;

/**
 * A Security Hub control finding shaped like a real GetFindings item (FSBP, consolidated
 * control findings on), about 2.5 KB as JSON.
 */
function asffRecord(index: number, version: number): Record<string, unknown> {
  const [controlId, title, resourceType, label, normalized] = CONTROLS[index % CONTROLS.length]!;
  const region = REGIONS[index % REGIONS.length]!;
  const resourceId = `arn:aws:${resourceType.replace(/^Aws/, "").toLowerCase()}:${region}:${ACCOUNT_ID}:resource/r-${index.toString(16).padStart(8, "0")}`;
  const id = `arn:aws:securityhub:${region}:${ACCOUNT_ID}:security-control/${controlId}/finding/${index.toString(16).padStart(8, "0")}-6f1b-4c2e-9a57-${(index * 7919).toString(16).padStart(12, "0")}`;
  const created = new Date(Date.UTC(2026, 9, 1) + (index % 1000) * 60_000);
  const updated = new Date(created.getTime() + version * 3_600_000);
  return {
    SchemaVersion: "2018-10-08",
    Id: id,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    ProductName: "Security Hub",
    CompanyName: "AWS",
    Region: region,
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: ACCOUNT_ID,
    Types: ["Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"],
    FirstObservedAt: created.toISOString(),
    LastObservedAt: updated.toISOString(),
    CreatedAt: created.toISOString(),
    UpdatedAt: updated.toISOString(),
    Severity: { Label: label, Normalized: normalized, Original: label },
    Title: title,
    Description: `This control checks whether ${title.toLowerCase()}. The control fails if the resource does not meet the requirement described in the AWS Foundational Security Best Practices standard.`,
    Remediation: {
      Recommendation: {
        Text: "For information on how to correct this issue, consult the AWS Security Hub controls documentation.",
        Url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation`,
      },
    },
    ProductFields: {
      RelatedAWSResources: `0/name: securityhub-${controlId.toLowerCase()}-${index}`,
      "RelatedAWSResources:0/type": "AWS::Config::ConfigRule",
      "aws/securityhub/ProductName": "Security Hub",
      "aws/securityhub/CompanyName": "AWS",
      "Resources:0/Id": resourceId,
      "aws/securityhub/FindingId": `arn:aws:securityhub:${region}::product/aws/securityhub/${id}`,
    },
    Resources: [
      {
        Type: resourceType,
        Id: resourceId,
        Partition: "aws",
        Region: region,
        Tags: {
          Environment: index % 3 === 0 ? "production" : "staging",
          Owner: `team-${index % 17}`,
          CostCentre: `cc-${1000 + (index % 50)}`,
        },
        Details: { Other: { Name: `resource-${index}`, CreatedBy: `arn:aws:iam::${ACCOUNT_ID}:role/deployer`, Version: String(version) } },
      },
    ],
    Compliance: {
      Status: version % 2 === 0 ? "FAILED" : "PASSED",
      SecurityControlId: controlId,
      AssociatedStandards: [{ StandardsId: "standards/aws-foundational-security-best-practices/v/1.0.0" }],
      StatusReasons: [
        {
          ReasonCode: "CONFIG_EVALUATIONS_EMPTY",
          Description: "AWS Config evaluated your resources against the rule. The rule did not apply to the AWS resources in its scope.",
        },
      ],
    },
    WorkflowState: "NEW",
    Workflow: { Status: version % 2 === 0 ? "NEW" : "RESOLVED" },
    RecordState: "ACTIVE",
    FindingProviderFields: {
      Severity: { Label: label, Original: label },
      Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
    },
    ProcessedAt: updated.toISOString(),
  };
}

/** `count` findings, all at `version`: a later version changes UpdatedAt and the raw record of every one. */
function generateFindings(count: number, version: number): NormalisedFinding[] {
  const findings: NormalisedFinding[] = [];
  for (let index = 0; index < count; index++) {
    const result = normaliseAsffFinding(asffRecord(index, version));
    if (!result.ok) throw new Error(`bench finding ${index} does not normalise: ${result.reason}`);
    findings.push(result.value);
  }
  return findings;
}

/** COPY text, about 256 KB a chunk, built lazily while the COPY streams. */
function* copyChunks(rows: NormalisedFinding[]): Generator<Buffer> {
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = findingCopyLine(row);
    lines.push(line);
    size += line.length;
    if (size >= 256 * 1024) {
      yield Buffer.from(lines.join(""), "utf8");
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(""), "utf8");
}

async function timeCopy(pool: pg.Pool, rows: NormalisedFinding[]): Promise<number> {
  const started = performance.now();
  const copied = await withTransaction((client) => copyRows(client, `findings (${FINDINGS_COPY_COLUMNS})`, copyChunks(rows)), pool);
  const elapsed = performance.now() - started;
  if (copied !== rows.length) throw new Error(`COPY stored ${copied} rows, expected ${rows.length}`);
  return elapsed;
}

async function timeUpsert(pool: pg.Pool, rows: NormalisedFinding[], expect: "inserted" | "updated" | "unchanged"): Promise<number> {
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  const started = performance.now();
  for (let offset = 0; offset < rows.length; offset += BATCH_SIZE) {
    const batch = rows.slice(offset, offset + BATCH_SIZE);
    const counts = await withTransaction((client) => upsertFindings(client, batch), pool);
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
  }
  const elapsed = performance.now() - started;
  if (totals[expect] !== rows.length) throw new Error(`upsert (${expect} path) counted ${JSON.stringify(totals)} for ${rows.length} rows`);
  return elapsed;
}

async function resetFindings(pool: pg.Pool): Promise<void> {
  await pool.query("TRUNCATE findings");
  await pool.query("VACUUM ANALYZE findings");
}

interface RoundTimes {
  copy: number;
  insert: number;
  update: number;
  unchanged: number;
}

async function runRound(pool: pg.Pool, first: NormalisedFinding[], second: NormalisedFinding[]): Promise<RoundTimes> {
  await resetFindings(pool);
  const copy = await timeCopy(pool, first);
  await resetFindings(pool);
  const insert = await timeUpsert(pool, first, "inserted");
  const update = await timeUpsert(pool, second, "updated");
  const unchanged = await timeUpsert(pool, second, "unchanged");
  return { copy, insert, update, unchanged };
}

export async function benchUpsertVsCopy(options: { isQuick: boolean; log: (line: string) => void }): Promise<BenchReport> {
  const rowCount = options.isQuick ? 10_000 : 50_000;
  const rounds = options.isQuick ? 1 : 3;
  const database = await startBenchDatabase({ poolSize: 2 });
  try {
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'bench', $2, 'active')", [ACCOUNT_ID, REGIONS]);
    options.log(`upsert: generating ${rowCount.toLocaleString("en-US")} findings`);
    const first = generateFindings(rowCount, 1);
    const second = generateFindings(rowCount, 2);
    const rawBytes = first.reduce((sum, row) => sum + JSON.stringify(row.raw).length, 0) / rowCount;

    const loadAverageBefore = loadAverage();
    options.log(`upsert: warm-up round (5,000 rows); load average ${loadAverageBefore}`);
    await runRound(database.pool, first.slice(0, 5000), second.slice(0, 5000));
    const measured: RoundTimes[] = [];
    for (let round = 1; round <= rounds; round++) {
      const times = await runRound(database.pool, first, second);
      options.log(
        `upsert: round ${round}/${rounds}: COPY ${formatMs(times.copy)}, insert ${formatMs(times.insert)}, update ${formatMs(times.update)}, unchanged ${formatMs(times.unchanged)}`,
      );
      measured.push(times);
    }
    const tableSize = await database.pool.query<{ size: string }>("SELECT pg_size_pretty(pg_total_relation_size('findings')) AS size");

    const copy = median(measured.map((times) => times.copy));
    const insert = median(measured.map((times) => times.insert));
    const update = median(measured.map((times) => times.update));
    const unchanged = median(measured.map((times) => times.unchanged));
    // Each round times COPY and the upsert back to back, so their ratio is steadier than the
    // ratio of the medians when something else is using the machine.
    const insertRatio = median(measured.map((times) => times.insert / times.copy));
    const rate = (ms: number) => formatRate((rowCount / ms) * 1000);
    return {
      name: "upsert",
      lines: [
        [
          "rows",
          `${rowCount.toLocaleString("en-US")} Security Hub findings, raw ~${(rawBytes / 1024).toFixed(1)} KB each; table with its 6 indexes = ${tableSize.rows[0]!.size}`,
        ],
        [
          "runs",
          `median of ${rounds} after a 5,000-row warm-up; upsert in batches of ${BATCH_SIZE}, one transaction each; load average before ${loadAverageBefore}`,
        ],
        ["COPY (one statement)", `${formatMs(copy)}  ${rate(copy)}`],
        [
          "upsert, insert path",
          `${formatMs(insert)}  ${rate(insert)}  (${(insert / copy).toFixed(2)}x COPY; per round ${measured.map((times) => (times.insert / times.copy).toFixed(2)).join(", ")})`,
        ],
        ["upsert, update path", `${formatMs(update)}  ${rate(update)}  (${(update / copy).toFixed(2)}x COPY)`],
        ["upsert, unchanged", `${formatMs(unchanged)}  ${rate(unchanged)}  (${(unchanged / copy).toFixed(2)}x COPY)`],
      ],
      budgets: [{ label: "bulk upsert (insert path) / COPY", ratio: insertRatio, goal: 2 }],
      data: {
        rowCount,
        rounds,
        batchSize: BATCH_SIZE,
        rawBytesPerRow: Math.round(rawBytes),
        medianMs: { copy, insert, update, unchanged },
        ratios: { insert: insert / copy, insertMedianOfRounds: insertRatio, update: update / copy, unchanged: unchanged / copy },
        loadAverageBefore,
        runs: measured,
      },
    };
  } finally {
    await database.stop();
  }
}
