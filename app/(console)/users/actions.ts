"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { createConsoleUser } from "@/lib/data/users/create-console-user";
import { endUserSessions } from "@/lib/data/users/end-user-sessions";
import { resetUserPassword } from "@/lib/data/users/reset-user-password";
import { setConsoleUserDisabled } from "@/lib/data/users/set-console-user-disabled";
import { updateUserAccess } from "@/lib/data/users/update-user-access";
import { ZRole, ZUserScope } from "@/lib/data/users/user-access";
import { isAppError } from "@/lib/errors";

export interface UserActionResult {
  isOk: boolean;
  message: string;
  /** A generated password, shown once. */
  password?: string;
  fieldErrors?: Record<string, string[]>;
}

const ZUserId = z.uuid();

/** The scope part of the user forms (app/(console)/users/_components/user-scope-fields.tsx). */
function scopeOf(formData: FormData) {
  return { allAccounts: formData.get("allAccounts") === "on", accountIds: formData.getAll("accountIds").map(String).filter(Boolean) };
}

function failure(error: unknown): UserActionResult {
  if (isAppError(error)) return { isOk: false, message: error.message };
  if (error instanceof z.ZodError)
    return {
      isOk: false,
      message: "Fix the highlighted fields.",
      fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    };
  throw error;
}

export async function createUserAction(formData: FormData): Promise<UserActionResult> {
  const user = await requireApiUser();
  const input = z.object({ email: z.string(), name: z.string().optional(), role: ZRole, scope: ZUserScope }).safeParse({
    email: formData.get("email") ?? "",
    name: formData.get("name") ?? undefined,
    role: formData.get("role"),
    scope: scopeOf(formData),
  });
  if (!input.success)
    return {
      isOk: false,
      message: "Fix the highlighted fields.",
      fieldErrors: z.flattenError(input.error).fieldErrors as Record<string, string[]>,
    };
  try {
    const created = await createConsoleUser(user, input.data);
    revalidatePath("/users");
    return {
      isOk: true,
      message: `User ${created.email} created. Hand over this password now; it is not shown again.`,
      password: created.password,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function updateUserAccessAction(userId: string, formData: FormData): Promise<UserActionResult> {
  const user = await requireApiUser();
  const input = z
    .object({ userId: ZUserId, role: ZRole, scope: ZUserScope })
    .safeParse({ userId, role: formData.get("role"), scope: scopeOf(formData) });
  if (!input.success) return { isOk: false, message: "invalid request" };
  try {
    const { changed } = await updateUserAccess(user, input.data.userId, { role: input.data.role, scope: input.data.scope });
    revalidatePath("/users");
    revalidatePath(`/users/${input.data.userId}`);
    return { isOk: true, message: changed ? "Saved: the change applies on the user's next request." : "Nothing changed." };
  } catch (error) {
    return failure(error);
  }
}

export async function setUserDisabledAction(userId: string, isDisabled: boolean): Promise<UserActionResult> {
  const user = await requireApiUser();
  const input = z.object({ userId: ZUserId, isDisabled: z.boolean() }).safeParse({ userId, isDisabled });
  if (!input.success) return { isOk: false, message: "invalid request" };
  try {
    await setConsoleUserDisabled(user, input.data.userId, input.data.isDisabled);
    revalidatePath("/users");
    revalidatePath(`/users/${input.data.userId}`);
    return { isOk: true, message: input.data.isDisabled ? "Disabled: their sessions ended." : "Enabled: they can sign in again." };
  } catch (error) {
    return failure(error);
  }
}

export async function resetUserPasswordAction(userId: string): Promise<UserActionResult> {
  const user = await requireApiUser();
  const id = ZUserId.safeParse(userId);
  if (!id.success) return { isOk: false, message: "invalid request" };
  try {
    const reset = await resetUserPassword(user, id.data);
    return {
      isOk: true,
      message: `New password for ${reset.email}; their sessions ended. It is not shown again.`,
      password: reset.password,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function endUserSessionsAction(userId: string): Promise<UserActionResult> {
  const user = await requireApiUser();
  const id = ZUserId.safeParse(userId);
  if (!id.success) return { isOk: false, message: "invalid request" };
  if (user.role !== "admin") return { isOk: false, message: "only admins can end another user's sessions" };
  try {
    await endUserSessions(user, id.data);
    return { isOk: true, message: "Every session of this user ended." };
  } catch (error) {
    return failure(error);
  }
}
