import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "./db";
import { checkHealth } from "./health";

afterEach(() => vi.restoreAllMocks());

describe("health check", () => {
  it("is ok when the database answers", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", checks: { database: "ok" } });
  });

  it("is unavailable when the database fails", async () => {
    expect(await checkHealth(() => Promise.reject(new Error("SQLITE_CANTOPEN")))).toEqual({
      status: "unavailable",
      checks: { database: "unavailable" },
    });
  });

  it("answers load balancers 200 while the database answers and 503 when it does not, never cached", async () => {
    const healthy = await GET();
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get("cache-control")).toBe("no-store");

    vi.spyOn(db, "$queryRaw").mockRejectedValue(new Error("SQLITE_CANTOPEN: unable to open database file"));
    const down = await GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", checks: { database: "unavailable" } });
  });
});
