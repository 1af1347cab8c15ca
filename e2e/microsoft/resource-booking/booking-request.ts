import { DateTime } from "luxon";
import { seriesICalUId } from "../calendars/ids";
import type { StoredCalendar, StoredEvent } from "../calendars/model";
import { occurrenceStarts } from "../calendars/recurrence";
import type { CalendarStore } from "../calendars/store";
import { resolveZone } from "../calendars/time-zones";
import type { User } from "../directory";
import type { BookingRequest, Instance } from "./booking-policy";
import type { CalendarProcessing } from "./calendar-processing";

/** What booking-policy.ts decides on: the dates a meeting asks a room for, the room's window and what makes it busy. */

const DAY_MS = 24 * 60 * 60 * 1000;
/** A room is taken by items that show as busy, tentative (requests awaiting a delegate included) or out of office. */
const BLOCKING = new Set(["busy", "tentative", "oof"]);

/** The end of the booking window (BookingWindowInDays; 0 is today): midnight after its last day, in the room's time zone. */
export function windowEnd(store: CalendarStore, room: User, settings: CalendarProcessing): Date {
  const zone = resolveZone(store.mailboxTimeZones.get(room.id) ?? "UTC")?.iana ?? "UTC";
  return DateTime.now().setZone(zone).startOf("day").plus({ days: settings.bookingWindowInDays + 1 }).toJSDate();
}

/** One date: a single meeting, or one occurrence the organizer changed on its own. */
export function singleRequest(meeting: StoredEvent, end: Date): BookingRequest {
  const instance = { originalStart: meeting.originalStart ?? meeting.start, start: meeting.start, end: meeting.end };
  return { series: false, instances: meeting.start < end ? [instance] : [], beyondWindow: meeting.start >= end, firstStart: meeting.start };
}

/** A series' occurrences up to the window's end (deleted ones left out; changed ones are asked for alone). */
export function seriesRequest(store: CalendarStore, master: StoredEvent, end: Date): BookingRequest {
  if (!master.recurrence) return singleRequest(master, end);
  const duration = master.end.getTime() - master.start.getTime();
  const changed = new Set(store.exceptionsOf(master.id).map((exception) => exception.originalStart?.getTime()));
  const starts = occurrenceStarts(master, new Date(0), end).filter((start) => !changed.has(start.getTime()));
  // A series without an end always reaches past the window; a finite one is looked at for ten more years.
  const later = master.recurrence.range.type === "noEnd" ? [end] : occurrenceStarts(master, end, new Date(end.getTime() + 3660 * DAY_MS));
  const instances: Instance[] = starts.map((start) => ({ originalStart: start, start, end: new Date(start.getTime() + duration) }));
  return { series: true, instances, beyondWindow: later.length > 0, firstStart: starts[0] ?? later[0] ?? null };
}

/** The room's blocking items over the request's dates, this meeting's own copy (any of its dates) left out. */
export function busyTimes(store: CalendarStore, roomCalendar: StoredCalendar, meeting: StoredEvent, request: BookingRequest): { start: Date; end: Date }[] {
  const first = request.instances[0];
  const last = request.instances.at(-1);
  if (!first || !last) return [];
  const own = seriesICalUId(meeting.iCalUId);
  return store
    .instances(roomCalendar.id, first.start, new Date(Math.max(last.end.getTime(), last.start.getTime() + 1)))
    .filter((item) => !item.isCancelled && BLOCKING.has(item.showAs) && seriesICalUId(item.iCalUId) !== own);
}
