"use server";

import { revalidatePath } from "next/cache";
import { requireApiUser } from "@/lib/auth";
import { createRiskAcceptance } from "@/lib/data/acceptances/create-risk-acceptance";
import { revokeRiskAcceptance } from "@/lib/data/acceptances/revoke-risk-acceptance";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { isAppError } from "@/lib/errors";
import { makeCreateAcceptanceSchema, ZRevokeAcceptance } from "@/lib/schemas/acceptance";

export interface AcceptanceFormState {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

/** Every page that shows this account's score. */
function revalidateAccount(accountId: string) {
  revalidatePath(`/accounts/${accountId}`, "layout");
  revalidatePath("/");
  revalidatePath("/checklist");
}

/** Accept an item (or one of its records) as a risk: zod -> auth -> write + audit -> rescore -> revalidate. */
export async function acceptRiskAction(_previous: AcceptanceFormState, formData: FormData): Promise<AcceptanceFormState> {
  const user = await requireApiUser();
  const parsed = makeCreateAcceptanceSchema(new Date()).safeParse({
    accountId: formData.get("accountId"),
    itemId: formData.get("itemId"),
    findingId: formData.get("findingId") ?? undefined,
    reason: formData.get("reason"),
    owner: formData.get("owner"),
    expiresAt: formData.get("expiresAt"),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { status: "error", message: "Check the highlighted fields.", fieldErrors };
  }
  try {
    await createRiskAcceptance(user, parsed.data);
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
  // Rescored inline: the analyst sees the new score at once instead of waiting for the queue.
  const score = await scoreAccount(parsed.data.accountId, new Date());
  revalidateAccount(parsed.data.accountId);
  return {
    status: "ok",
    message: `Accepted until ${parsed.data.expiresAt.toISOString().slice(0, 10)}. Risk-adjusted score now ${score.riskAdjustedScore ?? "n/a"} (raw ${score.score ?? "n/a"}).`,
  };
}

/** Revoke an acceptance: the failure counts again at once. */
export async function revokeRiskAction(formData: FormData): Promise<void> {
  const user = await requireApiUser();
  const input = ZRevokeAcceptance.parse({
    accountId: formData.get("accountId"),
    itemId: formData.get("itemId"),
    acceptanceId: formData.get("acceptanceId"),
  });
  await revokeRiskAcceptance(user, input);
  await scoreAccount(input.accountId, new Date());
  revalidateAccount(input.accountId);
}
