"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth";
import { deleteSsoMapping } from "@/lib/data/sso/delete-sso-mapping";
import { saveSsoMapping } from "@/lib/data/sso/save-sso-mapping";
import { ZSsoMappingInput } from "@/lib/data/sso/sso-mapping-input";
import { updateSsoMapping } from "@/lib/data/sso/update-sso-mapping";
import { ZUserAccess } from "@/lib/data/users/user-access";
import { isAppError } from "@/lib/errors";
import { fieldErrorsOf, readAccessForm } from "../../users/_lib/read-access-form";

export interface MappingActionResult {
  isOk: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export async function saveSsoMappingAction(formData: FormData): Promise<MappingActionResult> {
  const user = await requireApiUser();
  const raw = { groupName: formData.get("groupName") ?? "", ...readAccessForm(formData) };
  const input = ZSsoMappingInput.safeParse(raw);
  // Nothing is saved when any field is wrong; every wrong field is named.
  if (!input.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(input.error, raw) };
  try {
    await saveSsoMapping(user, input.data);
    revalidatePath("/settings/sso");
    return { isOk: true, message: `Saved: members of "${input.data.groupName}" get this access at their next sign-in.` };
  } catch (error) {
    if (isAppError(error)) return { isOk: false, message: error.message };
    throw error;
  }
}

const ZMappingId = z.string().regex(/^[1-9]\d{0,17}$/);

/** Edits one mapping's role and scope (the group name stays: a new name is a new mapping), validated as saving one is. */
export async function updateSsoMappingAction(mappingId: string, formData: FormData): Promise<MappingActionResult> {
  const user = await requireApiUser();
  const id = ZMappingId.safeParse(mappingId);
  if (!id.success) return { isOk: false, message: "invalid request" };
  const raw = readAccessForm(formData);
  const input = ZUserAccess.safeParse(raw);
  if (!input.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(input.error, raw) };
  try {
    const { groupName, changed } = await updateSsoMapping(user, id.data, input.data);
    revalidatePath("/settings/sso");
    return {
      isOk: true,
      message: changed ? `Saved: members of "${groupName}" get this access at their next sign-in.` : "Nothing changed.",
    };
  } catch (error) {
    if (isAppError(error)) return { isOk: false, message: error.message };
    throw error;
  }
}

export async function deleteSsoMappingAction(mappingId: string): Promise<MappingActionResult> {
  const user = await requireApiUser();
  const id = ZMappingId.safeParse(mappingId);
  if (!id.success) return { isOk: false, message: "invalid request" };
  try {
    await deleteSsoMapping(user, id.data);
    revalidatePath("/settings/sso");
    return { isOk: true, message: "Mapping removed: its members are refused at their next sign-in unless another group maps them." };
  } catch (error) {
    if (isAppError(error)) return { isOk: false, message: error.message };
    throw error;
  }
}
