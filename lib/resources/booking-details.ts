import "server-only";
import { DateTime } from "luxon";
import { db } from "../db";
import type { BookingView } from "../integrations/office365/calendar/booking-list";
import { mayChange, type BookingActor } from "../integrations/office365/calendar/bookings";
import type { BookingStatus } from "../integrations/office365/calendar/booking-status";
import { bookingIdSchema } from "../integrations/office365/calendar/schemas";
import { isoIn } from "../time";
import { frequencyWords, type RepeatFrequency } from "./repeat";
import { findResource, summariseResource, type ResourceSummary } from "./resources";

/**
 * One booking as its Cancel and Change time pages show it: when, what, its resource (with the rules its new time
 * must keep) and, for a date of a repeating booking, the dates of its series still to come.
 */
export type BookingDetails = Pick<BookingView, "id" | "status" | "subject" | "start" | "end" | "timeZone" | "calendar"> & {
  /** The resource it was booked as, with its rules; null once the resource is removed (or for a raw calendar's). */
  resource: ResourceSummary | null;
  /** Booked as an invitation: the room answers for itself (and again after a change of time). */
  invitation: boolean;
  /** A date of a repeating booking: how it repeats, and its dates not yet ended (this one among them), first to last. */
  series: { id: string; repeat: string; dates: { id: string; start: string }[] } | null;
};

/** The statuses whose booking can still be changed or cancelled here (a cancellation under way is left to finish). */
const CHANGEABLE: BookingStatus[] = ["pending", "confirmed", "updating"];

/**
 * The booking, if the viewer may change it (staff: their own, administrators: anyone's), it has not ended and it can
 * still be changed; otherwise null. Someone else's booking is answered exactly as one that does not exist, so its
 * pages reveal nothing about it, not even that it exists.
 */
export async function bookingDetails(viewer: BookingActor, bookingId: string, timeZone: string): Promise<BookingDetails | null> {
  if (!bookingIdSchema.shape.bookingId.safeParse(bookingId).success) return null;
  const row = await db.booking.findUnique({ where: { id: bookingId }, include: { series: { select: { frequency: true, firstStart: true } } } });
  if (!row || !mayChange(viewer, row)) return null;
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
