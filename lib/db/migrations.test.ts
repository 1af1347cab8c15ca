import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, testPostgresUrl, uniqueDatabaseName } from "../../scripts/test/test-database";
import { readMigrations } from "./migration-files";
import { migrate } from "./migrations";
import { databaseProvider, migrationsFolder } from "./provider";

/** The runner against a fresh database of the kind the tests run on (SQLite, or PostgreSQL with TEST_DATABASE_URL). */
const postgres = testPostgresUrl();
const created: string[] = [];
async function freshDatabase(): Promise<string> {
  if (!postgres) return `file:${path.join(mkdtempSync(path.join(tmpdir(), "hub-migrate-")), "hub.db")}`;
  const name = uniqueDatabaseName("hub_migrate");
  created.push(name);
  return createDatabase(postgres, name);
}
afterAll(async () => {
  for (const name of created) await dropDatabase(postgres!, name);
});

const committed = () => readMigrations(migrationsFolder(databaseProvider(process.env.DATABASE_URL!))).map((migration) => migration.name);

describe("migrations", () => {
  it("apply every committed migration once, and nothing on the next start", async () => {
    const url = await freshDatabase();
    expect(await migrate(url)).toEqual({ applied: committed(), alreadyApplied: 0 });
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: committed().length });
  });

  it("run once when several instances start at the same moment (the others wait for the lock, then find nothing to do)", async () => {
    const url = await freshDatabase();
    const reports = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(reports.flatMap((report) => report.applied).sort()).toEqual(committed());
    expect(reports.filter((report) => report.applied.length > 0)).toHaveLength(1);
  });

  it("refuse a migration that was changed after it was applied", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const changed = mkdtempSync(path.join(tmpdir(), "hub-migrations-"));
    cpSync(migrationsFolder(databaseProvider(url)), changed, { recursive: true });
    const first = committed()[0]!;
    writeFileSync(path.join(changed, first, "migration.sql"), "-- edited by hand\n", { flag: "a" });
    await expect(migrate(url, changed)).rejects.toThrow(`Migration ${first} was changed after it was applied`);
  });
});
