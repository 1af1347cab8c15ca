import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { bankHolidays, DEFAULT_BANK_HOLIDAY_REGION } from "../../lib/resources/closed-dates";
import type { BenchWeek } from "./hub-calls";
import type { HubServer } from "./hub-server";
import type { HubSession } from "./hub-session";
import type { Council } from "./seed";

/**
 * What both parts of npm run bench share — the bench itself (SQLite, one instance: scripts/bench.ts) and its
 * PostgreSQL part (two instances: scripts/bench/instances.ts, a process of its own since the database client is one
 * per process): the options, the measured week, and a council seeded into a fresh database with the emulator and the
 * hub's production server(s) running, staff signed in.
 */
export type BenchFlags = { latencyMs: number; runs: number; heavyRuns: number };

export function benchFlags(args = process.argv.slice(2)): BenchFlags & { rest: Record<string, string | undefined> } {
  const { values } = parseArgs({
    args,
    options: {
      latency: { type: "string", default: "100" },
      runs: { type: "string", default: "5" },
      "heavy-runs": { type: "string", default: "2" },
      "rows-file": { type: "string" },
    },
  });
  const flags = { latencyMs: Number(values.latency), runs: Number(values.runs), heavyRuns: Number(values["heavy-runs"]) };
  if (!Object.values(flags).every((value) => Number.isInteger(value) && value >= 1)) {
    throw new Error("--latency (ms), --runs and --heavy-runs must be whole numbers from 1");
  }
  if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("Run with npm run bench (it trusts the emulator's certificate).");
  return { ...flags, rest: { rowsFile: values["rows-file"] } };
}

export const ZONE = "Europe/London";
/**
 * The hub's live mirror as the bench starts it: polling, once an hour. Its first rounds run when the hub starts; the
 * bench then stops them for the live rows and starts them when it measures the mirror (scripts/bench/mirror.ts).
 */
export const MIRROR_ENVIRONMENT = { HUB_NOTIFICATIONS: "off", HUB_SYNC_INTERVAL_SECONDS: "3600" };
// Concurrent callers are different people: SIGNED_IN staff users, each making CONCURRENT / SIGNED_IN of the calls.
export const SIGNED_IN = 50;
export const CONCURRENT = 200;

/**
 * A week within every resource's booking horizon and with no clock change, so every run asks for the same slots: the
 * first such Monday at least two weeks from today.
 */
export function benchWeek(): BenchWeek {
  for (let monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 2 }); ; monday = monday.plus({ weeks: 1 })) {
    // The availability week and the booking week after it: no clock change, and no bank holiday to close the rooms.
    const sameClock = monday.offset === monday.plus({ weeks: 2 }).offset;
    const holidays = bankHolidays(DEFAULT_BANK_HOLIDAY_REGION, monday.toISODate()!, monday.plus({ weeks: 2 }).toISODate()!);
    if (sameClock && holidays.size === 0) return { monday, timeZone: ZONE };
  }
}

/**
 * The hub's info log lines (from seeding in this process) would bury the table: standard output is quiet until
 * `print` is given back. Progress goes to standard error.
 */
export function quietOutput(label: string) {
  const print = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const began = performance.now();
  return {
    say: (message: string) => process.stderr.write(`${label} ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s: ${message}\n`),
    restore: () => {
      process.stdout.write = print;
    },
  };
}

export type Bench = {
  dataDir: string;
  control: import("../../e2e/microsoft/control-client").EmulatorControl;
  emulator: Awaited<ReturnType<typeof import("../../e2e/microsoft/server").startEmulator>>;
  council: Council;
  db: typeof import("../../lib/db").db;
  maxHeapMb: number;
  /** One per port asked for; the first one's address is the public one (AUTH_URL) of all. */
  hubs: HubServer[];
  /** The staff signed in (through the first hub), and an administrator. */
  staff: HubSession[];
  administrator: HubSession;
  /**
   * Stops the hub servers and starts them again on the same ports (the same database, secrets and public address:
   * sessions carry on) with these environment variables changed, as an administrator restarts the hub after
   * changing its settings. `hubs` then holds the new servers.
   */
  restartHubs: (changes: Record<string, string>) => Promise<HubServer[]>;
  stop: () => Promise<void>;
  /** After stop: removes the data folder (the servers' logs with it) and the database. */
  remove: () => Promise<void>;
};

/**
 * A data folder and database of their own (scripts/test/isolated-data.ts: SQLite, or PostgreSQL beside
 * TEST_DATABASE_URL), the emulator, the council seeded in-process, and `instances` hub servers on free ports, all
 * with the same database and secrets, the first one's address as the public address.
 */
export async function startBench(options: { prefix: string; rooms: number; instances: number; week: BenchWeek; say: (message: string) => void }): Promise<Bench> {
  const { freePort, buildHub, startHubServer } = await import("./hub-server");
  const { isolateData } = await import("../test/isolated-data");
  const ports: number[] = [];
  for (let i = 0; i < options.instances; i++) ports.push(await freePort());
  const publicUrl = `http://localhost:${ports[0]}`;
  const isolated = await isolateData(options.prefix);
  const dataDir = isolated.dataDir;

  const { startEmulator } = await import("../../e2e/microsoft/server");
  const { EmulatorControl } = await import("../../e2e/microsoft/control-client");
  const emulator = await startEmulator({ port: 0, stateDir: path.dirname(process.env.NODE_EXTRA_CA_CERTS!), redirectUris: [`${publicUrl}/jadu/integrations/office365/callback`] });
  const control = new EmulatorControl(emulator.origin);
  Object.assign(process.env, { MICROSOFT_LOGIN_URL: emulator.loginUrl, MICROSOFT_GRAPH_URL: emulator.graphUrl, AUTH_URL: publicUrl, PORT: String(ports[0]) });
  const { environment, forgetEnvironment } = await import("../../lib/config");
  forgetEnvironment();

  options.say(`seeding ${options.rooms} rooms with events and ${SIGNED_IN} staff users in ${dataDir}`);
  const { seedCouncil } = await import("./seed");
  const council = await seedCouncil(control, { rooms: options.rooms, staff: SIGNED_IN, monday: options.week.monday });
  const { db } = await import("../../lib/db");

  options.say("building the hub if its sources changed");
  await buildHub(process.env);
  const maxHeapMb = environment().maxHeapMb;
  const hubs: HubServer[] = [];
  for (const [i, port] of ports.entries()) {
    hubs.push(await startHubServer({ port, maxHeapMb, environment: process.env, logFile: path.join(dataDir, `hub-${i + 1}.log`) }));
  }
  options.say(`hub serving at ${hubs.map((hub) => `${hub.origin} (pid ${hub.pid})`).join(" and ")}, heap limit ${maxHeapMb} MB; signing in ${SIGNED_IN} staff users over HTTP`);

  const { HubSession } = await import("./hub-session");
  const staff: HubSession[] = [];
  for (let i = 0; i < council.staff.length; i += 4) {
    const batch = council.staff.slice(i, i + 4).map(async (user) => {
      const session = new HubSession(hubs[0]!.origin);
      await session.signIn(user.email, user.password);
      return session;
    });
    staff.push(...(await Promise.all(batch)));
  }
  // Raw calendars are for administrators: one signs in for the calendar-by-id rows.
  const administrator = new HubSession(hubs[0]!.origin);
  await administrator.signIn(council.admin.email, council.admin.password);

  let restarts = 0;
  return {
    dataDir,
    control,
    emulator,
    council,
    db,
    maxHeapMb,
    hubs,
    staff,
    administrator,
    restartHubs: async (changes) => {
      await Promise.all(hubs.map((hub) => hub.stop()));
      restarts += 1;
      for (const [i, port] of ports.entries()) {
        hubs[i] = await startHubServer({ port, maxHeapMb, environment: { ...process.env, ...changes }, logFile: path.join(dataDir, `hub-${i + 1}.${restarts}.log`) });
      }
      return hubs;
    },
    stop: async () => {
      await Promise.all(hubs.map((hub) => hub.stop()));
      await emulator.close();
      await db.$disconnect();
    },
    remove: isolated.remove,
  };
}
