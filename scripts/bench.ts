// npm run bench: the hub as users meet it — its production server, called over HTTP with signed-in sessions (server
// actions and the booking page) — against the project's Microsoft emulator over real HTTPS, with a fixed delay added to
// every Graph request to stand in for the network, side by side with a naive baseline in the same run. Real room
// mailboxes with real events; every answer is checked, so error answers are never timed. One instance on SQLite here,
// then two instances on one PostgreSQL database (scripts/bench/instances.ts, on TEST_DATABASE_URL's server or a
// throwaway cluster it starts), in the same table. Writes bench/results.md.
//
//   npm run bench [-- --latency 100 --runs 5 --heavy-runs 2]
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { benchFlags, benchWeek, CONCURRENT, MIRROR_ENVIRONMENT, quietOutput, startBench, ZONE } from "./bench/setup";

const flags = benchFlags();
const WEEK = benchWeek();
const ROOM_COUNTS = [1, 20, 100];
const RESULTS_FILE = path.join("bench", "results.md");
const { say, restore } = quietOutput("bench");

// This part is the embedded database's: TEST_DATABASE_URL is for the PostgreSQL part.
const givenPostgres = process.env.TEST_DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
// The live mirror: its rounds every hour, so that none starts unasked (scripts/bench/mirror.ts).
Object.assign(process.env, MIRROR_ENVIRONMENT);
const bench = await startBench({ prefix: "hub-bench-", rooms: Math.max(...ROOM_COUNTS), instances: 1, week: WEEK, say });
const { control, council, db, emulator, staff: sessions, administrator } = bench;
const hub = bench.hubs[0]!;
const { stopMirrors, waitForRounds } = await import("./bench/mirror");
const { mirrorPart } = await import("./bench/mirror-part");
const { mirrorTable, MIRROR_NOTES } = await import("./bench/mirror-report");
const { appTokenFor } = await import("../lib/integrations/office365/app-tokens");
const { TENANTS } = await import("../e2e/microsoft/directory");
const baselineToken = await appTokenFor(TENANTS.council.domain);

const { readCalendarActions, roomAvailability, calendarAvailability, bookSlot, bookingsPageUrl, viewBookingsPage } = await import("./bench/hub-calls");
const { naiveAvailability } = await import("./bench/baseline");
const { Probe } = await import("./bench/measure");
const { memoryMb } = await import("./bench/hub-server");
const { resultsMarkdown, table } = await import("./bench/report");
type Row = import("./bench/report").Row;

const rows: Row[] = [];
let mirror: import("./bench/mirror-part").MirrorFigures | undefined;
const loadBefore = loadavg()[0]!;
let startRssMb = NaN;
let peakRssMb = NaN;
try {
  const actions = readCalendarActions();
  // Sequential calls take turns across the signed-in users, as many people would make them.
  let turn = 0;
  const someone = () => sessions[turn++ % sessions.length]!;
  const crowd = Array.from({ length: CONCURRENT }, (_, i) => sessions[i % sessions.length]!);
  startRssMb = memoryMb(hub.pid).rss;
  // The rows up to the mirror's part are the hub reading Microsoft live: its first rounds done, every mirror stale.
  say("waiting for the mirrors' first rounds, then stopping them");
  await waitForRounds(db, { since: new Date(0), timeoutMs: 5 * 60_000 });
  await stopMirrors(db);

  // Every Graph request waits LATENCY_MS (a fault with no status only delays); sign-in to Microsoft is not delayed.
  await control.addFault({ service: "graph", pathPattern: ".*", delayMs: flags.latencyMs, times: 1_000_000_000 });
  const probe = new Probe(control, [hub]);
  const light = { runs: flags.runs, warmUps: 1 };
  const heavy = { runs: flags.heavyRuns, warmUps: 0 };
  const record = async (scenario: string, throughHub: boolean, work: (run: number) => Promise<unknown>, options: Parameters<typeof probe.measure>[1] = light) => {
    say(scenario);
    rows.push({ scenario, hub: "SQLite", throughHub, measured: await probe.measure(work, options) });
  };

  for (const count of ROOM_COUNTS) {
    const rooms = council.rooms.slice(0, count);
    const what = `${count} room${count === 1 ? "" : "s"}, a week of 30-minute slots`;
    await record(`getAvailability, ${what}: resources under their rules (staff)`, true, () => roomAvailability(someone(), actions, rooms, WEEK));
    await record(`getCalendarAvailability, ${what}: each room's calendar by id (admin)`, true, () => calendarAvailability(administrator, actions, rooms, WEEK));
    // Once the first has warmed the bench's own client up, the baselines need no warm-up.
    const baselineRuns = count > 20 ? heavy : { runs: flags.runs, warmUps: count === ROOM_COUNTS[0] ? 1 : 0 };
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

  // The same as the two instances' row of the PostgreSQL part: Alice's stored access token expired before each run.
  const expireAlicesToken = () => db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(0) } });
  await record(
    `accessTokenFor: ${CONCURRENT} concurrent getAvailability of Alice's calendar, expired access token`,
    true,
    () => Promise.all(crowd.map((session) => roomAvailability(session, actions, [alice], WEEK))),
    { runs: flags.heavyRuns, warmUps: 0, before: expireAlicesToken },
  );

  // Microsoft may issue access tokens shorter than the hub's renewal margin (5 minutes): 60-second tokens here.
  await control.setConfig({ accessTokenLifetimeSeconds: 60 });
  await expireAlicesToken();
  // The warm-up renews the token expired above and so gets a 60-second one.
  await record(
    `accessTokenFor: ${CONCURRENT} concurrent getAvailability of Alice's calendar, 60-second access tokens`,
    true,
    () => Promise.all(crowd.map((session) => roomAvailability(session, actions, [alice], WEEK))),
    { runs: flags.heavyRuns, warmUps: 1 },
  );
  await control.setConfig({ accessTokenLifetimeSeconds: 3599 });
  peakRssMb = memoryMb(hub.pid).peak;

  const part = await mirrorPart({ bench, actions, someone, week: WEEK, flags, say });
  rows.push(...part.rows);
  mirror = part.figures;
} catch (error) {
  const failed = bench.hubs[0]!;
  process.stderr.write(`bench: FAILED — the hub's log is ${failed.logFile}; its last lines:\n${failed.logTail()}\n`);
  throw error;
} finally {
  await bench.stop();
}
await bench.remove();

const postgres = await postgresPart();
rows.push(...postgres.rows);

/**
 * The PostgreSQL part, in a process of its own (the database client is one per process), on TEST_DATABASE_URL's
 * server when one was given, else on a throwaway cluster (scripts/test/postgres.ts) started and removed here.
 */
async function postgresPart(): Promise<{ rows: Row[]; server: string }> {
  const { startCluster } = await import("./test/postgres");
  const cluster = givenPostgres ? null : await startCluster();
  const url = givenPostgres ?? cluster!.url;
  const folder = mkdtempSync(path.join(tmpdir(), "hub-bench-rows-"));
  const rowsFile = path.join(folder, "rows.json");
  try {
    say(`the PostgreSQL part, on ${givenPostgres ? "TEST_DATABASE_URL's server" : "a throwaway cluster"}`);
    const child = spawn(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "scripts/bench/instances.ts", "--latency", String(flags.latencyMs), "--runs", String(flags.runs), "--heavy-runs", String(flags.heavyRuns), "--rows-file", rowsFile],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TEST_DATABASE_URL: url } },
    );
    const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (status !== 0) throw new Error(`The PostgreSQL part of the bench failed (exit status ${status}): see its messages above.`);
    return JSON.parse(readFileSync(rowsFile, "utf8")) as { rows: Row[]; server: string };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    cluster?.stop();
  }
}

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
// Documentation (this file's results among it) does not change what is measured.
const commit = git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!*.md") ? " (with uncommitted changes)" : "");
const markdown = resultsMarkdown(rows, {
  date: new Date(),
  node: process.version,
  latencyMs: flags.latencyMs,
  runs: flags.runs,
  heavyRuns: flags.heavyRuns,
  cores: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
  maxHeapMb: bench.maxHeapMb,
  load: [loadBefore, loadavg()[0]!],
  startRssMb,
  peakRssMb,
  commit,
  postgres: `${postgres.server}${givenPostgres ? "" : " (a throwaway cluster on this machine)"}`,
  mirror: { table: mirrorTable(mirror!, flags.latencyMs), notes: MIRROR_NOTES },
});
mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
writeFileSync(RESULTS_FILE, markdown);
restore();
console.log(`\n${table(rows, flags.latencyMs)}\n\n${mirrorTable(mirror!, flags.latencyMs)}\n\nWritten to ${RESULTS_FILE}, with what each column means.`);
