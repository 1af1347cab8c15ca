import { readFileSync } from "node:fs";
import path from "node:path";
import { databaseUrlNamed, testPostgresUrl } from "../../scripts/test/test-database";

/** The hub under test: where it listens, where its data lives, and its first administrator. */
const port = Number(process.env.E2E_PORT ?? 3100);
const stateDir = path.resolve("e2e/.state");
const dataDir = path.join(stateDir, "data");
const databaseFile = path.join(dataDir, "hub.db");
const postgres = testPostgresUrl();

export const HUB = {
  port,
  // Auth.js needs localhost rather than 127.0.0.1, or the session cookie and redirects disagree.
  url: `http://localhost:${port}`,
  stateDir,
  dataDir,
  /** SQLite in the data folder, or with TEST_DATABASE_URL a database of its own beside that one (made afresh). */
  databaseUrl: postgres ? databaseUrlNamed(postgres, "hub_e2e") : `file:${databaseFile}`,
  databaseFile: postgres ? null : databaseFile,
  logFile: path.join(stateDir, "server.log"),
  admin: { email: "admin@example.gov.uk", password: "e2e admin passphrase 2026" },
  emulator: { port: Number(process.env.E2E_EMULATOR_PORT ?? 8543), dir: path.join(stateDir, "emulator") },
};

/** The hub's generated secrets (npm run demo writes them into its data folder on either database). */
export function hubSecrets(): { authSecret: string; encryptionKey: string } {
  return JSON.parse(readFileSync(path.join(HUB.dataDir, "secrets.json"), "utf8")) as { authSecret: string; encryptionKey: string };
}

/** The environment a script (npm run admin, the server itself) needs to work on the hub under test's data. */
export function hubEnvironment(): Record<string, string> {
  const secrets = hubSecrets();
  return { HUB_DATA_DIR: HUB.dataDir, DATABASE_URL: HUB.databaseUrl, AUTH_SECRET: secrets.authSecret, HUB_ENCRYPTION_KEY: secrets.encryptionKey };
}
