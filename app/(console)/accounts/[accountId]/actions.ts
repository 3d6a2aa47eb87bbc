"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { ZAccountId } from "@/lib/aws/account-id";
import { updateAccountTags } from "@/lib/data/accounts/update-account-tags";
import { isAppError } from "@/lib/errors";
import { ZAccountTagsText } from "@/lib/schemas/account-tags";

export interface TagsFormState {
  status: "idle" | "ok" | "error";
  message?: string;
}

const ZTagsForm = z.object({ accountId: ZAccountId, tags: ZAccountTagsText });

/** Replace an account's tags from the editor's `key=value` lines: zod -> admin check -> write + audit -> revalidate. */
export async function updateAccountTagsAction(_previous: TagsFormState, formData: FormData): Promise<TagsFormState> {
  const user = await requireApiUser();
  const parsed = ZTagsForm.safeParse({ accountId: formData.get("accountId"), tags: formData.get("tags") ?? "" });
  if (!parsed.success) return { status: "error", message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  try {
    const { after } = await updateAccountTags(user, parsed.data.accountId, parsed.data.tags);
    // Tags decide tag scopes: every page's account list may change.
    revalidatePath("/", "layout");
    return { status: "ok", message: `Saved ${Object.keys(after).length} tag(s).` };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
}
