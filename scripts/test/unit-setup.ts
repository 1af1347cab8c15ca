import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { migrateSqlite } from "../../lib/db/migrations";
import { ensureSecrets } from "../../lib/secrets";

/**
 * Every unit test file runs against its own real SQLite database, migrated with the committed migrations, and its own
 * generated secrets: services are tested as they run, without mocks of Prisma.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "hub-unit-"));
process.env.HUB_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "hub.db")}`;
delete process.env.AUTH_SECRET;
delete process.env.HUB_ENCRYPTION_KEY;
delete process.env.MICROSOFT_LOGIN_URL;
delete process.env.MICROSOFT_GRAPH_URL;
ensureSecrets(dataDir);
migrateSqlite(process.env.DATABASE_URL, path.resolve("prisma/migrations"));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
