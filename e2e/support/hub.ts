import { readFileSync } from "node:fs";
import path from "node:path";
import { databaseUrlNamed, testPostgresUrl } from "../../scripts/test/test-database";

/**
 * The journeys run in lanes, one per Playwright worker (E2E_WORKERS, playwright.config.ts): each lane has a hub and an
 * emulator of its own (ports, data folder, log, database), so that the files one worker runs never meet another's data.
 * A worker finds its lane from Playwright's TEST_PARALLEL_INDEX; the config starts every lane's servers (hubFor).
 */
const basePort = Number(process.env.E2E_PORT ?? 3100);
const baseEmulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 8543);
const root = path.resolve("e2e/.state");
const postgres = testPostgresUrl();
/** Ports of one lane: its hub, and the instances a journey starts beside it (e2e/instances.spec.ts: port + 1). */
const PORTS_PER_LANE = 10;

/** The hub under test in lane `lane`: where it listens, where its data lives, and its first administrator. */
export function hubFor(lane: number) {
  const port = basePort + lane * PORTS_PER_LANE;
  const stateDir = lane === 0 ? root : path.join(root, `lane-${lane}`);
  const dataDir = path.join(stateDir, "data");
  const databaseFile = path.join(dataDir, "hub.db");
  return {
    lane,
    port,
    // Auth.js needs localhost rather than 127.0.0.1, or the session cookie and redirects disagree.
    url: `http://localhost:${port}`,
    stateDir,
    dataDir,
    /** SQLite in the data folder, or with TEST_DATABASE_URL a database of its own beside that one (made afresh). */
    databaseUrl: postgres ? databaseUrlNamed(postgres, lane === 0 ? "hub_e2e" : `hub_e2e_${lane}`) : `file:${databaseFile}`,
    databaseFile: postgres ? null : databaseFile,
    logFile: path.join(stateDir, "server.log"),
    admin: { email: "admin@example.gov.uk", password: "e2e admin passphrase 2026" },
    // Every lane's emulator uses the one certificate (npm run test:e2e makes it in e2e/.state/emulator, and the
    // browser and Node trust it there).
    emulator: { port: baseEmulatorPort + lane, dir: path.join(root, "emulator") },
  };
}

/** This process's lane: a Playwright worker's (TEST_PARALLEL_INDEX), or E2E_LANE for a script a lane's server runs. */
const LANE = Number(process.env.TEST_PARALLEL_INDEX ?? process.env.E2E_LANE ?? 0);
export const HUB = hubFor(LANE);

/** The hub's generated secrets (npm run demo writes them into its data folder on either database). */
export function hubSecrets(): { authSecret: string; encryptionKey: string } {
  return JSON.parse(readFileSync(path.join(HUB.dataDir, "secrets.json"), "utf8")) as { authSecret: string; encryptionKey: string };
}

/** The environment a script (npm run admin, the server itself) needs to work on the hub under test's data. */
export function hubEnvironment(): Record<string, string> {
  const secrets = hubSecrets();
  return { HUB_DATA_DIR: HUB.dataDir, DATABASE_URL: HUB.databaseUrl, AUTH_SECRET: secrets.authSecret, HUB_ENCRYPTION_KEY: secrets.encryptionKey };
}
