import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

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
});
