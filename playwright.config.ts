import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/support/browser";
import { HUB } from "./e2e/support/hub";

/**
 * Journeys in a real Chromium against the real server (built and started by scripts/start.ts, as `npm start` does),
 * with its own data folder under e2e/.state. Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own browser (npx playwright install chromium, where downloads work).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // One server, one database: journeys run one after another.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: HUB.url,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `rm -rf ${HUB.stateDir} && mkdir -p ${HUB.stateDir} && node_modules/.bin/tsx --conditions=react-server scripts/start.ts > ${HUB.logFile} 2>&1`,
    url: `${HUB.url}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: {
      PORT: String(HUB.port),
      AUTH_URL: HUB.url,
      HUB_DATA_DIR: HUB.dataDir,
      DATABASE_URL: `file:${HUB.databaseFile}`,
      HUB_ADMIN_EMAIL: HUB.admin.email,
      HUB_ADMIN_PASSWORD: HUB.admin.password,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
