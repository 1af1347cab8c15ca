import { describe, expect, it } from "vitest";
import { buildEnvironment } from "./build-environment";

describe("the build's environment", () => {
  it("has none of the hub's secrets and an empty data folder of its own", () => {
    const env = buildEnvironment(
      { PATH: "/usr/bin", AUTH_SECRET: "s", HUB_ENCRYPTION_KEY: "k", HUB_ADMIN_PASSWORD: "p", DATABASE_URL: "file:./data/hub.db", HUB_DATA_DIR: "./data" },
      "/tmp/empty",
    );
    expect(env).toEqual({ PATH: "/usr/bin", NODE_ENV: "production", HUB_DATA_DIR: "/tmp/empty" });
  });
});
