import "server-only";
import type pg from "pg";
import { z } from "zod";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { ACCOUNT_ID_DIGITS, ZAccountId } from "@/lib/aws/account-id";

export const ZAccountInput = z.object({
  id: ZAccountId,
  name: z.string().trim().min(1).max(200),
  roleArn: z
    .string()
    .regex(
      new RegExp(String.raw`^arn:aws[a-z-]*:iam::${ACCOUNT_ID_DIGITS}:role\/[\w+=,.@/-]{1,512}$`),
      "expected arn:aws:iam::<12 digits>:role/<name>",
    ),
  externalId: z
    .string()
    .min(2, "ExternalId is 2-1224 characters")
    .max(1224, "ExternalId is 2-1224 characters")
    .regex(/^[\w+=,.@:/-]+$/, "ExternalId allows letters, digits and _+=,.@:/- only"),
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not an AWS region name")).min(1),
  owner: z.string().trim().max(200).nullish(),
  tags: z.record(z.string(), z.string()).default({}),
});
export type TAccountInput = z.infer<typeof ZAccountInput>;

/** The role must be in the account it collects: a role in another account would file its data under the wrong id. */
export function isRoleInAccount(accountId: string, roleArn: string): boolean {
  return roleArn.includes(`::${accountId}:role/`);
}

/**
 * Registers accounts (or updates their role, ExternalId and regions). The role ARN must be
 * in the account it names: a role in another account would file its data under the wrong id.
 */
export async function registerAccounts(pool: pg.Pool, inputs: TAccountInput[], actor: string): Promise<number> {
  for (const input of inputs) {
    const parsed = ZAccountInput.parse(input);
    if (!isRoleInAccount(parsed.id, parsed.roleArn)) {
      throw new Error(`account ${parsed.id}: role ARN ${parsed.roleArn} belongs to another account`);
    }
    await pool.query(
      `INSERT INTO accounts (id, name, role_arn, external_id, regions, owner, tags, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role_arn = EXCLUDED.role_arn, external_id = EXCLUDED.external_id,
         regions = EXCLUDED.regions, owner = COALESCE(EXCLUDED.owner, accounts.owner), tags = EXCLUDED.tags,
         status = CASE WHEN accounts.status = 'data_only' THEN 'pending' ELSE accounts.status END, updated_at = now()`,
      [parsed.id, parsed.name, parsed.roleArn, parsed.externalId, parsed.regions, parsed.owner ?? null, JSON.stringify(parsed.tags)],
    );
  }
  if (inputs.length > 0) {
    await createAuditEntry(
      {
        actorEmail: actor,
        action: "account.register",
        ip: null,
        target: inputs.map((input) => input.id).join(","),
        detail: { count: inputs.length },
      },
      pool,
    );
  }
  return inputs.length;
}
