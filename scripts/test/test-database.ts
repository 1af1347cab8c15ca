import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseProvider } from "../../lib/db/provider";

/**
 * TEST_DATABASE_URL names a PostgreSQL database for the tests (`npm test` runs on SQLite without it). The tests create
 * databases of their own beside it, one per unit test file and one for the browser journeys, and drop them
 * afterwards: its role needs CREATEDB (scripts/test/postgres.ts starts a throwaway cluster whose role has it).
 */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.TEST_DATABASE_URL;
  if (!url) return undefined;
  if (databaseProvider(url) !== "postgresql") throw new Error("TEST_DATABASE_URL must be a postgresql:// URL (SQLite is the default without it).");
  return url;
}

/** The URL of another database on the same server as `baseUrl`. */
export function databaseUrlNamed(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const uniqueDatabaseName = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

/** Creates (after dropping any leftover of the same name) an empty database beside `baseUrl`; returns its URL. */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  await onServer(baseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrlNamed(baseUrl, name);
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await onServer(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function onServer(baseUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(new URL(baseUrl).pathname.slice(1) || "x")) throw new Error("TEST_DATABASE_URL's database name must be plain (a-z, 0-9, _).");
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
