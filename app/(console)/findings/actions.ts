"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { canAcceptRisk } from "@/lib/auth/permissions";
import { createRiskAcceptance } from "@/lib/data/acceptances/create-risk-acceptance";
import { findItemsCitingRecords } from "@/lib/data/checklist/find-items-citing-record";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { isAppError } from "@/lib/errors";
import { ZAccountId } from "@/lib/aws/account-id";
import { makeCreateAcceptanceSchema } from "@/lib/schemas/acceptance";

export interface BulkAcceptState {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

/** At most this many findings per bulk acceptance: one page of the explorer is 50. */
const MAX_BULK = 200;

/** A checkbox value: `<account id>:<finding source id>` (source ids are ARNs or hex ids, so split at the first colon). */
const ZSelected = z
  .string()
  .max(2100)
  .transform((value, context) => {
    const at = value.indexOf(":");
    const accountId = value.slice(0, at);
    const recordId = value.slice(at + 1);
    if (at < 0 || !ZAccountId.safeParse(accountId).success || recordId.length === 0) {
      context.addIssue({ code: "custom", message: "not a finding of this list" });
      return z.NEVER;
    }
    return { accountId, recordId };
  });

/**
 * Accept the risk of the selected findings in one go: each finding is accepted on every
 * checklist item whose latest evaluation cites it (the same write, audit entry and expiry
 * rescoring as the item page's form); findings no item cites are named and skipped. Every
 * affected account is rescored once at the end.
 */
export async function bulkAcceptRiskAction(_previous: BulkAcceptState, formData: FormData): Promise<BulkAcceptState> {
  const user = await requireApiUser();
  const selected = z
    .array(ZSelected)
    .min(1, "select at least one finding")
    .max(MAX_BULK, `select at most ${MAX_BULK} findings`)
    .safeParse(formData.getAll("finding"));
  const details = makeCreateAcceptanceSchema(new Date())
    .pick({ reason: true, owner: true, expiresAt: true })
    .safeParse({ reason: formData.get("reason"), owner: formData.get("owner"), expiresAt: formData.get("expiresAt") });
  if (!selected.success || !details.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of [
      ...(selected.error?.issues ?? []).map((issue) => ({ ...issue, path: ["finding"] })),
      ...(details.error?.issues ?? []),
    ]) {
      (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    }
    return { status: "error", message: "Check the highlighted fields.", fieldErrors };
  }
  if (!canAcceptRisk(user)) return { status: "error", message: "Only analysts and admins can accept risks." };
  // The account scope is applied inside the queries: findItemsCitingRecords sees only the
  // user's accounts (a finding outside them cites no item here), and createRiskAcceptance
  // checks the account again in its INSERT.
  const records = selected.data;
  const citing = await findItemsCitingRecords(user, records);
  const accepted: string[] = [];
  const failures: string[] = [];
  for (const cite of citing) {
    try {
      await createRiskAcceptance(user, { accountId: cite.accountId, itemId: cite.itemId, findingId: cite.recordId, ...details.data });
      accepted.push(`${cite.itemId} (${cite.accountId})`);
    } catch (error) {
      if (!isAppError(error)) throw error;
      failures.push(`${cite.itemId} in ${cite.accountId}: ${error.message}`);
    }
  }
  const uncited = records.filter(
    (record) => !citing.some((cite) => cite.accountId === record.accountId && cite.recordId === record.recordId),
  );
  const accounts = [...new Set(citing.map((cite) => cite.accountId))];
  for (const accountId of accounts) await scoreAccount(accountId, new Date());
  revalidatePath("/findings");
  revalidatePath("/");
  const parts = [
    `Accepted ${accepted.length} finding-item pair${accepted.length === 1 ? "" : "s"} in ${accounts.length} account${accounts.length === 1 ? "" : "s"} until ${details.data.expiresAt.toISOString().slice(0, 10)}.`,
  ];
  if (uncited.length > 0)
    parts.push(
      `${uncited.length} selected finding${uncited.length === 1 ? " is" : "s are"} not evidence of any checklist item and ${uncited.length === 1 ? "was" : "were"} skipped.`,
    );
  if (failures.length > 0) parts.push(`Not accepted: ${failures.join("; ")}.`);
  return { status: accepted.length > 0 ? "ok" : "error", message: parts.join(" ") };
}
