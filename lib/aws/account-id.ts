import { z } from "zod";

/** An AWS account id, unanchored, for composing larger patterns (role ARNs). */
export const ACCOUNT_ID_DIGITS = String.raw`\d{12}`;

/** An AWS account id: exactly 12 digits. Kept a string: leading zeros are part of the id. */
export const ACCOUNT_ID_PATTERN = new RegExp(`^${ACCOUNT_ID_DIGITS}$`);

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value);
}

/** An account id at an input boundary (forms, URLs, CLI flags, job payloads). */
export const ZAccountId = z.string().regex(ACCOUNT_ID_PATTERN, "an AWS account id is 12 digits");

/** An account id inside an AWS record: the reason names the field's expectation, the path names the field. */
export const ZRecordAccountId = z.string().regex(ACCOUNT_ID_PATTERN, "expected a 12-digit account id");
