import { describe, expect, test } from "vitest";
import { decodeEventCursor, encodeEventCursor, parseEventFilters } from "@/lib/data/checklist/event-filters";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("parseEventFilters", () => {
  test("no parameters: every event, newest first", () => {
    expect(parseEventFilters({})).toEqual({ ev_failed: false });
  });

  test("reads every parameter, the first of repeated ones, blanks as nothing, and the cursor the timeline writes", () => {
    const ev_after = encodeEventCursor({ eventTime: new Date("2026-11-30T09:00:00.000Z"), eventId: "e7a1-42" });
    expect(
      parseEventFilters({
        ev_name: ["ConsoleLogin", "StopLogging"],
        ev_region: "eu-west-1",
        ev_failed: "1",
        ev_q: "  root  ",
        ev_after,
        items: "x",
      }),
    ).toEqual({ ev_name: "ConsoleLogin", ev_region: "eu-west-1", ev_failed: true, ev_q: "root", ev_after });
    expect(parseEventFilters(new URLSearchParams("ev_name=&ev_q=%20&ev_failed=0"))).toEqual({ ev_failed: false });
    expect(decodeEventCursor(ev_after)).toEqual({ t: "2026-11-30T09:00:00.000Z", i: "e7a1-42" });
  });

  test("refuses bad values with a message naming each parameter, instead of silently showing every event", () => {
    expect(() => parseEventFilters({ ev_name: "Console-Login", ev_region: "mars", ev_failed: "on", ev_q: "a\u0000b" })).toThrow(
      "ev_name: an event name is letters and digits, like ConsoleLogin; ev_region: an AWS region looks like eu-west-1; ev_failed: must be 1, true, 0 or false; ev_q: must not contain control characters",
    );
    expect(() => parseEventFilters({ ev_q: "x".repeat(201) })).toThrow("ev_q: must be at most 200 characters");
  });

  test("refuses crafted cursors that reached the database as a 500 (Date.parse's lenient dates, NUL in the id, wrong shapes)", () => {
    for (const ev_after of [
      cursor({ t: "1", i: "x" }),
      cursor({ t: "2026-02-31T00:00:00.000Z", i: "x" }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: "a\u0000b" }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: "" }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: 5 }),
      cursor({ t: "2026-01-01T00:00:00.000Z", i: "x", extra: 1 }),
      cursor([1, 2]),
      "not base64!",
      "x".repeat(600),
    ]) {
      expect(() => parseEventFilters({ ev_after }), ev_after).toThrow("ev_after: is not a page cursor of this timeline");
    }
  });
});
