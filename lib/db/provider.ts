import path from "node:path";

/**
 * The databases the hub runs on, told apart by DATABASE_URL: SQLite (file:…, the embedded default) and PostgreSQL
 * (postgresql://… or postgres://…). Each has its schema folder (sharing prisma/models.prisma), its generated client and
 * its migrations. Used by the app and by the scripts (so no "server-only" import here).
 */
export type DatabaseProvider = "sqlite" | "postgresql";

export const SCHEMA_FOLDERS: Record<DatabaseProvider, string> = { sqlite: "prisma/sqlite", postgresql: "prisma/postgres" };

export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(
    `DATABASE_URL must be a SQLite file URL (file:./data/hub.db) or a PostgreSQL URL (postgresql://user:password@host:5432/hub); ` +
      `got a ${databaseUrl.split(":")[0]} URL.`,
  );
}

/** The committed migrations for the database DATABASE_URL names, relative to the project folder the hub runs from. */
export function migrationsFolder(provider: DatabaseProvider): string {
  return path.resolve(SCHEMA_FOLDERS[provider], "migrations");
}
