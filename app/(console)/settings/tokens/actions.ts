"use server";

import { revalidatePath } from "next/cache";
import { requireApiUser } from "@/lib/auth";
import { createApiToken } from "@/lib/data/tokens/create-api-token";
import { revokeApiToken } from "@/lib/data/tokens/revoke-api-token";
import { isAppError } from "@/lib/errors";
import { ZCreateApiToken, ZRevokeApiToken } from "@/lib/schemas/api-token";

export interface CreateTokenState {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The new token, returned once to the browser that made it and never again. */
  token?: string;
  name?: string;
  expiresAt?: string;
}

/** Make an API token: zod -> session (never a token) -> hash stored + audit -> the token shown once. */
export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const user = await requireApiUser();
  const parsed = ZCreateApiToken.safeParse({ name: formData.get("name"), expiresInDays: formData.get("expiresInDays") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { status: "error", message: "Check the highlighted fields.", fieldErrors };
  }
  try {
    const created = await createApiToken(user, parsed.data);
    revalidatePath("/settings/tokens");
    return { status: "ok", token: created.token, name: parsed.data.name, expiresAt: created.expiresAt.toISOString() };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
}

/** Revoke one of the user's tokens: refused from the next request on. */
export async function revokeTokenAction(formData: FormData): Promise<void> {
  const user = await requireApiUser();
  const { tokenId } = ZRevokeApiToken.parse({ tokenId: formData.get("tokenId") });
  await revokeApiToken(user, tokenId);
  revalidatePath("/settings/tokens");
}
