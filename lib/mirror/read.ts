import "server-only";
import { environment } from "../config";
import { db } from "../db";
import { HubError } from "../errors";
import { MAX_AVAILABILITY_EVENTS, type Answer, type Interval } from "../integrations/office365/calendar/availability";
import { staleness } from "./freshness";

/**
 * Busy time from the mirror, for the resources whose mirror is fresh over the window (freshness.ts); the others are
 * left out, and the caller reads them live. Bounded as a live read is: a resource with more than
 * MAX_AVAILABILITY_EVENTS events in the window is answered `too_many_events`, not read on.
 *
 * The events read are kept in this process with the version of the mirror they were read at (its last round and its
 * count of changes told), for the range read: the next request for that range or within it, while the mirror is at
 * that version, is answered without reading its events again. Any round saved (on any instance) or change told moves
 * the version, and the mirrors' versions are read with every request, with their freshness; the hub's own bookings are
 * read from the database every time (occupancy.ts), so a booking just made blocks whatever is kept.
 */
type Kept = { version: string; start: number; end: number; intervals: Interval[]; events: number };
const kept = new Map<string, Kept>();
/**
 * At most this many events are kept, over all resources (about 500 bytes each with their ids: some 50 MB); those
 * used least recently go first.
 */
const MAX_KEPT_EVENTS = 100_000;
let keptEvents = 0;

function keep(resourceId: string, entry: Kept) {
  const old = kept.get(resourceId);
  if (old) keptEvents -= old.events;
  kept.delete(resourceId);
  if (entry.events > MAX_KEPT_EVENTS) return;
  for (const [id, oldest] of kept) {
    if (keptEvents + entry.events <= MAX_KEPT_EVENTS) break;
    kept.delete(id);
    keptEvents -= oldest.events;
  }
  kept.set(resourceId, entry);
  keptEvents += entry.events;
}

export async function mirroredIntervals(resourceIds: string[], window: { start: number; end: number }, now = Date.now()): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  if (resourceIds.length === 0) return answers;
  const mirrors = await db.calendarMirror.findMany({
    where: { resourceId: { in: resourceIds } },
    select: {
      resourceId: true,
      mode: true,
      windowStart: true,
      windowEnd: true,
      deltaLink: true,
      lastSyncAt: true,
      syncRequestedAt: true,
      subscriptionId: true,
      subscriptionExpiresAt: true,
      lifecyclePending: true,
      changeSeq: true,
    },
  });
  const pollMs = environment().syncIntervalSeconds * 1000;
  const fresh = mirrors.filter((mirror) => staleness(mirror, window, now, pollMs) === "fresh");
  const toRead: { resourceId: string; version: string }[] = [];
  for (const mirror of fresh) {
    const version = `${mirror.lastSyncAt!.getTime()}:${mirror.changeSeq}`;
    const entry = kept.get(mirror.resourceId);
    if (entry && entry.version === version && entry.start <= window.start && window.end <= entry.end) {
      // Used again: the last to go.
      kept.delete(mirror.resourceId);
      kept.set(mirror.resourceId, entry);
      // (The same list for the same range: answers are read, never changed.)
      const same = entry.start === window.start && entry.end === window.end;
      answers.set(mirror.resourceId, { intervals: same ? entry.intervals : entry.intervals.filter((interval) => interval.start < window.end && interval.end > window.start) });
    } else toRead.push({ resourceId: mirror.resourceId, version });
  }
  if (toRead.length === 0) return answers;
  const ids = toRead.map((mirror) => mirror.resourceId);
  const overlapping = { start: { lt: new Date(window.end) }, end: { gt: new Date(window.start) } };
  const counts = await db.mirrorEvent.groupBy({ by: ["resourceId"], where: { resourceId: { in: ids }, ...overlapping }, _count: { _all: true } });
  const tooMany = new Set(counts.filter((count) => count._count._all > MAX_AVAILABILITY_EVENTS).map((count) => count.resourceId));
  for (const id of tooMany) answers.set(id, { error: new HubError("too_many_events", { limit: MAX_AVAILABILITY_EVENTS }) });
  const read = toRead.filter((mirror) => !tooMany.has(mirror.resourceId));
  if (read.length === 0) return answers;
  const events = await db.mirrorEvent.findMany({
    where: { resourceId: { in: read.map((mirror) => mirror.resourceId) }, ...overlapping },
    select: { resourceId: true, eventId: true, iCalUId: true, start: true, end: true, showAs: true },
  });
  const intervals = new Map(read.map((mirror) => [mirror.resourceId, [] as Interval[]]));
  for (const event of events) {
    intervals.get(event.resourceId)!.push({
      start: event.start.getTime(),
      end: event.end.getTime(),
      status: event.showAs,
      eventId: event.eventId,
      ...(event.iCalUId ? { iCalUId: event.iCalUId } : {}),
    });
  }
  for (const { resourceId, version } of read) {
    const list = intervals.get(resourceId)!;
    answers.set(resourceId, { intervals: list });
    keep(resourceId, { version, start: window.start, end: window.end, intervals: list, events: list.length + 1 });
  }
  return answers;
}
