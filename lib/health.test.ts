import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "./db";
import { readMigrations } from "./db/migration-files";
import { databaseProvider, migrationsFolder } from "./db/provider";
import { checkHealth } from "./health";

afterEach(() => vi.restoreAllMocks());

const get = (path: string) => GET(new Request(`http://localhost${path}`));
const lastMigration = () => readMigrations(migrationsFolder(databaseProvider(process.env.DATABASE_URL!))).at(-1)!.name;

describe("health check", () => {
  it("is ok and ready when the database answers and has every migration", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", ready: true, checks: { database: "ok", migrations: "current" }, pendingMigrations: [] });
  });

  it("is unavailable when the database fails", async () => {
    expect(await checkHealth(() => Promise.reject(new Error("SQLITE_CANTOPEN")))).toEqual({
      status: "unavailable",
      ready: false,
      checks: { database: "unavailable", migrations: "unknown" },
      pendingMigrations: [],
    });
  });

  it("answers load balancers 200 while the database answers and 503 when it does not, never cached", async () => {
    const healthy = await get("/api/health");
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get("cache-control")).toBe("no-store");
    expect((await get("/api/health?ready")).status).toBe(200);

    vi.spyOn(db, "$queryRaw").mockRejectedValue(new Error("SQLITE_CANTOPEN: unable to open database file"));
    const down = await get("/api/health");
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", checks: { database: "unavailable" } });
    expect((await get("/api/health?ready")).status).toBe(503);
  });

  it("is not ready while a migration is pending, and names it; alive all the same", async () => {
    const name = lastMigration();
    // As the database looks before `npm start` has applied the newest migration: rolled back in Prisma's history.
    await db.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = "finished_at" WHERE "migration_name" = ${name}`;
    try {
      const ready = await get("/api/health?ready");
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "ok", ready: false, checks: { database: "ok", migrations: "pending" }, pendingMigrations: [name] });
      expect((await get("/api/health")).status).toBe(200);
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = ${name}`;
    }
    expect((await get("/api/health?ready")).status).toBe(200);
  });
});
