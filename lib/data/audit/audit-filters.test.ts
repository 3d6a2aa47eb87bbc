import { describe, expect, test } from "vitest";
import { parseAuditFilters } from "@/lib/data/audit/audit-filters";

const parse = (query: string) => parseAuditFilters(new URLSearchParams(query));

describe("parseAuditFilters", () => {
  test("reads each filter; blank values are no filter; actors are lower-cased", () => {
    expect(parse("actor=Admin@Example.com&action=auth.&target=&ip=10.0.0.1&from=2026-11-01&to=2026-11-30&before=42")).toEqual({
      filters: { actor: "admin@example.com", action: "auth.", ip: "10.0.0.1", from: "2026-11-01", to: "2026-11-30", before: "42" },
      errors: [],
    });
    expect(parse("")).toEqual({ filters: {}, errors: [] });
  });

  test("bad input is named, never passed on", () => {
    expect(parse("before=-1").errors).toEqual(["before: an entry id"]);
    expect(parse("before=99999999999999999999").errors).toEqual(["before: an entry id"]);
    expect(parse("from=2026-13-45").errors).toEqual(["from: not a real day"]);
    expect(parse("action=auth%00login").errors).toEqual(["action: contains a NUL byte", "action: letters, digits, dots and dashes"]);
    expect(parse("to=yesterday").filters).toEqual({});
  });
});
