import "server-only";
import { db, provider } from "./db";
import { APPLIED_MIGRATIONS_QUERY, readMigrations } from "./db/migration-files";
import { migrationsFolder } from "./db/provider";

/**
 * For load balancers: is the database answering, and does it have every migration this instance's code expects?
 * Says nothing else (migration names are in the repository for all to read), needs no session. `ready` is false while
 * migrations are pending: an instance started with newer code before `npm start` (or another instance) migrated the
 * database would fail on the columns it expects.
 */
export type Health = {
  status: "ok" | "unavailable";
  ready: boolean;
  checks: { database: "ok" | "unavailable"; migrations: "current" | "pending" | "unknown" };
  pendingMigrations: string[];
};

type Probe = () => Promise<string[]>;

/** The names of the migrations applied to the database; throws when the database does not answer. */
async function appliedMigrations(): Promise<string[]> {
  await db.$queryRaw`SELECT 1`;
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED_MIGRATIONS_QUERY);
    return rows.map((row) => row.migration_name);
  } catch {
    // The database answers but has no migration history yet: nothing is applied.
    return [];
  }
}

let expected: string[] | undefined;
/** The migrations this instance was deployed with (they do not change while it runs). */
const expectedMigrations = () => (expected ??= readMigrations(migrationsFolder(provider)).map((migration) => migration.name));

export async function checkHealth(probe: Probe = appliedMigrations): Promise<Health> {
  let applied: string[];
  try {
    applied = await Promise.race([probe(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000))]);
  } catch {
    return { status: "unavailable", ready: false, checks: { database: "unavailable", migrations: "unknown" }, pendingMigrations: [] };
  }
  const done = new Set(applied);
  const pendingMigrations = expectedMigrations().filter((name) => !done.has(name));
  return {
    status: "ok",
    ready: pendingMigrations.length === 0,
    checks: { database: "ok", migrations: pendingMigrations.length === 0 ? "current" : "pending" },
    pendingMigrations,
  };
}
