import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { environment } from "./config";
import { PrismaClient } from "./generated/prisma/client";

/**
 * The one database client. SQLite (through better-sqlite3) is the embedded default. Migrations are applied before the
 * server starts (scripts/start.ts), never from here.
 */
function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: environment().databaseUrl, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as typeof globalThis & { hubDb?: PrismaClient };

export const db: PrismaClient = globalForDb.hubDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.hubDb = db;

export type Db = PrismaClient;
/** A transaction client, for services that must take part in a caller's transaction. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
