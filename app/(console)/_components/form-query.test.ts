import { describe, expect, test } from "vitest";
import { formQuery } from "./form-query";

describe("formQuery", () => {
  test("drops blank fields and keeps the rest in form order, repeated names included", () => {
    const form = new FormData();
    form.append("severity", "HIGH");
    form.append("control", "");
    form.append("type", "   ");
    form.append("severity", "CRITICAL");
    form.append("q", "public bucket");
    form.append("status", "");
    expect(formQuery(form)).toBe("severity=HIGH&severity=CRITICAL&q=public+bucket");
  });

  test("a form with nothing filled in submits an empty query, not `q=`", () => {
    expect(formQuery([["q", ""]])).toBe("");
    expect(formQuery([])).toBe("");
  });

  test("keeps a value's own spaces (only an all-blank value is dropped) and encodes what the URL needs", () => {
    expect(
      formQuery([
        ["q", " a&b "],
        ["tag", "team=payments"],
      ]),
    ).toBe("q=+a%26b+&tag=team%3Dpayments");
  });
});
