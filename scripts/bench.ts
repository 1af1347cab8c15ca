// npm run bench: measures the calendar service as the booking page and the site's own pages use it, against the
// project's Microsoft emulator over real HTTPS, with a fixed delay added to every Graph answer to stand in for the
// network. Figures are for comparing changes on one machine, not promises about Microsoft's own speed.
//
//   npm run bench [-- --latency 50 --runs 5]
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";

const { values: flags } = parseArgs({
  options: { latency: { type: "string", default: "50" }, runs: { type: "string", default: "5" } },
});
const LATENCY_MS = Number(flags.latency);
const RUNS = Number(flags.runs);
if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("Run with npm run bench (it trusts the emulator's certificate).");

// The hub's info log lines (renewals, bookings) would bury the table: standard output is quiet until the end.
const print = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;

// A database and secrets of its own, like a unit test file.
const { isolateData } = await import("./test/isolated-data");
const dataDir = isolateData("hub-bench-");

const { startEmulator } = await import("../e2e/microsoft/server");
const { EmulatorControl } = await import("../e2e/microsoft/control-client");
const { USERS } = await import("../e2e/microsoft/directory");
const emulator = await startEmulator({
  port: 0,
  stateDir: path.dirname(process.env.NODE_EXTRA_CA_CERTS),
  redirectUris: ["http://localhost:3000/jadu/integrations/office365/callback"],
});
process.env.MICROSOFT_LOGIN_URL = emulator.loginUrl;
process.env.MICROSOFT_GRAPH_URL = emulator.graphUrl;
const control = new EmulatorControl(emulator.origin);

const { forgetEnvironment } = await import("../lib/config");
forgetEnvironment();
const { db } = await import("../lib/db");
const { configure, connect, resetOffice365Data } = await import("./test/office365");
const { getAvailability } = await import("../lib/integrations/office365/calendar/availability");
const { listEvents } = await import("../lib/integrations/office365/calendar/events");
const { listCalendars } = await import("../lib/integrations/office365/calendar/calendars");
const { createBooking } = await import("../lib/integrations/office365/calendar/bookings");
const { accessTokenFor } = await import("../lib/integrations/office365/token-store");

const ZONE = "Europe/London";
const WEEK = DateTime.fromISO("2027-03-01T00:00", { zone: ZONE });
const admin = await resetOffice365Data();
await configure(admin);
await connect(control, admin, USERS.alice.email);
const alice = (await db.connectedAccount.findFirstOrThrow()).id;

type Row = { scenario: string; requests: string; median: number; min: number; max: number };
const rows: Row[] = [];

async function graphRequestsDuring(work: () => Promise<unknown>): Promise<{ ms: number; requests: number; tokenRequests: number }> {
  await control.clearRequests();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const requests = await control.requests();
  return {
    ms,
    requests: requests.filter((request) => request.service === "graph").length,
    tokenRequests: requests.filter((request) => request.service === "login" && request.path.endsWith("/token")).length,
  };
}

/** Runs a scenario RUNS times (after one warm-up) and records the median, min and max, and what it asked Microsoft. */
async function measure(scenario: string, work: () => Promise<unknown>, before?: () => Promise<void>) {
  const timings: number[] = [];
  let last = { requests: 0, tokenRequests: 0 };
  for (let run = 0; run <= RUNS; run++) {
    await before?.();
    const result = await graphRequestsDuring(work);
    if (run > 0) timings.push(result.ms);
    last = result;
  }
  timings.sort((a, b) => a - b);
  const requests = last.tokenRequests > 0 ? `${last.requests} Graph + ${last.tokenRequests} token` : `${last.requests} Graph`;
  rows.push({ scenario, requests, median: timings[Math.floor(timings.length / 2)]!, min: timings[0]!, max: timings[timings.length - 1]! });
}

// Every Graph answer waits LATENCY_MS (a fault with no status only delays).
const addLatency = () => control.addFault({ service: "graph", pathPattern: ".*", delayMs: LATENCY_MS, times: 1_000_000 });
await addLatency();

// 1. Free/busy of 100 mailboxes at once: getSchedule takes 20 per request, asked in parallel.
const mailboxes = Array.from({ length: 100 }, (_, i) => ({ accountId: alice, mailbox: `person${i}@council.example` }));
await measure("getAvailability: 100 mailboxes, one week, 30-minute slots", () =>
  getAvailability({ calendars: mailboxes, start: WEEK, end: WEEK.plus({ days: 7 }), timeZone: ZONE, slotMinutes: 30 }),
);

// 2. A busy week read event by event: 500 events, followed through every page.
const seeds = Array.from({ length: 500 }, (_, i) => {
  const start = WEEK.plus({ days: i % 5, hours: 8, minutes: (Math.floor(i / 5) % 100) * 5 });
  return { subject: `Event ${i + 1}`, start: start.toUTC().toISO()!, end: start.plus({ minutes: 5 }).toUTC().toISO()! };
});
await control.setMailboxEvents(USERS.alice.email, seeds);
const calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
const readWeek = () => listEvents({ accountId: alice, calendarId, start: WEEK, end: WEEK.plus({ days: 7 }), timeZone: ZONE });
await measure("listEvents: 500 events in a week, pages of 500 ($top)", readWeek);
await control.setConfig({ maxPageSize: 10 });
await measure("listEvents: the same week if Microsoft pages by 10 (its default)", readWeek);
await control.setConfig({ maxPageSize: 1000 });

// 3. Eight calendars of one mailbox read at once: never more than 4 requests in flight per mailbox.
for (let i = 0; i < 6; i++) await control.createCalendar(USERS.alice.email, { name: `Bench ${i + 1}` });
const calendars = (await listCalendars({ accountId: alice })).map((calendar) => ({ accountId: alice, calendarId: calendar.id }));
await measure(`getAvailability: ${calendars.length} calendars of one mailbox (at most 4 requests at a time)`, () =>
  getAvailability({ calendars, start: WEEK, end: WEEK.plus({ days: 1 }), timeZone: ZONE, slotMinutes: 30 }),
);

// 4. 100 callers at once with an expired access token: one renewal.
await measure(
  "accessTokenFor: 100 concurrent callers, token expired",
  () => Promise.all(Array.from({ length: 100 }, () => accessTokenFor(alice))),
  async () => {
    await db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(0) } });
  },
);

// 5. A booking: availability checked again, recorded, created with a transactionId, confirmed.
let slot = 0;
await control.setMailboxEvents(USERS.alice.email, []);
await measure("createBooking: one 30-minute booking", () => {
  const start = WEEK.plus({ days: 14, hours: 8, minutes: 30 * slot++ });
  return createBooking(admin, { accountId: alice, calendarId, subject: `Bench ${slot}`, start, end: start.plus({ minutes: 30 }), timeZone: ZONE, attendees: [] });
});

await emulator.close();
await db.$disconnect();
rmSync(dataDir, { recursive: true, force: true });

process.stdout.write = print;
const pad = (text: string, width: number) => text.padEnd(width);
const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
console.log(`\nIntegrations Hub bench — ${RUNS} runs each after a warm-up, ${LATENCY_MS} ms added to every Graph answer, Node ${process.version}\n`);
const width = Math.max(...rows.map((row) => row.scenario.length));
const requestWidth = Math.max(...rows.map((row) => row.requests.length), "Requests".length);
console.log(`${pad("Scenario", width)}  ${pad("Requests", requestWidth)}   median      min      max`);
for (const row of rows) console.log(`${pad(row.scenario, width)}  ${pad(row.requests, requestWidth)}  ${ms(row.median)} ${ms(row.min)} ${ms(row.max)}`);
