import "server-only";
import { environment } from "../config";
import { db } from "../db";
import type { Interval } from "../integrations/office365/calendar/availability";
import { staleness } from "./freshness";

/**
 * Busy time from the mirror, for the resources whose mirror is fresh over the window (freshness.ts); the others are
 * left out, and the caller reads them live. Two queries however many resources: their mirrors, then their events.
 */
export async function mirroredIntervals(resourceIds: string[], window: { start: number; end: number }, now = Date.now()): Promise<Map<string, Interval[]>> {
  const answers = new Map<string, Interval[]>();
  if (resourceIds.length === 0) return answers;
  const mirrors = await db.calendarMirror.findMany({ where: { resourceId: { in: resourceIds } } });
  const pollMs = environment().syncIntervalSeconds * 1000;
  const fresh = mirrors.filter((mirror) => staleness(mirror, window, now, pollMs) === "fresh").map((mirror) => mirror.resourceId);
  if (fresh.length === 0) return answers;
  const events = await db.mirrorEvent.findMany({
    where: { resourceId: { in: fresh }, start: { lt: new Date(window.end) }, end: { gt: new Date(window.start) } },
    select: { resourceId: true, eventId: true, iCalUId: true, start: true, end: true, showAs: true },
  });
  for (const id of fresh) answers.set(id, []);
  for (const event of events) {
    answers.get(event.resourceId)!.push({
      start: event.start.getTime(),
      end: event.end.getTime(),
      status: event.showAs,
      eventId: event.eventId,
      ...(event.iCalUId ? { iCalUId: event.iCalUId } : {}),
    });
  }
  return answers;
}
