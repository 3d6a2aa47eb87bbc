import type { z } from "zod";

/**
 * The role+scope fields as app/(console)/_components/role-scope-fields.tsx posts them, read
 * the same way for users and SSO mappings: `allAccounts=on` for all accounts, else any mix of
 * `accountIds` (repeated), `tagKey`/`tagValue` pairs (repeated, in order) and `ouIds`
 * (repeated). Values are left for the zod schema of the target to judge.
 */
export function readAccessForm(formData: FormData) {
  const strings = (name: string) => formData.getAll(name).map((value) => (typeof value === "string" ? value : ""));
  const keys = strings("tagKey");
  const values = strings("tagValue");
  return {
    role: formData.get("role"),
    scope: {
      allAccounts: formData.get("allAccounts") === "on",
      accountIds: strings("accountIds").filter(Boolean),
      // A pair with neither key nor value is an empty row of the form, not a tag.
      tags: keys.map((key, index) => ({ key, value: values[index] ?? "" })).filter((tag) => tag.key.trim() || tag.value.trim()),
      ouIds: strings("ouIds")
        .map((id) => id.trim())
        .filter(Boolean),
    },
  };
}

/**
 * A zod error as per-field messages the form shows next to its fields: the scope's parts
 * under their own names (`accountIds`, `tags`, `ouIds`), each message saying which entry is
 * wrong, so an admin fixing a long scope knows where to look.
 */
export function fieldErrorsOf(
  error: z.ZodError,
  input: { scope?: { tags?: Array<{ key: string }>; ouIds?: string[]; accountIds?: string[] } },
) {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [first, second, index] = issue.path;
    const field = String(first === "scope" && second !== undefined ? second : (first ?? "form"));
    let message = issue.message;
    if (first === "scope" && typeof index === "number") {
      if (second === "tags") message = `tag ${index + 1} (${input.scope?.tags?.[index]?.key || "no key"}): ${message}`;
      else if (second === "ouIds") message = `"${input.scope?.ouIds?.[index] ?? ""}": ${message}`;
      else if (second === "accountIds") message = `"${input.scope?.accountIds?.[index] ?? ""}": ${message}`;
    }
    (errors[field] ??= []).push(message);
  }
  return errors;
}
