import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { APPLIED_MIGRATIONS_QUERY, pendingMigrations, readMigrations } from "./migration-files";
import { databaseProvider, migrationsFolder } from "./provider";

/**
 * Applies the committed migrations of the database DATABASE_URL names (prisma/sqlite/migrations or
 * prisma/postgres/migrations) in order, each inside a transaction, and records them in `_prisma_migrations` as Prisma's
 * CLI does. Prisma's CLI cannot be used for this on machines that cannot download its native engine, and Prisma 7 no
 * longer migrates through driver adapters.
 */
export type MigrationReport = { applied: string[]; alreadyApplied: number };

type AppliedRow = { migration_name: string; checksum: string };
const appliedMap = (rows: AppliedRow[]) => new Map(rows.map((row) => [row.migration_name, row.checksum]));

export async function migrate(databaseUrl: string, directory = migrationsFolder(databaseProvider(databaseUrl))): Promise<MigrationReport> {
  return databaseProvider(databaseUrl) === "postgresql" ? migratePostgres(databaseUrl, directory) : migrateSqlite(databaseUrl, directory);
}

/** "file:./data/hub.db" → "./data/hub.db"; null for a database that is not a file. */
export function sqlitePath(databaseUrl: string): string | null {
  if (databaseProvider(databaseUrl) !== "sqlite") return null;
  return databaseUrl.slice("file:".length).split("?")[0] ?? "";
}

// ---- SQLite ---------------------------------------------------------------------------------------------------

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

function migrateSqlite(databaseUrl: string, directory: string): MigrationReport {
  const file = sqlitePath(databaseUrl)!;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const created = !existsSync(file);
  const database = new Database(file);
  // The database holds encrypted secrets and the audit log: owner-only, like the data folder.
  if (created) chmodSync(file, 0o600);
  try {
    // WAL lets readers carry on while a request writes; the setting is stored in the database file.
    database.pragma("journal_mode = WAL");
    database.exec(SQLITE_MIGRATIONS_TABLE);
    const migrations = readMigrations(directory);
    const pending = pendingMigrations(migrations, appliedMap(database.prepare(APPLIED_MIGRATIONS_QUERY).all() as AppliedRow[]));
    for (const migration of pending) {
      // Prisma's SQLite migrations rebuild tables (create, copy, drop, rename). With foreign keys on, dropping a parent
      // table would cascade-delete its children, and SQLite ignores the PRAGMA inside a transaction: switch them off
      // around the transaction and check the result before committing.
      database.pragma("foreign_keys = OFF");
      database.transaction(() => {
        database.exec(migration.sql);
        const violations = database.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) {
          throw new Error(`Migration ${migration.name} would leave ${violations.length} broken foreign key(s); nothing was applied.`);
        }
        database
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          )
          .run(randomUUID(), migration.checksum, migration.name);
      })();
      database.pragma("foreign_keys = ON");
    }
    return { applied: pending.map((migration) => migration.name), alreadyApplied: migrations.length - pending.length };
  } finally {
    database.close();
  }
}

// ---- PostgreSQL -----------------------------------------------------------------------------------------------

// As Prisma's CLI creates it, so that `prisma migrate status` would read the same history.
const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock migrations hold, the same number in every instance (any fixed 64-bit key of our own). */
export const MIGRATION_LOCK_KEY = 4_817_112_026;

async function migratePostgres(databaseUrl: string, directory: string): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Several instances starting at once: one migrates, the others wait here and then find nothing left to do. A
    // session lock, so it is released even if this process dies half-way (its connection closes).
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const migrations = readMigrations(directory);
    const pending = pendingMigrations(migrations, appliedMap((await client.query<AppliedRow>(APPLIED_MIGRATIONS_QUERY)).rows));
    for (const migration of pending) {
      // PostgreSQL runs DDL inside transactions: a migration that fails leaves nothing of itself behind.
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed, and nothing of it was applied: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    return { applied: pending.map((migration) => migration.name), alreadyApplied: migrations.length - pending.length };
  } finally {
    await client.end();
  }
}
