import path from "node:path";
import { readEnvironment, type HubEnvironment } from "../../lib/config";
import { log } from "../../lib/log";
import { migrate, sqlitePath } from "../../lib/db/migrations";
import { databaseProvider } from "../../lib/db/provider";
import { SECRETS_FILE_NAME, ensureSecrets, keyBesideDatabase, missingRequiredSecrets } from "../../lib/secrets";

/**
 * What every entry point does before touching the database: read and check the environment, create missing secrets
 * in the data folder (SQLite) or insist on them (PostgreSQL), and apply the committed migrations. Exits with a plain
 * message when the environment is wrong.
 */
export async function prepare({ quiet = false } = {}): Promise<HubEnvironment> {
  let env: HubEnvironment;
  try {
    env = readEnvironment();
    databaseProvider(env.databaseUrl);
  } catch (error) {
    exit((error as Error).message);
  }
  const say = (message: string) => {
    if (!quiet) log.info(message);
  };

  if (databaseProvider(env.databaseUrl) === "postgresql") {
    const missing = missingRequiredSecrets();
    if (missing.length > 0) {
      exit(
        `On PostgreSQL, set ${missing.join(" and ")} in the environment (the same values for every instance, kept apart from the ` +
          "database's backups): the hub does not generate them into its data folder there. " +
          "For example: AUTH_SECRET=$(openssl rand -base64 32) HUB_ENCRYPTION_KEY=$(openssl rand -base64 32), saved in your secret store.",
      );
    }
  } else {
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
  }

  try {
    const report = await migrate(env.databaseUrl);
    if (report.applied.length > 0) say(`Applied database migrations: ${report.applied.join(", ")}`);
  } catch (error) {
    exit(`Could not bring the database up to date: ${(error as Error).message}`);
  }

  // The app reads these; setting them here keeps the scripts and the server in agreement.
  process.env.DATABASE_URL = env.databaseUrl;
  process.env.HUB_DATA_DIR = env.dataDir;
  process.env.AUTH_URL = env.publicUrl;
  process.env.PORT = String(env.port);
  return env;
}

function exit(message: string): never {
  log.error(message);
  process.exit(1);
}
