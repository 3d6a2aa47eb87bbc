import { z } from "zod";
import { ZRole, ZUserScope } from "@/lib/data/users/user-access";

/** A mapping as the console's form sends it: the group claim value exactly as the IdP sends it. */
export const ZSsoMappingInput = z.object({
  groupName: z
    .string()
    .trim()
    .min(1, "the group (or role) name as your identity provider sends it")
    .max(500)
    .refine((value) => !value.includes("\u0000"), "contains a NUL byte"),
  role: ZRole,
  scope: ZUserScope,
});
export type TSsoMappingInput = z.input<typeof ZSsoMappingInput>;
