import { createHash } from "node:crypto";

/**
 * Most distinct statements a process prepares (per connection, PostgreSQL keeps each until
 * the connection closes): the console's reads are a few dozen texts, a few hundred with
 * every filter combination; past the cap a text runs unnamed, as every statement did before.
 */
export const MAX_PREPARED_STATEMENTS = 400;
const statementNames = new Map<string, string>();
/** Reads only: writes and DDL (a partition's CREATE names its day) would fill the cap with texts run once. */
const READ = /^\s*(?:WITH|SELECT)\b/i;

/**
 * The name a read is prepared under, from its text: node-postgres parses a named
 * statement once per connection and then only binds and executes it, and after five runs
 * PostgreSQL may keep a generic plan (its plan_cache_mode "auto", as JDBC drivers use it).
 * Unnamed, each request's statements were parsed and planned anew: about 3 ms of
 * PostgreSQL's time a page for the accounts list at 500 accounts, and more for reads over
 * partitioned tables, whose planning grows with the partitions.
 */
export function statementName(query: { sql: string }, names: Map<string, string> = statementNames): string | undefined {
  const known = names.get(query.sql);
  if (known !== undefined || names.size >= MAX_PREPARED_STATEMENTS || !READ.test(query.sql)) return known;
  const name = `parapet_${createHash("sha256").update(query.sql).digest("hex").slice(0, 32)}`;
  names.set(query.sql, name);
  return name;
}
