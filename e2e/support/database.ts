import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { HUB } from "./hub";

/**
 * Direct access to the hub's SQLite database, for what a journey must prove about storage (nothing saved, no secret
 * in the file) and for resetting state between journeys.
 */
export function withDatabase<T>(work: (database: Database.Database) => T): T {
  const database = new Database(HUB.databaseFile);
  database.pragma("busy_timeout = 5000");
  try {
    return work(database);
  } finally {
    database.close();
  }
}

/** The raw bytes of the database and its write-ahead log, as an attacker with the file would see them. */
export function rawDatabaseText(): string {
  return [HUB.databaseFile, `${HUB.databaseFile}-wal`]
    .map((file) => {
      try {
        return readFileSync(file).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("\n");
}

export function resetOffice365() {
  withDatabase((database) => {
    database.exec(`DELETE FROM "Office365Settings"; DELETE FROM "AuditEvent";`);
  });
}

export function office365SettingsRow(): Record<string, unknown> | undefined {
  return withDatabase((database) => database.prepare(`SELECT * FROM "Office365Settings"`).get() as Record<string, unknown> | undefined);
}

export function setSecretExpiry(isoDate: string | null) {
  withDatabase((database) => database.prepare(`UPDATE "Office365Settings" SET "clientSecretExpiresOn" = ?`).run(isoDate));
}
