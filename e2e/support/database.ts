import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { decrypt } from "../../lib/crypto";
import { parseEncryptionKey } from "../../lib/secrets";
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
    database.exec(
      `DELETE FROM "OAuthState"; DELETE FROM "AccountToken"; DELETE FROM "ConnectedAccount"; DELETE FROM "Office365Settings"; DELETE FROM "AuditEvent";`,
    );
  });
}

export function office365SettingsRow(): Record<string, unknown> | undefined {
  return withDatabase((database) => database.prepare(`SELECT * FROM "Office365Settings"`).get() as Record<string, unknown> | undefined);
}

export function setSecretExpiry(isoDate: string | null) {
  withDatabase((database) => database.prepare(`UPDATE "Office365Settings" SET "clientSecretExpiresOn" = ?`).run(isoDate));
}

export type AccountRow = { id: string; email: string; status: string; statusReason: string | null; azureAdVersion: string };

export function accountRows(): AccountRow[] {
  return withDatabase((database) => database.prepare(`SELECT * FROM "ConnectedAccount" ORDER BY "email"`).all() as AccountRow[]);
}

export function tokenRowCount(): number {
  return withDatabase((database) => (database.prepare(`SELECT COUNT(*) AS count FROM "AccountToken"`).get() as { count: number }).count);
}

/** Makes the stored access tokens look expired, so the hub must renew them on next use. */
export function expireStoredAccessTokens() {
  withDatabase((database) => database.prepare(`UPDATE "AccountToken" SET "accessTokenExpiresAt" = ?`).run(new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00")));
}

/** The refresh token the hub stored for an account, decrypted with the hub's key (as only the hub can). */
export function storedRefreshToken(accountId: string): string {
  const secrets = JSON.parse(readFileSync(`${HUB.dataDir}/secrets.json`, "utf8")) as { encryptionKey: string };
  const row = withDatabase(
    (database) => database.prepare(`SELECT "refreshToken" FROM "AccountToken" WHERE "accountId" = ?`).get(accountId) as { refreshToken: string },
  );
  return decrypt(row.refreshToken, `office365.account.refreshToken:${accountId}`, parseEncryptionKey(secrets.encryptionKey));
}

export function auditActions(): string[] {
  return withDatabase((database) => (database.prepare(`SELECT "action" FROM "AuditEvent" ORDER BY "at"`).all() as { action: string }[]).map((row) => row.action));
}
