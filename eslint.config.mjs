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
    files: ["scripts/**", "e2e/**", "emulator/**", "**/*.test.ts", "lib/log-console.ts"],
    rules: { "no-console": "off" },
  },
]);
