import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside React Server Components; unit tests run the server modules directly.
      "server-only": path.resolve(import.meta.dirname, "scripts/test/empty-module.ts"),
    },
  },
  test: {
    // The Microsoft emulator's own tests live beside it, in e2e/microsoft/ (journeys are the *.spec.ts files).
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "e2e/microsoft/**/*.test.ts"],
    environment: "node",
    globalSetup: ["scripts/test/unit-global-setup.ts"],
    setupFiles: ["scripts/test/unit-setup.ts"],
    // Each test file gets its own data folder and SQLite database (scripts/test/unit-setup.ts).
    pool: "forks",
  },
});
