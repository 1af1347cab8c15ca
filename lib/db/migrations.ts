import { createHash, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Applies the committed migrations (prisma/migrations/<name>/migration.sql) in order, each inside a transaction, and
 * records them in `_prisma_migrations` as Prisma's CLI does. Prisma's CLI cannot be used for this on machines that
 * cannot download its native engine, and Prisma 7 no longer migrates through driver adapters.
 */
export type MigrationReport = { applied: string[]; alreadyApplied: number };

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(directory: string): Migration[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** "file:./data/hub.db" → "./data/hub.db" */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as file:./data/hub.db (got a ${databaseUrl.split(":")[0]} URL).`);
  }
  return databaseUrl.slice("file:".length).split("?")[0] ?? "";
}

export function migrateSqlite(databaseUrl: string, migrationsDirectory: string): MigrationReport {
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const created = !existsSync(file);
  const database = new Database(file);
  // The database holds encrypted secrets and the audit log: owner-only, like the data folder.
  if (created) chmodSync(file, 0o600);
  try {
    // WAL lets readers carry on while a request writes; the setting is stored in the database file.
    database.pragma("journal_mode = WAL");
    database.exec(MIGRATIONS_TABLE);
    const applied = new Map(
      (
        database
          .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .all() as { migration_name: string; checksum: string }[]
      ).map((row) => [row.migration_name, row.checksum]),
    );
    const report: MigrationReport = { applied: [], alreadyApplied: 0 };
    for (const migration of readMigrations(migrationsDirectory)) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied. Restore it and add a new migration instead.`);
        }
        report.alreadyApplied += 1;
        continue;
      }
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
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    database.close();
  }
}
