import { describe, expect, test } from "vitest";
import { ZAccountTagsText } from "@/lib/schemas/account-tags";

describe("the tag editor's text", () => {
  test("one key=value per line; blank lines ignored; values may be empty or contain =", () => {
    expect(ZAccountTagsText.parse("team = payments\n\n  environment=prod\nnote=a=b\nempty=\r\n")).toEqual({
      team: "payments",
      environment: "prod",
      note: "a=b",
      empty: "",
    });
    expect(ZAccountTagsText.parse("")).toEqual({});
  });

  test("a line without a key, a repeated key or an oversized value is an error naming the problem", () => {
    expect(ZAccountTagsText.safeParse("team=a\njust-text").error?.issues[0]?.message).toBe("line 2: expected key=value");
    expect(ZAccountTagsText.safeParse("=value").error?.issues[0]?.message).toBe("line 1: expected key=value");
    expect(ZAccountTagsText.safeParse("team=a\nteam=b").error?.issues[0]?.message).toBe("line 2: tag team is given twice");
    expect(ZAccountTagsText.safeParse(`k=${"x".repeat(257)}`).error?.issues[0]?.message).toBe("a tag value is at most 256 characters");
    expect(ZAccountTagsText.safeParse(Array.from({ length: 51 }, (_, i) => `k${i}=v`).join("\n")).error?.issues[0]?.message).toBe(
      "at most 50 tags",
    );
  });
});
