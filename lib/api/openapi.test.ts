import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";
import { ZApiAccountsQuery, ZApiFindingsPage, ZApiScoresQuery } from "@/lib/api/v1-query-schemas";
import { FINDING_MULTI_KEYS, ZFindingFilters } from "@/lib/data/findings/finding-filters";

const V1_DIR = path.resolve(__dirname, "../../app/api/v1");

/** Every route handler under app/api/v1, as its URL path. */
function implementedPaths(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") found.push(`/api/v1/${path.relative(V1_DIR, dir).split(path.sep).join("/")}`);
    }
  };
  walk(V1_DIR);
  return found.sort();
}

/** The zod schemas each route parses its query with, and the identifiers its source must use. */
const IMPLEMENTED_QUERIES: Record<string, { keys: string[]; identifiers: string[] }> = {
  "/api/v1/accounts": { keys: Object.keys((ZApiAccountsQuery as z.ZodObject).shape), identifiers: ["ZApiAccountsQuery"] },
  "/api/v1/scores": { keys: Object.keys(ZApiScoresQuery.shape), identifiers: ["ZApiScoresQuery"] },
  "/api/v1/findings": {
    keys: [...Object.keys(ZFindingFilters.shape), ...Object.keys(ZApiFindingsPage.shape)],
    identifiers: ["ZFindingFilters", "ZApiFindingsPage"],
  },
};

describe("OpenAPI document", () => {
  test("documents exactly the implemented /api/v1 routes (the document itself aside)", () => {
    expect(implementedPaths().filter((route) => route !== "/api/v1/openapi.json")).toEqual(Object.keys(OPENAPI_DOCUMENT.paths).sort());
    expect(Object.keys(IMPLEMENTED_QUERIES).sort()).toEqual(Object.keys(OPENAPI_DOCUMENT.paths).sort());
  });

  for (const [route, implemented] of Object.entries(IMPLEMENTED_QUERIES)) {
    test(`${route}: the documented query parameters are the ones its zod schema reads`, () => {
      const operation = OPENAPI_DOCUMENT.paths[route as keyof typeof OPENAPI_DOCUMENT.paths].get;
      const documented = operation.parameters.map((parameter: { name: string; in: string }) => {
        expect(parameter.in).toBe("query");
        return parameter.name;
      });
      expect([...documented].sort()).toEqual([...implemented.keys].sort());
      const source = readFileSync(path.join(V1_DIR, route.replace("/api/v1/", ""), "route.ts"), "utf8");
      for (const identifier of implemented.identifiers) expect(source, `${route} parses with ${identifier}`).toContain(identifier);
      expect(source).toContain("requireApiUser(request)");
    });
  }

  test("/api/v1/findings documents exactly the multi-select filters as repeatable arrays", () => {
    const parameters: ReadonlyArray<{ name: string; schema: Record<string, unknown> }> =
      OPENAPI_DOCUMENT.paths["/api/v1/findings"].get.parameters;
    const arrays = parameters.filter((parameter) => parameter.schema.type === "array").map((parameter) => parameter.name);
    expect(arrays.sort()).toEqual([...FINDING_MULTI_KEYS].sort());
    const source = readFileSync(path.join(V1_DIR, "findings", "route.ts"), "utf8");
    expect(source, "the route reads every value of the multi-select keys").toContain("multi: FINDING_MULTI_KEYS");
  });

  test("is OpenAPI 3.1 with bearer security, and every $ref resolves", () => {
    expect(OPENAPI_DOCUMENT.openapi).toBe("3.1.0");
    expect(OPENAPI_DOCUMENT.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    const refs = JSON.stringify(OPENAPI_DOCUMENT).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, "").replace(/"$/, "");
      expect(OPENAPI_DOCUMENT.components.schemas, ref).toHaveProperty(name);
    }
  });
});
