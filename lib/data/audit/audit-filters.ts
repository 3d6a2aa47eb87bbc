import { z } from "zod";

/**
 * Filters of the audit log page and its CSV export, as URL parameters: actor and target are
 * exact (e-mails are stored lower-case), action matches a whole action or a prefix ending in
 * a dot (`auth.` = every sign-in event), from/to are days (UTC, `to` inclusive), and
 * `before` is the keyset cursor (an entry id). A NUL byte or an oversized value is refused.
 */
const ZText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((value) => !value.includes("\u0000"), "contains a NUL byte");
const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "not a real day");

export const ZAuditFilters = z.object({
  actor: ZText(320)
    .transform((value) => value.toLowerCase())
    .optional(),
  action: ZText(100)
    .regex(/^[a-z0-9.-]+$/, "letters, digits, dots and dashes")
    .optional(),
  target: ZText(500).optional(),
  ip: ZText(64).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  before: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, "an entry id")
    .optional(),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export const AUDIT_FILTER_KEYS = ["actor", "action", "target", "ip", "from", "to", "before"] as const;

/** The filters of a query string; blank values are "no filter". Errors name the parameter. */
export function parseAuditFilters(params: URLSearchParams): { filters: TAuditFilters; errors: string[] } {
  const raw = Object.fromEntries(
    AUDIT_FILTER_KEYS.map((key) => [key, params.get(key)?.trim() || undefined]).filter(([, value]) => value !== undefined),
  );
  const parsed = ZAuditFilters.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: [] };
  return { filters: {}, errors: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
}
