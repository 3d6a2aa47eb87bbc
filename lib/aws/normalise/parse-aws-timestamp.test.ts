import { describe, expect, test } from "vitest";

import { parseAwsTimestamp } from "./parse-aws-timestamp";

describe("parseAwsTimestamp", () => {
  test("reads ISO strings with and without fractions", () => {
    expect(parseAwsTimestamp("2017-12-08T15:32:49.865Z")?.toISOString()).toBe("2017-12-08T15:32:49.865Z");
    expect(parseAwsTimestamp("2020-08-22T09:15:57Z")?.toISOString()).toBe("2020-08-22T09:15:57.000Z");
    expect(parseAwsTimestamp("2020-08-22T09:15:57+02:00")?.toISOString()).toBe("2020-08-22T07:15:57.000Z");
    expect(parseAwsTimestamp("2020-08-22T09:15:57+0200")?.toISOString()).toBe("2020-08-22T07:15:57.000Z");
  });

  test("treats zone-less, space-separated, nanosecond timestamps as UTC", () => {
    expect(parseAwsTimestamp("2025-02-25 20:40:06.000000000")?.toISOString()).toBe("2025-02-25T20:40:06.000Z");
    expect(parseAwsTimestamp("2025-02-25 20:40:06.721")?.toISOString()).toBe("2025-02-25T20:40:06.721Z");
  });

  test("accepts Date objects and epoch seconds or milliseconds", () => {
    const date = new Date("2024-01-01T00:00:00Z");
    expect(parseAwsTimestamp(date)).toBe(date);
    expect(parseAwsTimestamp(1_704_067_200)?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(parseAwsTimestamp(1_704_067_200_000)?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  test("returns null for anything else", () => {
    for (const value of [undefined, null, "", "yesterday", "2024-13-45T00:00:00Z", {}, new Date("nope"), Number.NaN]) {
      expect(parseAwsTimestamp(value)).toBeNull();
    }
  });
});
