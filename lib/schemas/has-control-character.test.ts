import { describe, expect, test } from "vitest";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";

describe("hasControlCharacter", () => {
  test("finds NUL, other C0 controls and DEL anywhere; passes ordinary and non-ASCII text", () => {
    for (const text of ["\u0000", "a\u0000", "tab\there", "new\nline", "\u001b[31m", "del\u007f"])
      expect(hasControlCharacter(text), JSON.stringify(text)).toBe(true);
    for (const text of ["", "plain", "bücket ☃ 𝕏", "%00", "\u0080\u00a0", "' OR 1=1 --"])
      expect(hasControlCharacter(text), JSON.stringify(text)).toBe(false);
  });
});
