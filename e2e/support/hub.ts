import path from "node:path";

/** The hub under test: where it listens, where its data lives, and its first administrator. */
const port = Number(process.env.E2E_PORT ?? 3100);
const stateDir = path.resolve("e2e/.state");

export const HUB = {
  port,
  // Auth.js needs localhost rather than 127.0.0.1, or the session cookie and redirects disagree.
  url: `http://localhost:${port}`,
  stateDir,
  dataDir: path.join(stateDir, "data"),
  databaseFile: path.join(stateDir, "data", "hub.db"),
  logFile: path.join(stateDir, "server.log"),
  admin: { email: "admin@example.gov.uk", password: "e2e admin passphrase 2026" },
  emulator: { port: Number(process.env.E2E_EMULATOR_PORT ?? 8543), dir: path.join(stateDir, "emulator") },
};
