import { describe, expect, test } from "vitest";
import { parseRunFilters } from "@/lib/data/runs/run-filters";
import { encodeRunCursor } from "@/lib/data/runs/runs-cursor";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("parseRunFilters", () => {
  test("defaults to cursors with problems, any status, the newest runs, the first page of each list", () => {
    expect(parseRunFilters({})).toEqual({ cursor: "problems", lpage: 1, cpage: 1 });
  });

  test("reads every parameter, and the cursor the runs list writes", () => {
    const after = encodeRunCursor({ id: "7", startedAt: new Date("2026-11-30T09:00:00.000Z") });
    expect(parseRunFilters({ account: "123456789012", status: "failed", cursor: "all", after, lpage: "3", cpage: "2" })).toEqual({
      account: "123456789012",
      status: "failed",
      cursor: "all",
      after,
      lpage: 3,
      cpage: 2,
    });
  });

  test("refuses a page that is not a whole number of 1 or more, naming the list's parameter", () => {
    for (const page of ["0", "-1", "1.5", "x"]) {
      expect(() => parseRunFilters({ lpage: page }), page).toThrow("lpage: must be a whole number of 1 or more");
      expect(() => parseRunFilters({ cpage: page }), page).toThrow("cpage: must be a whole number of 1 or more");
    }
    expect(parseRunFilters({ lpage: "", cpage: " " })).toMatchObject({ lpage: 1, cpage: 1 });
  });

  test("refuses bad values with a message naming each parameter", () => {
    expect(() => parseRunFilters({ account: "1", status: "weird", cursor: "none" })).toThrow(
      "account: an AWS account id is 12 digits; status: must be one of running, succeeded, partial, failed; cursor: must be one of problems, all, ok, disabled, error",
    );
  });

  test("refuses crafted cursors (bad dates, bigint overflow, wrong types) that reached the database before", () => {
    for (const after of [
      cursor({ t: "1", i: "1" }),
      cursor({ t: "2026-02-30T00:00:00.000Z", i: "1" }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: "9223372036854775808" }),
      cursor({ t: 5, i: "1" }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: 1 }),
      cursor({ t: "1", i: ":" }), // found by the fuzz test: a non-digit id made BigInt throw (a 500)
      cursor({ t: "2026-01-01T00:00:00.000Z", i: "abc" }),
      "garbage",
    ]) {
      expect(() => parseRunFilters({ after }), after).toThrow(
        "after: is not a page cursor of this list (start again from the newest runs)",
      );
    }
  });
});
