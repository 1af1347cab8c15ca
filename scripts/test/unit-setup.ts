import { afterAll } from "vitest";
import { isolateData } from "./isolated-data";

/**
 * Every unit test file runs against its own real, migrated database (SQLite, or PostgreSQL when TEST_DATABASE_URL
 * names a server) and its own generated secrets.
 */
delete process.env.MICROSOFT_LOGIN_URL;
delete process.env.MICROSOFT_GRAPH_URL;
const isolated = await isolateData("hub-unit-");

afterAll(async () => {
  // The file's client holds connections to its database: close them before the database is dropped.
  const globalDb = (globalThis as { hubDb?: { $disconnect(): Promise<void> } }).hubDb;
  await globalDb?.$disconnect();
  await isolated.remove();
});
