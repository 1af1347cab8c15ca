import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { environment } from "./config";
import { databaseProvider, type DatabaseProvider } from "./db/provider";
import { log } from "./log";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";

/**
 * The one database client, for SQLite (through better-sqlite3, the embedded default) or PostgreSQL (through pg), as
 * DATABASE_URL says. Both clients are generated from the same models (prisma/models.prisma) and the code is typed with
 * the SQLite one. TypeScript cannot compare the two generated classes directly (their generic types live in separate
 * namespaces), so lib/db/clients.typecheck.ts proves, model by model and operation by operation, that the PostgreSQL
 * client accepts every argument the SQLite one does and returns the same rows. Migrations are applied before the
 * server starts (scripts/start.ts), never from here.
 */
export const provider: DatabaseProvider = databaseProvider(environment().databaseUrl);

function createClient(): PrismaClient {
  const url = environment().databaseUrl;
  if (provider === "postgresql") {
    // Safe by lib/db/clients.typecheck.ts.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSqlite3({ url, timeout: 10_000 });
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
/** The generated argument and row types (the SQLite client's, the same as PostgreSQL's: lib/db/clients.typecheck.ts). */
export type { Prisma } from "./generated/sqlite/client";
/** A transaction client, for services that must take part in a caller's transaction. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * After deleting secrets (a removed account's tokens), on SQLite: move the write-ahead log into the database file and
 * empty it, so no copy of the deleted pages is left in hub.db-wal either. With secure_delete on, the pages written
 * back hold zeros where the rows were.
 * On PostgreSQL there is nothing to do from here: a deleted row's old version stays in the table's pages until VACUUM
 * reuses them, and in the write-ahead log until it is recycled, both out of reach of SQL run by the hub (VACUUM cannot
 * run inside the hub's transactions, and autovacuum does it). The tokens were encrypted before they were written, so
 * those leftovers are ciphertext that only HUB_ENCRYPTION_KEY opens.
 */
export async function purgeDeletedSecrets(): Promise<void> {
  if (provider === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
