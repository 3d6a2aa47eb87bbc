import { z } from "zod";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { ZAccountId } from "@/lib/aws/account-id";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";

const DAY_MS = 86_400_000;
/** Longest acceptance: a risk must be looked at again at least once a year. */
export const MAX_ACCEPTANCE_DAYS = 365;

/**
 * An accepted risk as the form sends it. `expiresAt` is a calendar day (yyyy-mm-dd, the
 * value of <input type="date">) or a full ISO timestamp; a day means the end of that day
 * in UTC. It must lie in the future and at most MAX_ACCEPTANCE_DAYS ahead of `now`.
 * `findingId` empty = the whole item for the account.
 */
export function makeCreateAcceptanceSchema(now: Date) {
  return z.object({
    accountId: ZAccountId,
    itemId: z.string().refine((id) => CHECKLIST_ITEMS.some((item) => item.id === id), "unknown checklist item"),
    findingId: z
      .string()
      .trim()
      .max(2048)
      .optional()
      .transform((value) => (value ? value : null)),
    reason: z
      .string()
      .trim()
      .min(10, "give a reason of at least 10 characters")
      .max(1000, "keep the reason under 1000 characters")
      // Line breaks are fine in a reason; a NUL is not text (PostgreSQL refuses it, so the save would fail).
      .refine((value) => !value.includes("\u0000"), "the reason must not contain a NUL character"),
    owner: z
      .string()
      .trim()
      .min(2, "name who owns this risk")
      .max(200)
      .refine((value) => !hasControlCharacter(value), "the owner must not contain control characters"),
    expiresAt: z
      .string()
      .trim()
      .transform((value, context) => {
        const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
        if (Number.isNaN(date.getTime())) {
          context.addIssue({ code: "custom", message: "pick an expiry date" });
          return z.NEVER;
        }
        return date;
      })
      .refine((date) => date.getTime() > now.getTime(), "the expiry must be in the future")
      .refine((date) => date.getTime() <= lastAllowedExpiry(now).getTime(), `the expiry must be within ${MAX_ACCEPTANCE_DAYS} days`),
  });
}

/** The end (UTC) of the day MAX_ACCEPTANCE_DAYS after `now`: the latest expiry the form accepts. */
export function lastAllowedExpiry(now: Date): Date {
  const last = new Date(now.getTime() + MAX_ACCEPTANCE_DAYS * DAY_MS);
  last.setUTCHours(23, 59, 59, 999);
  return last;
}

export type TCreateAcceptance = z.infer<ReturnType<typeof makeCreateAcceptanceSchema>>;

export const ZRevokeAcceptance = z.object({
  accountId: ZAccountId,
  itemId: z.string().min(1).max(20),
  acceptanceId: z.string().regex(/^\d{1,18}$/, "unknown acceptance"),
});

export type TRevokeAcceptance = z.infer<typeof ZRevokeAcceptance>;
