import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/support/browser";
import { HUB, hubFor } from "./e2e/support/hub";

/** Lanes: each worker has a hub and an emulator of its own (e2e/support/hub.ts). */
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

/**
 * Journeys in a real Chromium against the real server (built and started by scripts/start.ts, as `npm start` does),
 * with its own data folder under e2e/.state, on SQLite or (with TEST_DATABASE_URL) a PostgreSQL database of its own. Chromium: as
 * e2e/support/browser.ts finds it (Debian's headless shell or Chromium, or Playwright's own where downloads work).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // A file's journeys run one after another on its worker's own hub; files are shared out among the workers.
  workers: WORKERS,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    // The worker's own lane (this file is read again in each worker, with its TEST_PARALLEL_INDEX).
    baseURL: HUB.url,
    // A trace costs every journey its recording (about a sixth of the run's CPU): kept locally, off in CI, where a
    // failure leaves its screenshot, its error and the servers' logs (e2e/.state).
    trace: process.env.CI ? "off" : "retain-on-failure",
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
  webServer: Array.from({ length: WORKERS }, (_, lane) => hubFor(lane)).map((hub) => ({
    // The hub and the project's Microsoft emulator, as `npm run demo` starts them, with settings left empty.
    command:
      `rm -rf ${hub.dataDir} ${hub.logFile} && mkdir -p ${hub.stateDir} && E2E_LANE=${hub.lane} node_modules/.bin/tsx scripts/test/fresh-database.ts > /dev/null && ` +
      `node_modules/.bin/tsx --conditions=react-server scripts/demo.ts --no-settings --port ${hub.port} --database-url '${hub.databaseUrl}' ` +
      `--emulator-port ${hub.emulator.port} --emulator-dir ${hub.emulator.dir} --data-dir ${hub.dataDir} ` +
      `--admin-email ${hub.admin.email} --admin-password '${hub.admin.password}' > ${hub.logFile} 2>&1`,
    url: `${hub.url}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // On PostgreSQL, where the journeys of two instances run (e2e/instances.spec.ts), the sweep for unfinished bookings
    // runs every 2 seconds instead of every minute, so that they can watch it work. SQLite keeps the default: a job's
    // run writes its row, and a write that often makes other processes' transactions (npm run admin) retry.
    // Calendars the hub's copy polls (those shared with an account) are polled every 10 seconds, so the copy's journeys
    // (e2e/mirror.spec.ts) can watch a poll notice a change; the others have notifications (the demo sets them on).
    env: { NEXT_TELEMETRY_DISABLED: "1", HUB_SYNC_INTERVAL_SECONDS: "10", ...(hub.databaseFile ? {} : { HUB_RECOVERY_INTERVAL_SECONDS: "2" }) },
  })),
});
