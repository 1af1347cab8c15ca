import { existsSync, mkdirSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { SCHEMA_FOLDERS, databaseProvider } from "./lib/db/provider";

// Prisma's CLI downloads its native schema engine before every command, and that host is unreachable on
// offline build machines. `prisma generate` never runs the engine, so a stub that exits 1 is enough for it.
// Migrations are applied by scripts/migrate.ts, not by the CLI.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.join(process.cwd(), "node_modules", ".cache", "integrations-hub", "schema-engine-stub");
  if (!existsSync(stub)) {
    mkdirSync(path.dirname(stub), { recursive: true });
    writeFileSync(stub, "#!/bin/sh\necho 'schema engine not available: use npm run db:migrate' >&2\nexit 1\n");
    chmodSync(stub, 0o755);
  }
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

// Two schema folders share prisma/models.prisma; `npm run db:generate` generates both clients with --schema. For
// other CLI commands, the folder of the database DATABASE_URL names.
const url = process.env.DATABASE_URL ?? "file:./data/hub.db";
const folder = SCHEMA_FOLDERS[databaseProvider(url)];

export default defineConfig({
  schema: folder,
  migrations: { path: `${folder}/migrations` },
  datasource: { url },
});
