import pg from "pg";

/**
 * Opens one connection to `url` and runs `SELECT 1`, so a wrong DATABASE_URL fails as one
 * clear reason before anything else starts. Throws an Error whose message is that reason.
 */
export async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error), {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}
