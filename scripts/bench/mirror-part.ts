import { DateTime } from "luxon";
import { Probe, type Measured } from "./measure";
import { askRoomAvailability, checkRoomAvailability, roomAvailabilityOver, type BenchWeek, type CalendarActions } from "./hub-calls";
import type { HubSession } from "./hub-session";
import { eventToMirrorMs, mirrorModes, mirrorProblem, mirrorSize, startMirrors, stopMirrors, waitForRounds, weeksOfEvents, type MirrorSize } from "./mirror";
import type { Row } from "./report";
import type { Bench, BenchFlags } from "./setup";

/**
 * The live mirror's part of npm run bench (issue 12 §6), run after the live rows on the same hub, rooms and
 * database, with the same latency injected into every Graph request:
 * 1. the first 20 rooms' availability over 31 days (four more weeks of their events added) from the mirror, then
 *    the same call live (every mirror made stale), the two answers compared period by period;
 * 2. the hub restarted polling every POLL_SECONDS: how long an event added in Outlook takes to reach the mirror;
 * 3. the hub restarted with change notifications: the same, and how fast it acknowledges Microsoft's POSTs;
 * 4. half a year of events in each of the 100 rooms (their notifications dropped at the emulator meanwhile) and every
 *    mirror's full read of its window: how long those rounds take and how big the mirror then is in the database.
 * Last because the emulator's reads grow slower with every event it stores (see bench/results.md).
 */
export const MIRROR_ROOMS = 20;
export const MIRROR_DAYS = 31;
export const HALF_YEAR_WEEKS = 26;
export const POLL_SECONDS = 5;
const POLLING_SAMPLES = 20;
const NOTIFICATION_SAMPLES = 20;
/** Rooms whose events are added at the same moment, for the notifications' acknowledgements under a burst. */
const BURST = 20;

type Figures<T> = T | { notMeasured: string };
export type MirrorFigures = {
  availability: { mirror: Measured; afterRound: Measured; live: Measured; resources: number; periods: number };
  polling: Figures<{ intervalSeconds: number; latenciesMs: number[] }>;
  notifications: Figures<{ latenciesMs: number[]; burstMs: number[]; deliveryDelayMs: number }>;
  acknowledgements: Figures<{ ackMs: number[]; failed: number }>;
  firstRounds: { resources: number; rooms: number; failed: string[]; measured: Measured; before: MirrorSize; after: MirrorSize };
};

export async function mirrorPart(options: {
  bench: Bench;
  actions: CalendarActions;
  someone: () => HubSession;
  week: BenchWeek;
  flags: BenchFlags;
  say: (message: string) => void;
}): Promise<{ rows: Row[]; figures: MirrorFigures }> {
  const { bench, actions, someone, week, flags, say } = options;
  const { control, council, db } = bench;
  const rows: Row[] = [];
  const probe = new Probe(control, bench.hubs);
  const resources = await db.resource.count();

  // 1. The same call from the mirror (fresh: its rounds just ran; the next is HUB_SYNC_INTERVAL_SECONDS away) and live.
  const rooms = council.rooms.slice(0, MIRROR_ROOMS);
  const month = Array.from({ length: 4 }, (_, i) => week.monday.plus({ weeks: i + 1 }));
  for (const [index, room] of rooms.entries()) await control.addMailboxEvents(room.email, weeksOfEvents(month[0]!, month.length, index));
  await waitForRounds(db, { since: await startMirrors(db), timeoutMs: 5 * 60_000 });
  const range = { start: week.monday.toISO()!, end: week.monday.plus({ days: MIRROR_DAYS }).toISO()!, timeZone: week.timeZone };
  const what = `getAvailability, ${MIRROR_ROOMS} rooms, ${MIRROR_DAYS} days of 30-minute slots`;
  say(`${what}: from the mirror`);
  const fromMirror = await roomAvailabilityOver(someone(), actions, rooms, range);
  // Timed to the answer received and decoded; each is checked (a wrong one fails the bench) after it was timed.
  const call = () => askRoomAvailability(someone(), actions, rooms, range);
  const check = (answer: unknown) => void checkRoomAvailability(actions, rooms, answer);
  const mirror = await probe.measure(call, { runs: flags.runs * 10, warmUps: 1, check });
  rows.push({ scenario: `${what}: from the mirror (fresh)`, hub: "SQLite", throughHub: true, measured: mirror });
  // The same just after a round: before each run the copy's version moves (its last round now, as a quiet poll moves
  // it), so the hub reads the copy's events from the database instead of what it kept of them.
  const ids = rooms.map((room) => room.resourceId);
  const afterRound = await probe.measure(call, {
    runs: flags.runs * 10,
    warmUps: 0,
    check,
    before: () => db.calendarMirror.updateMany({ where: { resourceId: { in: ids } }, data: { lastSyncAt: new Date() } }),
  });
  rows.push({ scenario: `${what}: from the mirror just after a round (nothing kept)`, hub: "SQLite", throughHub: true, measured: afterRound });
  await stopMirrors(db);
  say(`${what}: live (every mirror stale)`);
  const live = await probe.measure(call, { runs: flags.runs, warmUps: 1, check });
  rows.push({ scenario: `${what}: live (every mirror stale)`, hub: "SQLite", throughHub: true, measured: live });
  compareAnswers(fromMirror, await roomAvailabilityOver(someone(), actions, rooms, range));
  const availability = { mirror, afterRound, live, resources: rooms.length, periods: fromMirror.reduce((sum, periods) => sum + periods.length, 0) };

  // 2. Polling: a short interval, every round due at once after the restart.
  say(`polling every ${POLL_SECONDS} s: from an event added in Outlook to the mirror holding it`);
  await bench.restartHubs({ HUB_NOTIFICATIONS: "off", HUB_SYNC_INTERVAL_SECONDS: String(POLL_SECONDS) });
  await waitForRounds(db, { since: await startMirrors(db), timeoutMs: 5 * 60_000 });
  const sampleDay = (i: number) => week.monday.plus({ weeks: 2, days: i % 5, hours: 7 + Math.floor(i / 5) });
  const latenciesMs: number[] = [];
  for (let i = 0; i < POLLING_SAMPLES; i++) latenciesMs.push(await eventToMirrorMs(control, db, council.rooms[(i * 7) % council.rooms.length]!, sampleDay(i), 5 * 60_000));
  const polling = { intervalSeconds: POLL_SECONDS, latenciesMs };

  // 3. Change notifications: the first round of each mirror subscribes (the emulator validates the URL first).
  say("change notifications: from an event added in Outlook to the mirror holding it, and the hub's acknowledgements");
  await bench.restartHubs({ HUB_NOTIFICATIONS: "on" });
  await waitForRounds(db, { since: await startMirrors(db), timeoutMs: 5 * 60_000 });
  const modes = await mirrorModes(db);
  let notifications: MirrorFigures["notifications"];
  let acknowledgements: MirrorFigures["acknowledgements"];
  if ((modes.notifications ?? 0) !== resources) {
    const why = `${modes.notifications ?? 0} of ${resources} mirrors subscribed (${(await mirrorProblem(db)) ?? "no problem recorded"})`;
    notifications = acknowledgements = { notMeasured: why };
  } else {
    const settings = await control.setNotificationSettings({});
    await control.clearDeliveries();
    const told: number[] = [];
    for (let i = 0; i < NOTIFICATION_SAMPLES; i++) told.push(await eventToMirrorMs(control, db, council.rooms[(i * 3) % council.rooms.length]!, sampleDay(i + POLLING_SAMPLES), 60_000));
    const burstMs = await Promise.all(council.rooms.slice(0, BURST).map((room, i) => eventToMirrorMs(control, db, room, sampleDay(i + POLLING_SAMPLES + NOTIFICATION_SAMPLES), 60_000)));
    const posts = (await control.deliveries()).filter((delivery) => delivery.kind === "notification");
    notifications = { latenciesMs: told, burstMs, deliveryDelayMs: settings.deliveryDelayMs };
    acknowledgements = { ackMs: posts.map((post) => post.ackMs), failed: posts.filter((post) => post.status === null || post.status < 200 || post.status > 299).length };
    // Half a year of events must not reach the hub as 100 × 650 changes: the rounds measured next are full reads.
    for (const subscription of await control.subscriptions()) if (!subscription.expired) await control.setSubscriptionDelivery(subscription.id, "drop");
  }

  // 4. Half a year of each room's events, from next week, then every mirror's full read of its window.
  const from = DateTime.now().setZone(week.timeZone).startOf("week").plus({ weeks: 1 });
  say(`adding ${HALF_YEAR_WEEKS} weeks of events to each of ${council.rooms.length} rooms`);
  for (const [index, room] of council.rooms.entries()) {
    await control.addMailboxEvents(room.email, weeksOfEvents(from, HALF_YEAR_WEEKS, index, index < MIRROR_ROOMS ? [week.monday, ...month] : [week.monday]));
  }
  const before = await mirrorSize(db);
  const firstRounds = `mirror: first full rounds of ${resources} resources' calendars (${council.rooms.length} rooms with ${HALF_YEAR_WEEKS} weeks of events), in the background`;
  say(firstRounds);
  let failed: string[] = [];
  const measured = await probe.measure(
    async () => {
      const since = await startMirrors(db, { full: true });
      failed = await waitForRounds(db, { since, full: true, timeoutMs: 15 * 60_000 });
    },
    { runs: 1, warmUps: 0 },
  );
  rows.push({ scenario: firstRounds, hub: "SQLite", throughHub: true, measured });
  const after = await mirrorSize(db);
  return { rows, figures: { availability, polling, notifications, acknowledgements, firstRounds: { resources, rooms: council.rooms.length, failed, measured, before, after } } };
}

/** The mirror must give the answer Microsoft gives, period by period, or its row would time a wrong answer. */
function compareAnswers(fromMirror: string[][], fromMicrosoft: string[][]): void {
  for (const [i, slots] of fromMirror.entries()) {
    const other = fromMicrosoft[i]!;
    const differs = slots.findIndex((slot, k) => slot !== other[k]);
    if (differs >= 0 || slots.length !== other.length) {
      throw new Error(`Room ${i + 1}: the mirror answered "${slots[differs] ?? slots.length}" where Microsoft answered "${other[differs] ?? other.length}"`);
    }
  }
}
