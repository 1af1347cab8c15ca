import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/support/browser";
import { HUB } from "./e2e/support/hub";

/**
 * Journeys in a real Chromium against the real server (built and started by scripts/start.ts, as `npm start` does),
 * with its own data folder under e2e/.state, on SQLite or (with TEST_DATABASE_URL) a PostgreSQL database of its own. Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
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
    // The emulator's sign-in pages use its self-signed certificate.
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // The hub and the project's Microsoft emulator, as `npm run demo` starts them, with settings left empty.
    command:
      `rm -rf ${HUB.dataDir} ${HUB.logFile} && mkdir -p ${HUB.stateDir} && node_modules/.bin/tsx scripts/test/fresh-database.ts > /dev/null && ` +
      `node_modules/.bin/tsx --conditions=react-server scripts/demo.ts --no-settings --port ${HUB.port} --database-url '${HUB.databaseUrl}' ` +
      `--emulator-port ${HUB.emulator.port} --emulator-dir ${HUB.emulator.dir} --data-dir ${HUB.dataDir} ` +
      `--admin-email ${HUB.admin.email} --admin-password '${HUB.admin.password}' > ${HUB.logFile} 2>&1`,
    url: `${HUB.url}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // On PostgreSQL, where the journeys of two instances run (e2e/instances.spec.ts), the sweep for unfinished bookings
    // runs every 2 seconds instead of every minute, so that they can watch it work. SQLite keeps the default: a job's
    // run writes its row, and a write that often makes other processes' transactions (npm run admin) retry.
    // Calendars the hub's copy polls (those shared with an account) are polled every 10 seconds, so the copy's journeys
    // (e2e/mirror.spec.ts) can watch a poll notice a change; the others have notifications (the demo sets them on).
    env: { NEXT_TELEMETRY_DISABLED: "1", HUB_SYNC_INTERVAL_SECONDS: "10", ...(HUB.databaseFile ? {} : { HUB_RECOVERY_INTERVAL_SECONDS: "2" }) },
  },
});
