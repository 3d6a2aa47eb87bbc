import { describe, expect, test } from "vitest";
import { z } from "zod";

import { decodeKeysetCursor, encodeKeysetCursor } from "./keyset-cursor";

const ZPosition = z.object({ k: z.number(), i: z.string().regex(/^\d+$/) });

describe("keyset cursor codec", () => {
  test("a position comes back as it went in, through a URL-safe string", () => {
    const cursor = encodeKeysetCursor({ k: 70.5, i: "42" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    // {"k":70.5,"i":"42"} in base64url, worked out by hand from the JSON text.
    expect(cursor).toBe(Buffer.from('{"k":70.5,"i":"42"}').toString("base64url"));
    expect(decodeKeysetCursor(cursor, ZPosition)).toEqual({ k: 70.5, i: "42" });
  });

  test("no cursor, a cursor that is not base64 JSON, or one the schema rejects is no position", () => {
    expect(decodeKeysetCursor(undefined, ZPosition)).toBeNull();
    expect(decodeKeysetCursor("", ZPosition)).toBeNull();
    expect(decodeKeysetCursor("not-a-cursor", ZPosition)).toBeNull();
    expect(decodeKeysetCursor(encodeKeysetCursor({ k: "high", i: "42" }), ZPosition)).toBeNull();
    expect(decodeKeysetCursor(encodeKeysetCursor({ k: 1, i: "1; DROP" }), ZPosition)).toBeNull();
  });
});
