import "server-only";
import type { DateTime } from "luxon";
import { db } from "../../../db";
import { HubError } from "../../../errors";
import type { BusyTime } from "../../../resources/rules";
import { mirroredIntervals } from "../../../mirror/read";
import { blocksTime, readBusyTimes, type Answer, type DistinctCalendar, type Interval } from "./availability";
import { HOLDS_TIME } from "./booking-status";
import type { CalendarSource } from "./sources";

/**
 * What takes calendars' time over a window, as booking rules need it: Outlook's events that block, each marked `ours`
 * when it is the event of a booking made through the hub, and the hub's own bookings Outlook does not show yet (a
 * create still pending). Unknown (null) when Outlook could not be read: nothing is offered or booked on a guess.
 *
 * `viaSchedule`: read the mailbox's default calendar with getSchedule (20 mailboxes a request) instead of calendarView;
 * it gives no event ids, so every event counts as not ours — right for one place per slot, where all events block.
 */
export type OccupancyRequest = {
  key: string;
  source: CalendarSource;
  calendarId: string;
  viaSchedule: boolean;
  /** The resource whose calendar this is: answered from its mirror while that is fresh (lib/mirror/), unless `fresh`. */
  resourceId?: string;
};
export type Occupancy = { busy: BusyTime[] } | { busy: null; error: HubError };

export async function readOccupancies(
  requests: OccupancyRequest[],
  window: { start: DateTime; end: DateTime; fresh?: boolean },
  ignore: { eventId?: string; iCalUId?: string; bookingId?: string; seriesId?: string } = {},
): Promise<Map<string, Occupancy>> {
  // The hub's own bookings there, asked at once (beside the mirror's read, then Microsoft's).
  const bookingsRead = db.booking.findMany({
    where: {
      AND: [HOLDS_TIME, { OR: requests.map((request) => ({ calendarOwner: request.source.address.toLowerCase(), calendarId: request.calendarId })) }],
      start: { lt: window.end.toJSDate() },
      end: { gt: window.start.toJSDate() },
    },
    select: { id: true, eventId: true, iCalUId: true, seriesId: true, start: true, end: true, calendarOwner: true, calendarId: true },
  });
  // (Awaited below; should the mirror's read fail first, this one's failure is not left unhandled.)
  bookingsRead.catch(() => undefined);
  // The mirror first: what it answers is not asked of Microsoft. A booking's own check (fresh) always reads live.
  const mirrored = window.fresh
    ? new Map<string, Answer>()
    : await mirroredIntervals(
        requests.flatMap((request) => (request.resourceId ? [request.resourceId] : [])),
        { start: window.start.toMillis(), end: window.end.toMillis() },
      );
  const calendars = new Map<string, DistinctCalendar>();
  for (const request of requests) {
    if (request.resourceId && mirrored.has(request.resourceId)) continue;
    calendars.set(request.key, {
      ref: { accountId: (request.source.accountId ?? request.source.mailboxId)!, mailbox: request.source.mailbox, calendarId: request.viaSchedule ? undefined : request.calendarId },
      source: request.source,
      requested: [],
    });
  }
  const [answers, hubBookings] = await Promise.all([readBusyTimes([...calendars.values()], window), bookingsRead]);

  const result = new Map<string, Occupancy>();
  for (const request of requests) {
    const fromMirror = request.resourceId ? mirrored.get(request.resourceId) : undefined;
    const answer: Answer | undefined = fromMirror ?? answers.get(calendars.get(request.key)!);
    if (!answer || "error" in answer) {
      result.set(request.key, { busy: null, error: answer && "error" in answer ? answer.error : new HubError("no_answer") });
      continue;
    }
    const owner = request.source.address.toLowerCase();
    const ours = hubBookings.filter(
      (booking) =>
        booking.calendarOwner === owner && booking.calendarId === request.calendarId && booking.id !== ignore.bookingId && (ignore.seriesId === undefined || booking.seriesId !== ignore.seriesId),
    );
    // A booking's event in this calendar: its own (written directly), or the room's copy of an invitation (same iCalUId).
    const ourEvents = new Set(ours.flatMap((booking) => [booking.eventId, booking.iCalUId].filter((id): id is string => id !== null)));
    const isOurs = (interval: Interval) => (interval.eventId !== undefined && ourEvents.has(interval.eventId)) || (interval.iCalUId !== undefined && ourEvents.has(interval.iCalUId));
    const ignored = (interval: Interval) =>
      (ignore.eventId !== undefined && interval.eventId === ignore.eventId) || (ignore.iCalUId !== undefined && interval.iCalUId === ignore.iCalUId);
    const seen = new Set<string>();
    const busy: BusyTime[] = [];
    for (const interval of answer.intervals) {
      if (!blocksTime(interval.status) || ignored(interval)) continue;
      // (Which events are the hub's bookings matters only when the hub has bookings in this calendar then.)
      if (ours.length > 0) for (const id of [interval.eventId, interval.iCalUId]) if (id) seen.add(`${id}|${interval.start}|${interval.end}`);
      busy.push({ start: interval.start, end: interval.end, ours: ours.length > 0 && isOurs(interval) });
    }
    // Bookings Outlook does not show (yet), or shows at another time (a change the copy read has not caught up with:
    // both times then block): with getSchedule none can be matched, so with one place they simply block.
    for (const booking of ours) {
      const at = `|${booking.start.getTime()}|${booking.end.getTime()}`;
      if ((booking.eventId && seen.has(booking.eventId + at)) || (booking.iCalUId && seen.has(booking.iCalUId + at))) continue;
      // (Only when getSchedule answered: the copy of the calendar has event ids, and a booking it does not show blocks.)
      if (request.viaSchedule && !fromMirror && booking.eventId) continue;
      busy.push({ start: booking.start.getTime(), end: booking.end.getTime(), ours: true });
    }
    result.set(request.key, { busy });
  }
  return result;
}
