import { ACCOUNT_ID_PATTERN } from "@/lib/aws/account-id";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;

/**
 * Region and account named in an ARN-like string. Found by shape rather than by position
 * because real ids vary: `arn:aws:guardduty:<region>:<account>:...`, the doubled colon in
 * `arn:aws::guardduty:<region>:...` printed in the GuardDuty guide, Security Hub product ARNs
 * with an empty account, and custom-product ids like `us-east-2/<account>/...`.
 */
export function readArnParts(value: unknown): { region: string | null; accountId: string | null } {
  if (typeof value !== "string") return { region: null, accountId: null };
  const parts = value.split(/[:/]/);
  return {
    region: parts.find((part) => REGION.test(part)) ?? null,
    accountId: parts.find((part) => ACCOUNT_ID_PATTERN.test(part)) ?? null,
  };
}
