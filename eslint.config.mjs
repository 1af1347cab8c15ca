import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "data/**", "e2e/.state/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      // Server-side code logs through lib/log.ts, which redacts secrets.
      "no-console": "error",
    },
  },
  {
    // The Microsoft emulator is for development and tests only: production code never imports it.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/e2e/**", "@/e2e/**"], message: "The emulator (e2e/) is for tests only." }] }],
    },
  },
  {
    files: ["scripts/**", "e2e/**", "emulator/**", "**/*.test.ts", "lib/log-console.ts"],
    rules: { "no-console": "off" },
  },
]);
