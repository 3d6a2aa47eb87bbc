import { createReadStream } from "node:fs";
import { open, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, gunzipSync } from "node:zlib";

import type { Source } from "@/lib/aws/sources";

import { detectRecordKind } from "./detect-record-kind";

export type AwsRecordItem =
  { kind: Source; record: unknown; file: string; position: string } | { kind: "problem"; file: string; position: string; reason: string };

/**
 * Files named like line-delimited JSON are streamed line by line (they can be huge); the
 * rest are read whole and fall back to lines when the whole does not parse, so NDJSON in a
 * `.log` or `.txt` file is read too. Directories contribute any file whose content starts
 * like JSON or gzip (see looksLikeOurs), whatever its name: teams keep CloudTrail and
 * GuardDuty exports under the names their pipelines chose.
 */
const LINE_EXTENSIONS = [".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"];
const SNIFF_BYTES = 512;
/** Named like our formats: always read, so a broken one is reported rather than passed over. */
const KNOWN_EXTENSIONS = [".json", ".jsonl", ".ndjson", ".gz"];

/** Containers nest at most a few levels deep (placebo `data` > EventBridge `detail` > `findings[]`). */
const MAX_CONTAINER_DEPTH = 5;

type Emit = { kind: Source; record: unknown; position: string } | { kind: "problem"; position: string; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasExtension(file: string, extensions: string[]): boolean {
  const lower = file.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function join(prefix: string, step: string): string {
  if (prefix === "$") return step;
  return step.startsWith("[") ? `${prefix}${step}` : `${prefix}.${step}`;
}

function summariseKeys(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (!isObject(value)) return value === null ? "null" : `a ${typeof value}`;
  const keys = Object.keys(value);
  return keys.length === 0 ? "an empty object" : `an object with keys ${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", ..." : ""}`;
}

/**
 * Turns one parsed JSON value into records and problems. Knows every container AWS (and the
 * tools around it) wraps records in: GetFindings pages, CloudTrail log files, LookupEvents
 * pages, EventBridge envelopes, exported arrays, and two test-fixture wrappers seen in the
 * reference samples (botocore placebo `{status_code, data}`, Panther `{..., log}`).
 */
function* unwrapValue(value: unknown, position: string, depth: number): Generator<Emit> {
  const kind = detectRecordKind(value);
  if (kind === "lookup-event") {
    const text = (value as { CloudTrailEvent: string }).CloudTrailEvent;
    try {
      const parsed: unknown = JSON.parse(text);
      if (detectRecordKind(parsed) === "cloudtrail") {
        yield { kind: "cloudtrail", record: parsed, position };
      } else {
        yield { kind: "problem", position, reason: `CloudTrailEvent is JSON but not a CloudTrail record (${summariseKeys(parsed)})` };
      }
    } catch (error) {
      yield { kind: "problem", position, reason: `CloudTrailEvent is not valid JSON: ${describeError(error)}` };
    }
    return;
  }
  if (kind !== null) {
    yield { kind, record: value, position };
    return;
  }

  if (depth >= MAX_CONTAINER_DEPTH) {
    yield { kind: "problem", position, reason: `unknown shape: ${summariseKeys(value)} nested too deep` };
    return;
  }

  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      yield* unwrapValue(value[index], join(position, `[${index}]`), depth + 1);
    }
    return;
  }

  if (!isObject(value)) {
    yield { kind: "problem", position, reason: `unknown shape: ${summariseKeys(value)}` };
    return;
  }

  // CloudWatch Logs subscription envelopes (`logEvents[]`) and filter-log-events output
  // (`events[]`) carry each record as a JSON string in `message`; a CONTROL_MESSAGE is
  // CloudWatch checking the destination and carries nothing.
  if (value.messageType === "CONTROL_MESSAGE") return;
  for (const key of ["logEvents", "events"]) {
    const list = value[key];
    if (Array.isArray(list) && list.every((entry) => isObject(entry) && typeof entry.message === "string")) {
      for (let index = 0; index < list.length; index += 1) {
        yield* unwrapJsonText((list[index] as { message: string }).message, join(position, `${key}[${index}].message`), depth + 1);
      }
      return;
    }
  }

  // OpenSearch / Elasticsearch: a search response (`hits.hits[]`) or an exported document (`_source`).
  if (isObject(value.hits) && Array.isArray(value.hits.hits)) {
    yield* unwrapValue(value.hits.hits, join(position, "hits.hits"), depth + 1);
    return;
  }
  if (isObject(value._source) && ("_index" in value || "_id" in value)) {
    yield* unwrapValue(value._source, join(position, "_source"), depth + 1);
    return;
  }

  // SNS (directly or in a Lambda `Records[].Sns`) and SQS (`body`) carry an EventBridge
  // event or a finding as a JSON string: the path findings take into ticketing and
  // remediation tools.
  if (isObject(value.Sns) && typeof value.Sns.Message === "string") {
    yield* unwrapJsonText(value.Sns.Message, join(position, "Sns.Message"), depth + 1);
    return;
  }
  for (const key of ["Message", "body", "Body"]) {
    if (typeof value[key] === "string" && (value[key] as string).trimStart().startsWith("{")) {
      yield* unwrapJsonText(value[key] as string, join(position, key), depth + 1);
      return;
    }
  }

  for (const key of ["Findings", "findings", "Records", "Events"]) {
    const list = value[key];
    if (Array.isArray(list)) {
      for (let index = 0; index < list.length; index += 1) {
        yield* unwrapValue(list[index], join(position, `${key}[${index}]`), depth + 1);
      }
      return;
    }
  }

  // EventBridge: "GuardDuty Finding" / "AWS API Call via CloudTrail" carry one record in
  // `detail`; "Security Hub Findings - Imported/Custom Action" carry `detail.findings[]`.
  if (typeof value["detail-type"] === "string" && "detail" in value) {
    const detail = value.detail;
    if (isObject(detail) && detectRecordKind(detail) === null && !Array.isArray(detail.findings)) {
      yield {
        kind: "problem",
        position: join(position, "detail"),
        reason: `EventBridge event "${value["detail-type"]}" does not carry a GuardDuty, Security Hub or CloudTrail record`,
      };
      return;
    }
    yield* unwrapValue(detail, join(position, "detail"), depth + 1);
    return;
  }

  // botocore placebo recordings (`{status_code, data}`), as in the cloud-custodian samples.
  if (typeof value.status_code === "number" && "data" in value) {
    yield* unwrapValue(value.data, join(position, "data"), depth + 1);
    return;
  }

  // Remediation and ticketing tools wrap one finding or record under a single key
  // (`{"finding": {...}, "action": ...}`); each key is tried only when it holds an AWS record.
  for (const key of ["finding", "Finding", "record", "event", "payload"]) {
    if (detectRecordKind(value[key]) !== null) {
      yield* unwrapValue(value[key], join(position, key), depth + 1);
      return;
    }
  }

  // Panther rule-test logs: `{_rule_id, ..., log: <record>}`.
  if (isObject(value.log) && Object.keys(value).some((key) => key.startsWith("_"))) {
    yield* unwrapValue(value.log, join(position, "log"), depth + 1);
    return;
  }

  yield { kind: "problem", position, reason: `unknown shape: ${summariseKeys(value)}` };
}

function* unwrapJsonText(text: string, position: string, depth: number): Generator<Emit> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    yield { kind: "problem", position, reason: `embedded record is not valid JSON: ${describeError(error)}` };
    return;
  }
  yield* unwrapValue(parsed, position, depth);
}

function* unwrapLine(line: string, lineNumber: number): Generator<Emit> {
  const trimmed = line.trim();
  if (trimmed === "") return;
  const position = `line ${lineNumber}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    yield { kind: "problem", position, reason: `invalid JSON: ${describeError(error)}` };
    return;
  }
  for (const item of unwrapValue(parsed, "$", 0)) {
    yield { ...item, position: item.position === "$" ? position : `${position} ${item.position}` };
  }
}

/** Whole-document content; falls back to one-JSON-per-line when the whole does not parse. */
function* unwrapDocument(text: string): Generator<Emit> {
  const content = text.replace(/^\uFEFF/, "");
  if (content.trim() === "") {
    yield { kind: "problem", position: "$", reason: "empty file" };
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    // Firehose / `jq -c` exports are NDJSON even when named .json.
    const lines = content.split(/\r?\n/);
    const firstLine = lines.find((line) => line.trim() !== "");
    const looksLineDelimited = lines.filter((line) => line.trim() !== "").length > 1 && firstLine !== undefined && parsesAsJson(firstLine);
    if (!looksLineDelimited) {
      yield { kind: "problem", position: "$", reason: `invalid JSON: ${describeError(error)}` };
      return;
    }
    for (let index = 0; index < lines.length; index += 1) {
      yield* unwrapLine(lines[index] ?? "", index + 1);
    }
    return;
  }
  yield* unwrapValue(parsed, "$", 0);
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const head = await readHead(file, 2);
  return head !== null && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function readHead(file: string, bytes: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, "r");
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/** Named like our formats, or content that is gzip (by its magic bytes) or text whose first non-blank character opens JSON. */
async function looksLikeOurs(file: string): Promise<boolean> {
  if (hasExtension(file, KNOWN_EXTENSIONS)) return true;
  const head = await readHead(file, SNIFF_BYTES);
  if (head === null) return true; // unreadable: reported by the reader, not silently dropped
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return text.startsWith("{") || text.startsWith("[");
}

async function* readLineFile(file: string): AsyncGenerator<Emit> {
  const isGzip = await startsWithGzipMagic(file);
  const source = createReadStream(file);
  const input = isGzip ? source.pipe(createGunzip()) : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      yield* unwrapLine(lineNumber === 1 ? line.replace(/^\uFEFF/, "") : line, lineNumber);
    }
  } catch (error) {
    yield { kind: "problem", position: `line ${lineNumber + 1}`, reason: `cannot read: ${describeError(error)}` };
  } finally {
    lines.close();
    source.destroy();
  }
}

async function* readFileRecords(file: string): AsyncGenerator<Emit> {
  if (hasExtension(file, LINE_EXTENSIONS)) {
    yield* readLineFile(file);
    return;
  }
  let text: string;
  try {
    const bytes = await readFile(file);
    const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    text = (isGzip ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch (error) {
    yield { kind: "problem", position: "$", reason: `cannot read: ${describeError(error)}` };
    return;
  }
  yield* unwrapDocument(text);
}

async function* walk(target: string, visited: Set<string>): AsyncGenerator<{ file: string } | { problem: string; file: string }> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    yield { file: target, problem: `cannot read: ${describeError(error)}` };
    return;
  }
  if (!info.isDirectory()) {
    yield { file: target };
    return;
  }
  // Symlinked directories can form cycles; each real directory is walked once.
  const real = await realpath(target).catch(() => target);
  if (visited.has(real)) return;
  visited.add(real);
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    yield { file: target, problem: `cannot read directory: ${describeError(error)}` };
    return;
  }
  // Plain code-unit order, not locale order, so the sequence is the same on every machine.
  entries.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  for (const entry of entries) {
    const child = path.join(target, entry);
    let childInfo;
    try {
      childInfo = await stat(child);
    } catch (error) {
      yield { file: child, problem: `cannot read: ${describeError(error)}` };
      continue;
    }
    if (childInfo.isDirectory()) {
      yield* walk(child, visited);
    } else if (await looksLikeOurs(child)) {
      yield { file: child };
    }
  }
}

/**
 * Streams every GuardDuty finding, ASFF finding and CloudTrail record found in the given
 * files and directories (recursively, in sorted order), in whatever shape AWS produced them.
 * Bad content never throws: unreadable files, invalid JSON and unknown shapes come out as
 * `problem` items with the file and position, so an import can report them and carry on.
 * Files given explicitly are read whatever their content; directories contribute files
 * whose content starts like JSON or gzip, whatever their extension (a README or YAML next to
 * the logs is not ours and is passed over). Gzip is recognised by its magic bytes.
 */
export async function* readAwsRecordFiles(
  paths: string[],
): AsyncGenerator<
  { kind: Source; record: unknown; file: string; position: string } | { kind: "problem"; file: string; position: string; reason: string }
> {
  const visited = new Set<string>();
  for (const target of paths) {
    for await (const entry of walk(target, visited)) {
      if ("problem" in entry) {
        yield { kind: "problem", file: entry.file, position: "$", reason: entry.problem };
        continue;
      }
      for await (const item of readFileRecords(entry.file)) {
        yield { ...item, file: entry.file };
      }
    }
  }
}
