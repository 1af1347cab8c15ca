import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { environment } from "./config";
import { log } from "./log";
import { PrismaClient } from "./generated/prisma/client";

/**
 * The one database client. SQLite (through better-sqlite3) is the embedded default. Migrations are applied before the
 * server starts (scripts/start.ts), never from here.
 */
function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: environment().databaseUrl, timeout: 10_000 });
  const client = new PrismaClient({ adapter });
  // The adapter keeps one connection per process, and this is its first statement: deleted rows (tokens of a removed
  // account, rotated refresh tokens) are overwritten with zeros in the file instead of lingering in free space.
  client.$queryRawUnsafe("PRAGMA secure_delete = ON").catch((error: unknown) => log.error("database.secure_delete_failed", { error }));
  return client;
}

const globalForDb = globalThis as typeof globalThis & { hubDb?: PrismaClient };

export const db: PrismaClient = globalForDb.hubDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.hubDb = db;

export type Db = PrismaClient;
/** A transaction client, for services that must take part in a caller's transaction. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * After deleting secrets (a removed account's tokens): move the write-ahead log into the database file and empty it,
 * so no copy of the deleted pages is left in hub.db-wal either. With secure_delete on, the pages written back hold
 * zeros where the rows were.
 */
export async function purgeDeletedSecrets(): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
