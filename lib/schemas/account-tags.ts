import { z } from "zod";

/** AWS's own tag limits (Organizations: keys 1-128, values 0-256 characters, 50 tags per resource). */
export const MAX_ACCOUNT_TAGS = 50;

export const ZAccountTags = z
  .record(
    z
      .string()
      .trim()
      .min(1, "a tag key is 1-128 characters")
      .max(128, "a tag key is 1-128 characters")
      .regex(/^[^=\n]+$/, "a tag key cannot contain = or a line break"),
    z
      .string()
      .trim()
      .max(256, "a tag value is at most 256 characters")
      .regex(/^[^\n]*$/, "a tag value cannot contain a line break"),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_ACCOUNT_TAGS, `at most ${MAX_ACCOUNT_TAGS} tags`);
export type TAccountTags = z.infer<typeof ZAccountTags>;

/**
 * The tag editor's text: one `key=value` per line (blank lines ignored; the value may be
 * empty or contain `=`). Errors name the line, so nothing typed is silently dropped.
 */
export const ZAccountTagsText = z
  .string()
  .max(20_000)
  .transform((text, ctx): TAccountTags => {
    const tags: Record<string, string> = {};
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const line = raw.trim();
      if (line === "") continue;
      const at = line.indexOf("=");
      if (at <= 0) {
        ctx.addIssue({ code: "custom", message: `line ${index + 1}: expected key=value` });
        return z.NEVER;
      }
      const key = line.slice(0, at).trim();
      if (key in tags) {
        ctx.addIssue({ code: "custom", message: `line ${index + 1}: tag ${key} is given twice` });
        return z.NEVER;
      }
      tags[key] = line.slice(at + 1).trim();
    }
    const parsed = ZAccountTags.safeParse(tags);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });
