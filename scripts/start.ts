import { log } from "../lib/log";
import { NEXT_BIN, buildIfNeeded, serveArguments, spawnLogged } from "./lib/build";
import { prepare } from "./lib/prepare";

/**
 * npm start: prepare the data folder and database, create the first admin from HUB_ADMIN_EMAIL/HUB_ADMIN_PASSWORD,
 * build when the sources changed since the last build, then serve on PORT. `npm run dev` serves with `next dev`.
 */
const dev = process.argv.includes("--dev");
// The hub runs on machines without internet access; Next's usage telemetry would only time out.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Everything the hub writes (the SQLite database and its journal files, generated secrets) is for its owner only.
process.umask(0o077);
const env = await prepare();

// Imported only now: the database module reads the environment that prepare() has just settled.
const { bootstrapAdmin } = await import("../lib/auth/users");
const { db } = await import("../lib/db");
const admin = await bootstrapAdmin(process.env).finally(() => db.$disconnect());
if (admin === "created") log.info(`Created the first hub administrator, ${process.env.HUB_ADMIN_EMAIL}.`);
if (admin === "missing") {
  log.warn(
    "No hub administrator exists yet, so nobody can sign in. Create one with: npm run admin -- create --email you@example.gov.uk " +
      "(it asks for the password), or start with HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD set: " +
      "HUB_ADMIN_EMAIL=you@example.gov.uk HUB_ADMIN_PASSWORD='a long passphrase' npm start",
  );
}

if (!dev) await buildIfNeeded();

log.info(`Serving Integrations Hub at ${env.publicUrl} (port ${env.port}${dev ? "" : `, heap limit ${env.maxHeapMb} MB`}).`);
// Production: scripts/serve.ts (Next.js's handler, with a client address that can be trusted); development: next dev.
const server = dev
  ? spawnLogged(NEXT_BIN, ["dev", "--port", String(env.port)], { ...process.env, NODE_ENV: "development" })
  : spawnLogged(process.execPath, serveArguments(env.maxHeapMb), { ...process.env, NODE_ENV: "production" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
