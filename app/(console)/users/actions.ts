"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { createConsoleUser, ZNewUser } from "@/lib/data/users/create-console-user";
import { endUserSessions } from "@/lib/data/users/end-user-sessions";
import { resetUserPassword } from "@/lib/data/users/reset-user-password";
import { setConsoleUserDisabled } from "@/lib/data/users/set-console-user-disabled";
import { updateUserAccess } from "@/lib/data/users/update-user-access";
import { countAccountsInScope } from "@/lib/data/accounts/count-accounts-in-scope";
import { accountScopeOf, normaliseAccess, ZUserAccess } from "@/lib/data/users/user-access";
import { isAppError } from "@/lib/errors";
import { fieldErrorsOf, readAccessForm } from "./_lib/read-access-form";

export interface UserActionResult {
  isOk: boolean;
  message: string;
  /** A generated password, shown once. */
  password?: string;
  fieldErrors?: Record<string, string[]>;
}

const ZUserId = z.uuid();

function failure(error: unknown): UserActionResult {
  if (isAppError(error)) return { isOk: false, message: error.message };
  if (error instanceof z.ZodError) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(error, {}) };
  throw error;
}

export async function createUserAction(formData: FormData): Promise<UserActionResult> {
  const user = await requireApiUser();
  const raw = { email: formData.get("email") ?? "", name: formData.get("name") ?? undefined, ...readAccessForm(formData) };
  const input = ZNewUser.safeParse(raw);
  // Nothing is saved when any field is wrong; every wrong field is named.
  if (!input.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(input.error, raw) };
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
  const id = ZUserId.safeParse(userId);
  if (!id.success) return { isOk: false, message: "invalid request" };
  const raw = readAccessForm(formData);
  const input = ZUserAccess.safeParse(raw);
  if (!input.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(input.error, raw) };
  try {
    const { changed } = await updateUserAccess(user, id.data, input.data);
    revalidatePath("/users");
    revalidatePath(`/users/${id.data}`);
    return { isOk: true, message: changed ? "Saved: the change applies on the user's next request." : "Nothing changed." };
  } catch (error) {
    return failure(error);
  }
}

export interface ScopePreview {
  isOk: boolean;
  /** Accounts the scope matches now (through the scope helper), and a few of their names. */
  count?: number;
  sample?: Array<{ id: string; name: string }>;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** "Matches N accounts now" for the role+scope form (users and SSO mappings), before anything is saved. */
export async function previewScopeAction(formData: FormData): Promise<ScopePreview> {
  const user = await requireApiUser();
  if (user.role !== "admin") return { isOk: false, message: "only admins can preview scopes" };
  const raw = readAccessForm(formData);
  const input = ZUserAccess.safeParse(raw);
  if (!input.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(input.error, raw) };
  const { count, sample } = await countAccountsInScope(user, accountScopeOf(normaliseAccess(input.data)));
  return { isOk: true, count, sample };
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
