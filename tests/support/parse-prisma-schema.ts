/**
 * A reader for the subset of the Prisma schema language this project uses (models with
 * scalar fields, @map/@@map, @db.* native types, @id/@unique/@@id/@@unique/@@index), so the
 * drift test can compare schema.prisma with the migrated database without Prisma's
 * downloaded schema engine.
 */
export interface PrismaColumn {
  field: string;
  column: string;
  type: string;
  nativeType: string | null;
  isOptional: boolean;
  isList: boolean;
}

export interface PrismaTable {
  model: string;
  table: string;
  columns: PrismaColumn[];
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Boolean", "DateTime", "Json", "Decimal", "Bytes"]);

export function parsePrismaSchema(source: string): PrismaTable[] {
  const tables: PrismaTable[] = [];
  const modelPattern = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
  for (const match of source.matchAll(modelPattern)) {
    const model = match[1]!;
    const body = match[2]!;
    const table: PrismaTable = { model, table: model, columns: [], primaryKey: [], uniques: [], indexes: [] };
    const fieldToColumn = new Map<string, string>();
    const blockAttributes: string[] = [];
    for (const rawLine of body.split("\n")) {
      const line = rawLine.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      if (line.startsWith("@@")) {
        blockAttributes.push(line);
        continue;
      }
      const fieldMatch = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!fieldMatch) continue;
      const [, field, type, list, optional, attributes] = fieldMatch as unknown as [
        string,
        string,
        string,
        string | undefined,
        string | undefined,
        string,
      ];
      if (!SCALARS.has(type)) continue; // relation field
      const column = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? field;
      fieldToColumn.set(field, column);
      table.columns.push({
        field,
        column,
        type,
        nativeType: /@db\.(\w+(?:\(\d+(?:,\s*\d+)?\))?)/.exec(attributes)?.[1] ?? null,
        isOptional: optional === "?",
        isList: list === "[]",
      });
      if (/@id\b/.test(attributes)) table.primaryKey = [column];
      if (/@unique\b/.test(attributes)) table.uniques.push([column]);
    }
    const columnsOf = (attribute: string) =>
      (/\[([^\]]+)\]/.exec(attribute)?.[1] ?? "")
        .split(",")
        .map((part) => part.trim().replace(/\(.*\)$/, ""))
        .filter(Boolean)
        .map((field) => fieldToColumn.get(field) ?? field);
    for (const attribute of blockAttributes) {
      if (attribute.startsWith("@@map")) table.table = /"([^"]+)"/.exec(attribute)?.[1] ?? model;
      else if (attribute.startsWith("@@id")) table.primaryKey = columnsOf(attribute);
      else if (attribute.startsWith("@@unique")) table.uniques.push(columnsOf(attribute));
      else if (attribute.startsWith("@@index")) table.indexes.push(columnsOf(attribute));
    }
    tables.push(table);
  }
  return tables;
}

/** The PostgreSQL type Prisma maps a field to (information_schema's data_type spelling). */
export function expectedPostgresType(column: PrismaColumn): string {
  if (column.isList) return "ARRAY";
  const native = column.nativeType?.replace(/\(.*\)$/, "");
  switch (native) {
    case "VarChar":
      return "character varying";
    case "Uuid":
      return "uuid";
    case "Real":
      return "real";
    case "Timestamptz":
      return "timestamp with time zone";
    case "Date":
      return "date";
    case "Text":
      return "text";
    default:
      break;
  }
  switch (column.type) {
    case "String":
      return "text";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Float":
      return "double precision";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return "timestamp without time zone";
    case "Json":
      return "jsonb";
    case "Bytes":
      return "bytea";
    default:
      return column.type;
  }
}
