// npm run bench: the hub as users meet it — its production server, called over HTTP with signed-in sessions (server
// actions and the booking page) — against the project's Microsoft emulator over real HTTPS, with a fixed delay added to
// every Graph request to stand in for the network, side by side with a naive baseline in the same run. Real room
// mailboxes with real events; every answer is checked, so error answers are never timed. Writes bench/results.md.
//
//   npm run bench [-- --latency 100 --runs 5 --heavy-runs 2]
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { bankHolidays, DEFAULT_BANK_HOLIDAY_REGION } from "../lib/resources/closed-dates";

const { values: flags } = parseArgs({
  options: {
    latency: { type: "string", default: "100" },
    runs: { type: "string", default: "5" },
    "heavy-runs": { type: "string", default: "2" },
  },
});
const LATENCY_MS = Number(flags.latency);
const RUNS = Number(flags.runs);
// Scenarios of hundreds of Graph requests take tens of seconds a run: fewer runs keep the bench to a few minutes.
const HEAVY_RUNS = Number(flags["heavy-runs"]);
if (![LATENCY_MS, RUNS, HEAVY_RUNS].every((value) => Number.isInteger(value) && value >= 1)) {
  throw new Error("--latency (ms), --runs and --heavy-runs must be whole numbers from 1");
}
if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("Run with npm run bench (it trusts the emulator's certificate).");

const ROOM_COUNTS = [1, 20, 100];
// Concurrent callers are different people: SIGNED_IN staff users, each making CONCURRENT / SIGNED_IN of the calls.
const SIGNED_IN = 50;
const CONCURRENT = 200;
const ZONE = "Europe/London";
// A week within every resource's booking horizon and with no clock change, so every run asks for the same slots: the
// first such Monday at least two weeks from today.
function benchMonday(): DateTime {
  for (let monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 2 }); ; monday = monday.plus({ weeks: 1 })) {
    // The availability week and the booking week after it: no clock change, and no bank holiday to close the rooms.
    const sameClock = monday.offset === monday.plus({ weeks: 2 }).offset;
    const holidays = bankHolidays(DEFAULT_BANK_HOLIDAY_REGION, monday.toISODate()!, monday.plus({ weeks: 2 }).toISODate()!);
    if (sameClock && holidays.size === 0) return monday;
  }
}
const WEEK = { monday: benchMonday(), timeZone: ZONE };
const RESULTS_FILE = path.join("bench", "results.md");

// The hub's info log lines (from seeding in this process) would bury the table: standard output is quiet until the end.
const print = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;
const began = performance.now();
const say = (message: string) => process.stderr.write(`bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s: ${message}\n`);

const { freePort, buildHub, startHubServer, memoryMb } = await import("./bench/hub-server");
const { isolateData } = await import("./test/isolated-data");
const hubPort = await freePort();
const publicUrl = `http://localhost:${hubPort}`;
const { dataDir } = await isolateData("hub-bench-");

const { startEmulator } = await import("../e2e/microsoft/server");
const { EmulatorControl } = await import("../e2e/microsoft/control-client");
const { TENANTS } = await import("../e2e/microsoft/directory");
const emulator = await startEmulator({
  port: 0,
  stateDir: path.dirname(process.env.NODE_EXTRA_CA_CERTS),
  redirectUris: [`${publicUrl}/jadu/integrations/office365/callback`],
});
const control = new EmulatorControl(emulator.origin);
Object.assign(process.env, { MICROSOFT_LOGIN_URL: emulator.loginUrl, MICROSOFT_GRAPH_URL: emulator.graphUrl, AUTH_URL: publicUrl, PORT: String(hubPort) });
const { environment, forgetEnvironment } = await import("../lib/config");
forgetEnvironment();

say(`seeding ${Math.max(...ROOM_COUNTS)} rooms with events and ${SIGNED_IN} staff users in ${dataDir}`);
const { seedCouncil } = await import("./bench/seed");
const council = await seedCouncil(control, { rooms: Math.max(...ROOM_COUNTS), staff: SIGNED_IN, monday: WEEK.monday });
const { db } = await import("../lib/db");
const { appTokenFor } = await import("../lib/integrations/office365/app-tokens");
const baselineToken = await appTokenFor(TENANTS.council.domain);

say("building the hub if its sources changed");
await buildHub(process.env);
const maxHeapMb = environment().maxHeapMb;
const hub = await startHubServer({ port: hubPort, maxHeapMb, environment: process.env, logFile: path.join(dataDir, "hub.log") });
say(`hub serving at ${hub.origin} (pid ${hub.pid}, heap limit ${maxHeapMb} MB); signing in ${SIGNED_IN} staff users over HTTP`);

const { HubSession } = await import("./bench/hub-session");
const { readCalendarActions, roomAvailability, calendarAvailability, bookSlot, bookingsPageUrl, viewBookingsPage } = await import("./bench/hub-calls");
const { naiveAvailability } = await import("./bench/baseline");
const { Probe } = await import("./bench/measure");
const { resultsMarkdown, table } = await import("./bench/report");
type Row = import("./bench/report").Row;

const rows: Row[] = [];
const loadBefore = loadavg()[0]!;
let startRssMb = NaN;
let peakRssMb = NaN;
try {
  const actions = readCalendarActions();
  const sessions: InstanceType<typeof HubSession>[] = [];
  for (let i = 0; i < council.staff.length; i += 4) {
    const batch = council.staff.slice(i, i + 4).map(async (user) => {
      const session = new HubSession(hub.origin);
      await session.signIn(user.email, user.password);
      return session;
    });
    sessions.push(...(await Promise.all(batch)));
  }
  // Sequential calls take turns across the signed-in users, as many people would make them.
  let turn = 0;
  const someone = () => sessions[turn++ % sessions.length]!;
  const crowd = Array.from({ length: CONCURRENT }, (_, i) => sessions[i % sessions.length]!);
  // Raw calendars are for administrators: one signs in for the calendar-by-id rows.
  const administrator = new HubSession(hub.origin);
  await administrator.signIn(council.admin.email, council.admin.password);
  startRssMb = memoryMb(hub.pid).rss;

  // Every Graph request waits LATENCY_MS (a fault with no status only delays); sign-in to Microsoft is not delayed.
  await control.addFault({ service: "graph", pathPattern: ".*", delayMs: LATENCY_MS, times: 1_000_000_000 });
  const probe = new Probe(control, hub.pid, hub.log);
  const light = { runs: RUNS, warmUps: 1 };
  const heavy = { runs: HEAVY_RUNS, warmUps: 0 };
  const record = async (scenario: string, throughHub: boolean, work: (run: number) => Promise<unknown>, options = light) => {
    say(scenario);
    rows.push({ scenario, throughHub, measured: await probe.measure(work, options) });
  };

  for (const count of ROOM_COUNTS) {
    const rooms = council.rooms.slice(0, count);
    const what = `${count} room${count === 1 ? "" : "s"}, a week of 30-minute slots`;
    await record(`getAvailability, ${what}: resources under their rules (staff)`, true, () => roomAvailability(someone(), actions, rooms, WEEK));
    await record(`getCalendarAvailability, ${what}: each room's calendar by id (admin)`, true, () => calendarAvailability(administrator, actions, rooms, WEEK));
    // Once the first has warmed the bench's own client up, the baselines need no warm-up.
    const baselineRuns = count > 20 ? heavy : { runs: RUNS, warmUps: count === ROOM_COUNTS[0] ? 1 : 0 };
    await record(`naive baseline, ${what}: calendarView one by one`, false, () => naiveAvailability(emulator.graphUrl, baselineToken, rooms, WEEK), baselineRuns);
  }

  const alice = council.alice;
  const page = bookingsPageUrl(council.rooms[0]!.resourceId, WEEK.monday);
  await record("/bookings page view, a resource's day and week", true, () => viewBookingsPage(someone(), page));
  // Warmed up by the single views above.
  await record(`/bookings: ${CONCURRENT} concurrent identical views`, true, () => Promise.all(crowd.map((session) => viewBookingsPage(session, page))), heavy);

  // The week after the measured one is free (the stand-up series ends on the measured Friday).
  await record("createBooking, a 30-minute slot", true, (run) =>
    bookSlot(someone(), actions, alice.resourceId, WEEK.monday.plus({ weeks: 1, days: run % 5, hours: 10, minutes: 30 * Math.floor(run / 5) }), ZONE),
  );

  // Microsoft may issue access tokens shorter than the hub's renewal margin (5 minutes): 60-second tokens here.
  await control.setConfig({ accessTokenLifetimeSeconds: 60 });
  await db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(0) } });
  // The warm-up renews the token expired above and so gets a 60-second one.
  await record(
    `accessTokenFor: ${CONCURRENT} concurrent getAvailability of Alice's calendar, 60-second access tokens`,
    true,
    () => Promise.all(crowd.map((session) => roomAvailability(session, actions, [alice], WEEK))),
    { runs: HEAVY_RUNS, warmUps: 1 },
  );
  await control.setConfig({ accessTokenLifetimeSeconds: 3599 });
  peakRssMb = memoryMb(hub.pid).peak;
} catch (error) {
  process.stderr.write(`bench: FAILED — the hub's log is ${hub.logFile}; its last lines:\n${hub.logTail()}\n`);
  throw error;
} finally {
  await hub.stop();
  await emulator.close();
  await db.$disconnect();
}
rmSync(dataDir, { recursive: true, force: true });

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
// Documentation (this file's results among it) does not change what is measured.
const commit = git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!*.md") ? " (with uncommitted changes)" : "");
const markdown = resultsMarkdown(rows, {
  date: new Date(),
  node: process.version,
  latencyMs: LATENCY_MS,
  runs: RUNS,
  heavyRuns: HEAVY_RUNS,
  cores: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
  maxHeapMb,
  load: [loadBefore, loadavg()[0]!],
  startRssMb,
  peakRssMb,
  commit,
});
mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
writeFileSync(RESULTS_FILE, markdown);
process.stdout.write = print;
console.log(`\n${table(rows, LATENCY_MS)}\n\nWritten to ${RESULTS_FILE}, with what each column means.`);
