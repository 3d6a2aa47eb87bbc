import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { EVENT_EVIDENCE_WINDOW_DAYS } from "@/lib/checklist/events/event-window";
import { parseScheduleSetting } from "@/lib/reports/report-schedule";

/**
 * The only reader of process.env. Every setting has a safe default for the demo, and a
 * wrong value fails at boot with one line naming the variable (see `formatEnvError`).
 * AWS SDK variables (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL...) are read by the SDK's
 * own credential and endpoint chains, on purpose: Parapet behaves like every other AWS tool.
 */

/** `1.2.3.4`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split("/");
  const version = net.isIP(address ?? "");
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

const ZPort = z.coerce.number().int().min(0).max(65535);

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://... ; unset = start the embedded PostgreSQL in PARAPET_DATA_DIR/pg. */
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://")
    .optional(),
  PARAPET_DATA_DIR: z.string().default(".data"),
  /** Console port (Next.js). */
  PORT: ZPort.default(3000),
  /** Port of the embedded PostgreSQL; 0 = pick a free one. */
  PARAPET_PG_PORT: ZPort.default(54329),
  /** next-auth signing secret. Unset: a random one is created and kept in PARAPET_DATA_DIR. */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  PARAPET_ADMIN_EMAIL: z.email().default("admin@parapet.local"),
  /**
   * Addresses (IPs or CIDRs, comma-separated) of reverse proxies whose X-Forwarded-For hop
   * is believed. Unset: only the socket address counts, whatever a caller writes in the header.
   */
  PARAPET_TRUSTED_PROXIES: z
    .string()
    .refine(
      (value) => value.split(",").every((entry) => isAddressOrCidr(entry.trim())),
      "comma-separated IP addresses or CIDRs, e.g. 10.0.0.0/8,::1",
    )
    .default(""),
  /**
   * OpenID Connect single sign-on: set all three to show "Sign in with ..." on the sign-in
   * page. The issuer's /.well-known/openid-configuration is read at sign-in.
   */
  PARAPET_OIDC_ISSUER: z.url().optional(),
  PARAPET_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  PARAPET_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** The label of the sign-in button, e.g. "Okta". */
  PARAPET_OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  /** The ID token / userinfo claim holding the user's groups or roles (Entra ID: `groups` or `roles`; Keycloak: `groups`). */
  PARAPET_OIDC_GROUPS_CLAIM: z
    .string()
    .regex(/^[\w:/.-]{1,200}$/, "a claim name")
    .default("groups"),
  /** Scopes requested at sign-in; some IdPs need an extra one (Okta, Keycloak: `groups`). */
  PARAPET_OIDC_SCOPES: z
    .string()
    .regex(/^openid( [\w:/.-]+)*$/, "space-separated scopes starting with openid")
    .default("openid email profile"),
  /** Minutes without a request after which a session ends (the cookie is renewed while in use). */
  PARAPET_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Hours after sign-in after which a session ends however active it is. */
  PARAPET_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /** Unset: the demo generates one and prints it once. */
  PARAPET_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** graphile-worker crontab schedule of the collection sweep. */
  PARAPET_COLLECT_SCHEDULE: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, "must be a 5-field cron expression, e.g. '*/30 * * * *'")
    .default("*/30 * * * *"),
  PARAPET_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Reads as named (prepared) statements, lib/pg/statement-name.ts; "off" behind a PgBouncer in transaction mode older than 1.21. */
  PARAPET_PG_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  /** Prefix of the AssumeRole session name (CloudTrail shows it in the member accounts). */
  PARAPET_ROLE_SESSION_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{2,40}$/, "2-40 characters of [A-Za-z0-9_+=,.@-]")
    .default("parapet-collector"),
  /** Days of CloudTrail history the first collection looks back (LookupEvents keeps 90). */
  PARAPET_CLOUDTRAIL_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /**
   * Days CloudTrail events are kept; older months are dropped as whole partitions by the
   * daily upkeep job. 400: CIS asks for at least 365 days of log history, and the extra
   * month keeps a full year plus the month in progress. Never shorter than the window the
   * score reads (90 days), so retention cannot remove evidence a score stands on. At most
   * 3653 days (CloudTrail Lake's longest retention).
   */
  PARAPET_CLOUDTRAIL_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(
      EVENT_EVIDENCE_WINDOW_DAYS,
      `must be at least ${EVENT_EVIDENCE_WINDOW_DAYS}: the score reads ${EVENT_EVIDENCE_WINDOW_DAYS} days of CloudTrail events, a shorter retention would drop its evidence`,
    )
    .max(3653, "must be at most 3653 days (10 years)")
    .default(400),
  /** Evidence read longer ago than this counts as missing (no_data) in the score, so a dark account's coverage falls. */
  PARAPET_EVIDENCE_MAX_AGE_HOURS: z.coerce.number().positive().max(8760).default(48),
  /** Days of findings history the first collection looks back. */
  PARAPET_FINDINGS_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Days of simulated history `parapet demo` collects on its first run (an empty database),
   * one collection and score snapshot per day, so trends and "what changed" have data.
   */
  PARAPET_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(30).default(7),
  /**
   * Weeks of older history before those days, collected and scored once per simulated week
   * (cheap), so the weekly report's trend has points: 3 weekly steps + the daily days give at
   * least 4 complete weeks.
   */
  PARAPET_DEMO_HISTORY_WEEKS: z.coerce.number().int().min(0).max(12).default(3),
  /** Simulator size for `parapet demo`. */
  PARAPET_DEMO_ACCOUNTS: z.coerce.number().int().min(1).max(2000).default(12),
  PARAPET_DEMO_REGIONS: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d(,[a-z]{2}(-[a-z]+)+-\d)*$/, "comma-separated AWS regions, e.g. us-east-1,eu-west-1")
    .default("us-east-1,eu-west-1"),
  /** Chromium that prints the weekly reports to PDF (Debian's package by default; started on demand). */
  PARAPET_CHROMIUM: z.string().default("/usr/bin/chromium"),
  /** When the default org-wide weekly report is built: "<weekday> HH:MM <IANA time zone>". */
  PARAPET_REPORT_SCHEDULE: z
    .string()
    .regex(
      /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+([01]\d|2[0-3]):[0-5]\d(\s+\S+)?$/i,
      "must be '<weekday> HH:MM [time zone]', e.g. 'monday 06:00 UTC'",
    )
    .refine((value) => {
      try {
        parseScheduleSetting(value);
        return true;
      } catch {
        return false;
      }
    }, "the time zone must be an IANA name such as UTC or Europe/Berlin")
    .default("monday 06:00 UTC"),
  /** SMTP server the weekly reports are e-mailed through; unset = reports are not e-mailed. */
  PARAPET_SMTP_HOST: z.string().optional(),
  PARAPET_SMTP_PORT: ZPort.default(587),
  /** "tls" = TLS from the first byte (port 465); "starttls" = upgrade required; "none" = plain (local relays only). */
  PARAPET_SMTP_TLS: z.enum(["tls", "starttls", "none"]).default("starttls"),
  PARAPET_SMTP_USER: z.string().optional(),
  PARAPET_SMTP_PASSWORD: z.string().optional(),
  PARAPET_SMTP_FROM: z.string().default("Parapet <parapet@localhost>"),
  /** Base region for STS and other global calls. */
  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL: z.url().optional(),
  /** Set by bin/parapet.js: the folder the command was run from (relative CLI paths resolve there). */
  PARAPET_INVOCATION_DIR: z.string().optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  override name = "EnvError";
}

let cached: TEnv | undefined;

/** Parsed settings; throws EnvError with one line per wrong variable. */
export function getEnv(): TEnv {
  if (cached) return cached;
  // An empty variable (`DATABASE_URL= npm run demo`) means "not set", as in most tools.
  const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`invalid configuration: ${lines.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Absolute data folder (embedded PostgreSQL, generated secrets). */
export function getDataDir(): string {
  return path.resolve(getEnv().PARAPET_DATA_DIR);
}

/** Resolves a path the user typed on the command line against the folder they ran it from. */
export function resolveUserPath(target: string): string {
  return path.resolve(getEnv().PARAPET_INVOCATION_DIR ?? process.cwd(), target);
}

/** The process environment, for handing on to child processes only. */
export function childProcessEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Points this process (and the children it spawns) at a database chosen at run time, e.g. the embedded one. */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
  cached = undefined;
}
