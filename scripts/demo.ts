import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../e2e/microsoft/server";
import { MULTI_TENANT_APP } from "../e2e/microsoft/directory";
import { databaseProvider } from "../lib/db/provider";
import { log } from "../lib/log";
import { secretsFileAsEnvironment } from "../lib/secrets";

/**
 * npm run demo — the hub with no Microsoft tenant: starts the project's Microsoft emulator (HTTPS, self-signed) and the
 * hub already configured for it, with its own data folder (data/demo), so a newcomer can click through Connect account,
 * the accounts list and Remove. Also how the browser journeys start the hub (with --port, --emulator-port, --data-dir).
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "emulator-port": { type: "string", default: "8443" },
    "data-dir": { type: "string", default: "data/demo" },
    // Default: SQLite in the data folder. A postgresql:// URL runs the demo on PostgreSQL.
    "database-url": { type: "string" },
    "emulator-dir": { type: "string" },
    "admin-email": { type: "string", default: "demo@example.gov.uk" },
    "admin-password": { type: "string", default: "demo passphrase 2026" },
    "no-settings": { type: "boolean", default: false },
  },
});

const port = Number(values.port);
const dataDir = path.resolve(values["data-dir"]);
const publicUrl = `http://localhost:${port}`;
const emulator = await startEmulator({
  port: Number(values["emulator-port"]),
  stateDir: path.resolve(values["emulator-dir"] ?? path.join(dataDir, "emulator")),
  redirectUris: [`${publicUrl}/jadu/integrations/office365/callback`],
});
log.info("Microsoft emulator ready", { origin: emulator.origin, certFile: emulator.certFile });

const databaseUrl = values["database-url"] ?? `file:${path.join(dataDir, "hub.db")}`;
const environment = {
  // On PostgreSQL npm start takes the two secrets from the environment only; the demo keeps its own in its data folder.
  ...(databaseProvider(databaseUrl) === "postgresql" ? secretsFileAsEnvironment(dataDir) : {}),
  // The emulator delivers change notifications to http://localhost (Microsoft itself only to https): the demo's
  // mirror of free/busy is kept by them, as a site Microsoft can reach would be. HUB_NOTIFICATIONS=off to poll.
  HUB_NOTIFICATIONS: "on",
  ...process.env,
  PORT: String(port),
  AUTH_URL: publicUrl,
  HUB_DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  HUB_ADMIN_EMAIL: values["admin-email"],
  HUB_ADMIN_PASSWORD: values["admin-password"],
  MICROSOFT_LOGIN_URL: emulator.loginUrl,
  MICROSOFT_GRAPH_URL: emulator.graphUrl,
  // The hub trusts the emulator's self-signed certificate; Microsoft's real hosts are not involved.
  NODE_EXTRA_CA_CERTS: emulator.certFile,
};

if (!values["no-settings"]) {
  const configure = spawn(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/demo-settings.ts", MULTI_TENANT_APP.clientId, MULTI_TENANT_APP.secret],
    { stdio: "inherit", env: environment },
  );
  const status = await new Promise<number | null>((resolve) => configure.on("exit", resolve));
  if (status !== 0) process.exit(status ?? 1);
}

log.info(
  `Demo: open ${publicUrl} and sign in as ${values["admin-email"]} (the README gives the demo password). ` +
    `Connect account signs in at the emulator (${emulator.origin}); your browser will warn about its self-signed certificate.`,
);
const hub = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/start.ts"], { stdio: "inherit", env: environment });
const stop = async (signal: NodeJS.Signals) => {
  hub.kill(signal);
  await emulator.close();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
hub.on("exit", async (code) => {
  await emulator.close();
  process.exit(code ?? 0);
});
