import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateSqlite } from "../../lib/db/migrations";
import { ensureSecrets } from "../../lib/secrets";

/**
 * A data folder of its own (a fresh SQLite database with the committed migrations, and generated secrets), for a
 * unit test file or a bench run: services run as they do in the hub, without mocks of Prisma. Returns the folder.
 */
export function isolateData(prefix: string): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  process.env.HUB_DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${path.join(dataDir, "hub.db")}`;
  delete process.env.AUTH_SECRET;
  delete process.env.HUB_ENCRYPTION_KEY;
  ensureSecrets(dataDir);
  migrateSqlite(process.env.DATABASE_URL, path.resolve("prisma/migrations"));
  return dataDir;
}
