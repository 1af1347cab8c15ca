import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The committed migrations of one database (prisma/<database>/migrations/<name>/migration.sql), in order, with the
 * checksum Prisma's CLI records for them (SHA-256 of the file). Read by the runner (migrations.ts) and by the health
 * check, which says whether the database is current.
 */
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

/** The migrations `applied` (name → checksum) does not have yet; a changed one that was applied is refused. */
export function pendingMigrations(migrations: Migration[], applied: Map<string, string>): Migration[] {
  return migrations.filter((migration) => {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.name} was changed after it was applied. Restore it and add a new migration instead.`);
    }
    return checksum === undefined;
  });
}

/** Prisma's own bookkeeping: finished and not rolled back means applied. */
export const APPLIED_MIGRATIONS_QUERY = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
