"use server";

import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { changeOwnPassword, ZPasswordChange } from "@/lib/data/users/change-own-password";
import { endUserSessions } from "@/lib/data/users/end-user-sessions";
import { isAppError } from "@/lib/errors";

export interface AccountActionResult {
  isOk: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export async function changePasswordAction(formData: FormData): Promise<AccountActionResult> {
  const user = await requireApiUser();
  const input = ZPasswordChange.safeParse({
    current: formData.get("current") ?? "",
    next: formData.get("next") ?? "",
    confirm: formData.get("confirm") ?? "",
  });
  if (!input.success)
    return {
      isOk: false,
      message: "Fix the highlighted fields.",
      fieldErrors: z.flattenError(input.error).fieldErrors as Record<string, string[]>,
    };
  try {
    await changeOwnPassword(user, input.data);
    return { isOk: true, message: "Password changed. Every session ended, this one too: sign in with the new password." };
  } catch (error) {
    if (isAppError(error)) {
      const details = error.details as { fieldErrors?: Record<string, string[]> } | undefined;
      return { isOk: false, message: error.message, ...(details?.fieldErrors ? { fieldErrors: details.fieldErrors } : {}) };
    }
    throw error;
  }
}

/** Ends every session of the signed-in user, on every device. */
export async function signOutEverywhereAction(): Promise<AccountActionResult> {
  const user = await requireApiUser();
  await endUserSessions(user, user.id);
  return { isOk: true, message: "Signed out everywhere." };
}
