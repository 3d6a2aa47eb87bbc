import "server-only";
import type pg from "pg";
import { z } from "zod";
import { getPool } from "@/lib/db";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";

const ZUnitName = z.object({
  id: z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, "a root or OU id is r-xxxx or ou-xxxx-xxxxxxxx"),
  // The model's OrganizationalUnitName: 1-128 characters. A control character would only garble the pickers.
  name: z
    .string()
    .min(1)
    .max(128)
    .refine((value) => !hasControlCharacter(value), "must not contain control characters"),
});
export type TUnitName = z.input<typeof ZUnitName>;

/**
 * Stores the names Organizations discovery read for roots and OUs (by id; a renamed OU gets
 * its new name, an OU no longer seen keeps its last one, which is only a label: scopes and
 * filters select by id). What pickers show next to an OU id. Returns how many rows changed.
 */
export async function upsertOrganizationalUnits(units: TUnitName[], pool: pg.Pool = getPool()): Promise<number> {
  const parsed = units.map((unit) => ZUnitName.parse(unit));
  if (parsed.length === 0) return 0;
  const result = await pool.query(
    `INSERT INTO organizational_units (id, name)
     SELECT x.id, x.name FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = now()
     WHERE organizational_units.name IS DISTINCT FROM excluded.name`,
    [JSON.stringify(parsed)],
  );
  return result.rowCount ?? 0;
}
