import type { DateTime } from "luxon";
import type { EmulatorControl } from "../../e2e/microsoft/control-client";
import { SYNC_JOB_PREFIX, syncJobName } from "../../lib/mirror/freshness";
import { weekOfEvents, type Room } from "./seed";

/**
 * The bench's hold on the hub's live mirror of free/busy (lib/mirror/), from outside: through the hub's database
 * (as an administrator's SQL would see it) and the emulator's control API, never through the hub's code. Every
 * process of the hub starts each resource's delta round when its job (`calendar-sync:<resource id>`) is due, so:
 * - the rows that measure live reads run with the jobs removed (no round starts, not even after a booking) and every
 *   mirror's last round set a day back: stale, so the hub reads Microsoft as it does for a mirror it cannot trust;
 * - the rows of the mirror give the jobs back, due now, and wait for the rounds to finish.
 */
type Db = typeof import("../../lib/db").db;
const WAIT_STEP_MS = 50;

export async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/**
 * Waits until every resource's mirror has had a round that began at `since` or later (`full`: a full read of its
 * window). A round that fails records its problem and leaves lastSyncAt as it was, and the hub would try again at
 * its next time (an hour away here): the bench makes that round due again at once, and answers what failed.
 */
export async function waitForRounds(db: Db, options: { since: Date; full?: boolean; timeoutMs: number }): Promise<string[]> {
  const resources = await db.resource.count();
  const after = options.full ? { lastFullSyncAt: { gte: options.since } } : { lastSyncAt: { gte: options.since } };
  const failures = new Map<string, string>();
  await waitUntil(`every mirror's ${options.full ? "full " : ""}round`, options.timeoutMs, async () => {
    const failed = await db.calendarMirror.findMany({
      where: { problemAt: { gte: options.since }, problemCode: { not: null }, OR: [{ lastSyncAt: null }, { lastSyncAt: { lt: options.since } }] },
      select: { resourceId: true, problemAt: true, problemCode: true },
    });
    const fresh = failed.filter((mirror) => !failures.has(`${mirror.resourceId} ${mirror.problemAt!.toISOString()}`));
    for (const mirror of fresh) failures.set(`${mirror.resourceId} ${mirror.problemAt!.toISOString()}`, mirror.problemCode!);
    if (fresh.length > 0) await db.job.updateMany({ where: { name: { in: fresh.map((mirror) => syncJobName(mirror.resourceId)) } }, data: { nextRunAt: new Date() } });
    return (await db.calendarMirror.count({ where: after })) === resources;
  });
  return [...failures.values()];
}

/** No round starts any more, and every mirror is stale: availability is read live from Microsoft. */
export async function stopMirrors(db: Db): Promise<void> {
  await db.job.deleteMany({ where: { name: { startsWith: SYNC_JOB_PREFIX } } });
  await db.calendarMirror.updateMany({ data: { lastSyncAt: new Date(Date.now() - 24 * 3600_000) } });
}

/** Every mirror's round is due now (`full`: its deltaLink forgotten, so it reads its whole window again). */
export async function startMirrors(db: Db, options: { full?: boolean } = {}): Promise<Date> {
  const now = new Date();
  if (options.full) await db.calendarMirror.updateMany({ data: { deltaLink: null } });
  const mirrors = await db.calendarMirror.findMany({ select: { resourceId: true } });
  await db.$transaction(
    mirrors.map(({ resourceId }) =>
      db.job.upsert({ where: { name: syncJobName(resourceId) }, create: { name: syncJobName(resourceId), nextRunAt: now }, update: { nextRunAt: now, leaseUntil: null, owner: null } }),
    ),
  );
  return now;
}

/** The mirrors' modes, as the hub's Office 365 page counts them ("notifications: 101"). */
export async function mirrorModes(db: Db): Promise<Record<string, number>> {
  const groups = await db.calendarMirror.groupBy({ by: ["mode"], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.mode, group._count._all]));
}

/** The first problem a mirror records, in the hub's words (why it polls instead of being told, say). */
export async function mirrorProblem(db: Db): Promise<string | null> {
  const mirror = await db.calendarMirror.findFirst({ where: { problemCode: { not: null } } });
  return mirror ? `${mirror.problemCode}: ${mirror.problem}` : null;
}

export type MirrorSize = { events: number; mirrors: number; bytes: number; perTable: Record<string, number> };

/**
 * Rows and bytes of the mirror in the SQLite file: the pages of the CalendarMirror and MirrorEvent tables and their
 * indexes (the dbstat virtual table, compiled into better-sqlite3), so the rest of the database does not count.
 */
export async function mirrorSize(db: Db): Promise<MirrorSize> {
  const pages = await db.$queryRawUnsafe<{ tbl: string; bytes: number | bigint }[]>(
    `SELECT m.tbl_name AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d JOIN sqlite_master m ON m.name = d.name WHERE m.tbl_name IN ('CalendarMirror', 'MirrorEvent') GROUP BY m.tbl_name`,
  );
  const perTable = Object.fromEntries(pages.map((row) => [row.tbl, Number(row.bytes)]));
  return {
    events: await db.mirrorEvent.count(),
    mirrors: await db.calendarMirror.count(),
    bytes: Object.values(perTable).reduce((sum, bytes) => sum + bytes, 0),
    perTable,
  };
}

/** A room's events, `weeks` weeks of the bench's week of 30 (weekOfEvents) from `from`, but for the weeks `seeded` already. */
export function weeksOfEvents(from: DateTime, weeks: number, index: number, seeded: DateTime[] = []): ReturnType<typeof weekOfEvents> {
  const events: ReturnType<typeof weekOfEvents> = [];
  for (let week = 0; week < weeks; week++) {
    const monday = from.plus({ weeks: week });
    if (!seeded.some((other) => other.toISODate() === monday.toISODate())) events.push(...weekOfEvents(monday, index));
  }
  return events;
}

/**
 * Outlook gains an event (the room's owner adds it, as in Outlook): how long until the hub's mirror holds it, in ms,
 * from the control call that adds it to the MirrorEvent row being there (looked for every 50 ms).
 */
export async function eventToMirrorMs(control: EmulatorControl, db: Db, room: Room, start: DateTime, timeoutMs: number): Promise<number> {
  const local = (at: DateTime) => ({ dateTime: at.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: at.zoneName ?? "UTC" });
  const added = performance.now();
  const [event] = await control.addMailboxEvents(room.email, [{ subject: "Bench: added in Outlook", start: local(start), end: local(start.plus({ minutes: 30 })), showAs: "busy" }]);
  if (!event) throw new Error(`The emulator added no event to ${room.email}`);
  await waitUntil(`the event added to ${room.email} in its mirror`, timeoutMs, () => db.mirrorEvent.findUnique({ where: { resourceId_eventId: { resourceId: room.resourceId, eventId: event.id } } }));
  return performance.now() - added;
}
