import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "../../lib/db/migrations";
import { ensureSecrets, secretsFileAsEnvironment } from "../../lib/secrets";
import { createDatabase, dropDatabase, testPostgresUrl, uniqueDatabaseName } from "./test-database";

/**
 * A data folder and a database of its own (a fresh SQLite file, or a fresh PostgreSQL database beside
 * TEST_DATABASE_URL, with the committed migrations) and generated secrets, for a unit test file or a bench run:
 * services run as they do in the hub, without mocks of Prisma. `remove` deletes both.
 */
export async function isolateData(prefix: string): Promise<{ dataDir: string; databaseUrl: string; remove: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const postgres = testPostgresUrl();
  const databaseName = uniqueDatabaseName(prefix.replace(/[^a-z0-9]+/g, "_"));
  const databaseUrl = postgres ? await createDatabase(postgres, databaseName) : `file:${path.join(dataDir, "hub.db")}`;
  process.env.HUB_DATA_DIR = dataDir;
  process.env.DATABASE_URL = databaseUrl;
  delete process.env.AUTH_SECRET;
  delete process.env.HUB_ENCRYPTION_KEY;
  ensureSecrets(dataDir);
  // On PostgreSQL the hub takes its secrets from the environment only (scripts/lib/prepare.ts), as instances do.
  if (postgres) Object.assign(process.env, secretsFileAsEnvironment(dataDir));
  await migrate(databaseUrl);
  return {
    dataDir,
    databaseUrl,
    remove: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (postgres) await dropDatabase(postgres, databaseName);
    },
  };
}
