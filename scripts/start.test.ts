import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm start` with the environment given, stopped before anything is served: it must refuse at once. */
function start(environment: Record<string, string | undefined>) {
  const env = { ...process.env, ...environment };
  for (const [name, value] of Object.entries(environment)) if (value === undefined) delete env[name];
  return spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/start.ts"], { env, encoding: "utf8", timeout: 60_000 });
}

// Port 1 on loopback: nothing listens there, and the refusal must come before any connection is tried.
const POSTGRES = "postgresql://hub@127.0.0.1:1/hub";

describe("npm start on PostgreSQL", () => {
  it("refuses to start without AUTH_SECRET and HUB_ENCRYPTION_KEY in the environment, and says how to set them", () => {
    const run = start({ DATABASE_URL: POSTGRES, AUTH_SECRET: undefined, HUB_ENCRYPTION_KEY: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("On PostgreSQL, set AUTH_SECRET and HUB_ENCRYPTION_KEY in the environment");
    expect(run.stderr).toContain("openssl rand -base64 32");
    expect(run.stderr).not.toContain("ECONNREFUSED");
  }, 60_000);

  it("names the one that is missing", () => {
    const run = start({ DATABASE_URL: POSTGRES, AUTH_SECRET: "a shared secret for every instance", HUB_ENCRYPTION_KEY: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("On PostgreSQL, set HUB_ENCRYPTION_KEY in the environment");
  }, 60_000);

  it("with both set, goes on to the database (and says plainly when it cannot reach it)", () => {
    const run = start({ DATABASE_URL: POSTGRES, AUTH_SECRET: "a shared secret for every instance", HUB_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Could not bring the database up to date");
    expect(run.stderr).not.toContain("set AUTH_SECRET");
  }, 60_000);

  it("refuses a DATABASE_URL that is neither SQLite nor PostgreSQL", () => {
    const run = start({ DATABASE_URL: "mysql://hub@127.0.0.1/hub" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("DATABASE_URL must be a SQLite file URL (file:./data/hub.db) or a PostgreSQL URL");
  }, 60_000);
});
