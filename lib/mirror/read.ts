import "server-only";
import { environment } from "../config";
import { db } from "../db";
import { HubError } from "../errors";
import { MAX_AVAILABILITY_EVENTS, type Answer } from "../integrations/office365/calendar/availability";
import { staleness } from "./freshness";

/**
 * Busy time from the mirror, for the resources whose mirror is fresh over the window (freshness.ts); the others are
 * left out, and the caller reads them live. Bounded as a live read is: a resource with more than
 * MAX_AVAILABILITY_EVENTS events in the window is answered `too_many_events`, not read on. Three queries however many
 * resources: their mirrors, their events' counts, then their events.
 */
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
    },
  });
  const pollMs = environment().syncIntervalSeconds * 1000;
  const fresh = mirrors.filter((mirror) => staleness(mirror, window, now, pollMs) === "fresh").map((mirror) => mirror.resourceId);
  if (fresh.length === 0) return answers;
  const overlapping = { start: { lt: new Date(window.end) }, end: { gt: new Date(window.start) } };
  const counts = await db.mirrorEvent.groupBy({ by: ["resourceId"], where: { resourceId: { in: fresh }, ...overlapping }, _count: { _all: true } });
  const tooMany = new Set(counts.filter((count) => count._count._all > MAX_AVAILABILITY_EVENTS).map((count) => count.resourceId));
  for (const id of tooMany) answers.set(id, { error: new HubError("too_many_events", { limit: MAX_AVAILABILITY_EVENTS }) });
  const read = fresh.filter((id) => !tooMany.has(id));
  if (read.length === 0) return answers;
  const events = await db.mirrorEvent.findMany({
    where: { resourceId: { in: read }, ...overlapping },
    select: { resourceId: true, eventId: true, iCalUId: true, start: true, end: true, showAs: true },
  });
  const intervals = new Map(read.map((id) => [id, [] as Extract<Answer, { intervals: unknown }>["intervals"]]));
  for (const event of events) {
    intervals.get(event.resourceId)!.push({
      start: event.start.getTime(),
      end: event.end.getTime(),
      status: event.showAs,
      eventId: event.eventId,
      ...(event.iCalUId ? { iCalUId: event.iCalUId } : {}),
    });
  }
  for (const [id, list] of intervals) answers.set(id, { intervals: list });
  return answers;
}
