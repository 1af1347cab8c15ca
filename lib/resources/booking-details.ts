import "server-only";
import { DateTime } from "luxon";
import { db } from "../db";
import { mayChange, type BookingActor } from "../integrations/office365/calendar/bookings";
import type { BookingStatus } from "../integrations/office365/calendar/booking-status";
import { isoIn } from "../time";
import { frequencyWords, type RepeatFrequency } from "./repeat";
import { findResource, summariseResource, type ResourceSummary } from "./resources";

/**
 * One booking as its Cancel and Change time pages show it: when, what, its resource (with the rules its new time
 * must keep) and, for a date of a repeating booking, the dates of its series still to come.
 */
export type BookingDetails = {
  id: string;
  status: BookingStatus;
  subject: string;
  /** ISO instants in `timeZone` (the site's). */
  start: string;
  end: string;
  timeZone: string;
  /** The resource it was booked as; null once the resource is removed (or for a booking made on a raw calendar). */
  resource: ResourceSummary | null;
  /** The resource's name, or the mailbox whose calendar holds it. */
  calendar: string;
  /** Booked as an invitation: the room answers for itself (and again after a change of time). */
  invitation: boolean;
  /** A date of a repeating booking: how it repeats, and its dates not yet ended (this one among them), first to last. */
  series: { id: string; repeat: string; dates: { id: string; start: string }[] } | null;
};

/** The statuses whose booking can still be changed or cancelled here (a cancellation under way is left to finish). */
const CHANGEABLE: BookingStatus[] = ["pending", "confirmed", "updating"];

/**
 * The booking, if it has not ended and can still be changed — or null; "not_yours" for someone else's (staff change
 * only their own, administrators anyone's), refused before anything about it is read further.
 */
export async function bookingDetails(viewer: BookingActor, bookingId: string, timeZone: string): Promise<BookingDetails | "not_yours" | null> {
  if (!/^[a-z0-9]{10,40}$/.test(bookingId)) return null;
  const row = await db.booking.findUnique({ where: { id: bookingId }, include: { series: { select: { frequency: true, firstStart: true } } } });
  if (!row) return null;
  if (!mayChange(viewer, row)) return "not_yours";
  if (!CHANGEABLE.includes(row.status as BookingStatus) || row.end <= new Date()) return null;
  const [resource, dates] = await Promise.all([
    row.resourceId ? findResource(row.resourceId) : null,
    row.seriesId
      ? db.booking.findMany({
          where: { seriesId: row.seriesId, status: { in: CHANGEABLE }, end: { gt: new Date() } },
          orderBy: { start: "asc" },
          select: { id: true, start: true },
        })
      : [],
  ]);
  const inZone = (date: Date) => isoIn(DateTime.fromJSDate(date), timeZone);
  return {
    id: row.id,
    status: row.status as BookingStatus,
    subject: row.subject,
    start: inZone(row.start),
    end: inZone(row.end),
    timeZone,
    resource: resource ? summariseResource(resource) : null,
    calendar: resource?.name ?? row.invitedRoom ?? row.mailbox ?? row.calendarOwner,
    invitation: row.invitedRoom !== null,
    series:
      row.seriesId && row.series
        ? {
            id: row.seriesId,
            repeat: frequencyWords(row.series.frequency as RepeatFrequency, DateTime.fromJSDate(row.series.firstStart).setZone(timeZone)),
            dates: dates.map((date) => ({ id: date.id, start: inZone(date.start) })),
          }
        : null,
  };
}
