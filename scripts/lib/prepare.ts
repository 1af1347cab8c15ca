import path from "node:path";
import { readEnvironment, type HubEnvironment } from "../../lib/config";
import { log } from "../../lib/log";
import { migrateSqlite, sqlitePath } from "../../lib/db/migrations";
import { SECRETS_FILE_NAME, ensureSecrets, keyBesideDatabase } from "../../lib/secrets";

/**
 * What every entry point does before touching the database: read and check the environment, create missing secrets
 * in the data folder, and apply the committed migrations. Exits with a plain message when the environment is wrong.
 */
export function prepare({ quiet = false } = {}): HubEnvironment {
  let env: HubEnvironment;
  try {
    env = readEnvironment();
  } catch (error) {
    log.error((error as Error).message);
    process.exit(1);
  }
  const say = (message: string) => {
    if (!quiet) log.info(message);
  };

  const { generated } = ensureSecrets(env.dataDir);
  if (generated.length > 0) {
    say(
      `Generated ${generated.join(" and ")} in ${path.join(env.dataDir, SECRETS_FILE_NAME)} (readable by this user only). ` +
        "Back it up with the database: without the encryption key, saved secrets and tokens cannot be read.",
    );
  }

  const keyFile = keyBesideDatabase(env.dataDir, sqlitePath(env.databaseUrl));
  if (keyFile && !quiet) {
    log.warn(
      `The encryption key is kept in ${keyFile}, beside the database it protects: anyone with a copy of the data folder can read the ` +
        "stored tokens and client secret. In production, set HUB_ENCRYPTION_KEY from a secret store outside the data folder (README: Configuration).",
    );
  }

  const report = migrateSqlite(env.databaseUrl, path.resolve("prisma/migrations"));
  if (report.applied.length > 0) say(`Applied database migrations: ${report.applied.join(", ")}`);

  // The app reads these; setting them here keeps the scripts and the server in agreement.
  process.env.DATABASE_URL = env.databaseUrl;
  process.env.HUB_DATA_DIR = env.dataDir;
  process.env.AUTH_URL = env.publicUrl;
  process.env.PORT = String(env.port);
  return env;
}
