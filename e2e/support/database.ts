import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { decrypt } from "../../lib/crypto";
import { parseEncryptionKey } from "../../lib/secrets";
import { HUB, hubSecrets } from "./hub";

/**
 * Direct access to the hub's database (SQLite or PostgreSQL, as the hub under test uses), for what a journey must
 * prove about storage (nothing saved, no secret in it) and for resetting state between journeys. Queries are written
 * once with `?` placeholders; rows come back alike from both: booleans as 1 or 0, times as ISO 8601 text
 * ("2026-12-01T09:00:00.000+00:00", as Prisma writes them into SQLite), counts as numbers.
 */
type Row = Record<string, unknown>;

const isoText = (date: Date) => date.toISOString().replace("Z", "+00:00");
const sqliteValue = (value: unknown) => (typeof value === "boolean" ? Number(value) : value instanceof Date ? isoText(value) : value);

// Prisma keeps UTC times in "timestamp without time zone" columns: read them as UTC, not as this machine's time.
const ROW_TYPES: Record<number, (text: string) => unknown> = {
  16: (text) => (text === "t" ? 1 : 0), // bool
  20: Number, // int8 (COUNT)
  1700: Number, // numeric
  1114: (text) => isoText(new Date(`${text.replace(" ", "T")}Z`)), // timestamp
  1184: (text) => isoText(new Date(text)), // timestamptz
};
let pool: pg.Pool | undefined;
function postgres(): pg.Pool {
  pool ??= new pg.Pool({
    connectionString: HUB.databaseUrl,
    max: 2,
    allowExitOnIdle: true,
    types: { getTypeParser: ((oid: number, format?: string) => ROW_TYPES[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser },
  });
  return pool;
}

function withSqlite<T>(work: (database: Database.Database) => T): T {
  const database = new Database(HUB.databaseFile!);
  database.pragma("busy_timeout = 5000");
  try {
    return work(database);
  } finally {
    database.close();
  }
}

/** One statement, `?` for each parameter; the rows it returns (none for writes). */
export async function sql<T = Row>(text: string, params: unknown[] = []): Promise<T[]> {
  if (HUB.databaseFile) {
    return withSqlite((database) => {
      const statement = database.prepare(text);
      const values = params.map(sqliteValue);
      return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
    });
  }
  let index = 0;
  const result = await postgres().query(text.replace(/\?/g, () => `$${++index}`), params.map((value) => (value instanceof Date ? isoText(value) : value)));
  return result.rows as T[];
}

/** The first row, if any. */
export async function sqlRow<T = Row>(text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sql<T>(text, params))[0];
}

/** Several statements without parameters (resets). */
export async function sqlScript(script: string): Promise<void> {
  if (HUB.databaseFile) withSqlite((database) => database.exec(script));
  else await postgres().query(script);
}

/**
 * What someone holding the database would read: on SQLite the raw bytes of the file and its write-ahead log; on
 * PostgreSQL, whose files belong to the server, every row of every table as the server returns it.
 */
export async function rawDatabaseText(): Promise<string> {
  if (HUB.databaseFile) {
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
  const tables = await sql<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
  const rows = await Promise.all(tables.map((table) => sql<{ text: string }>(`SELECT t::text AS text FROM "${table.name}" t`)));
  return rows.flat().map((row) => row.text).join("\n");
}

export async function resetOffice365() {
  await sqlScript(`DELETE FROM "OAuthState"; DELETE FROM "AccountToken"; DELETE FROM "ConnectedAccount"; DELETE FROM "Office365Settings"; DELETE FROM "AuditEvent";`);
}

export async function office365SettingsRow(): Promise<Row | undefined> {
  return sqlRow(`SELECT * FROM "Office365Settings"`);
}

export async function setSecretExpiry(isoDate: string | null) {
  await sql(`UPDATE "Office365Settings" SET "clientSecretExpiresOn" = ?`, [isoDate]);
}

export type AccountRow = { id: string; email: string; status: string; statusReason: string | null; azureAdVersion: string };

export async function accountRows(): Promise<AccountRow[]> {
  return sql<AccountRow>(`SELECT * FROM "ConnectedAccount" ORDER BY "email"`);
}

export async function tokenRowCount(): Promise<number> {
  return (await sqlRow<{ count: number }>(`SELECT COUNT(*) AS count FROM "AccountToken"`))!.count;
}

/** Makes the stored access tokens look expired, so the hub must renew them on next use. */
export async function expireStoredAccessTokens() {
  await sql(`UPDATE "AccountToken" SET "accessTokenExpiresAt" = ?`, [new Date(Date.now() - 60_000)]);
}

/** The refresh token the hub stored for an account, decrypted with the hub's key (as only the hub can). */
export async function storedRefreshToken(accountId: string): Promise<string> {
  const row = (await sqlRow<{ refreshToken: string }>(`SELECT "refreshToken" FROM "AccountToken" WHERE "accountId" = ?`, [accountId]))!;
  return decrypt(row.refreshToken, `office365.account.refreshToken:${accountId}`, parseEncryptionKey(hubSecrets().encryptionKey));
}

export async function auditActions(): Promise<string[]> {
  return (await sql<{ action: string }>(`SELECT "action" FROM "AuditEvent" ORDER BY "at"`)).map((row) => row.action);
}

