import "server-only";
import { db } from "../db";
import { log } from "../log";
import { requestRounds } from "./scheduler";

/**
 * The hub's own bookings update the mirror at once, without waiting for Microsoft's notification: a booking
 * confirmed (or moved) directly in a resource's calendar is written with its event id, one cancelled or failed is
 * taken out; and it counts as a change told, so availability is read live until a round that began after it has run
 * (within a second or so), which brings Outlook's own view. (Availability also counts every booking
 * that holds time as busy wherever the mirror does not show it at that time: occupancy.ts.)
 */
type OwnBooking = {
  resourceId: string | null;
  status: string;
  eventId: string | null;
  iCalUId: string | null;
  invitedRoom: string | null;
  start: Date;
  end: Date;
};

export async function mirrorOwnBooking(booking: OwnBooking): Promise<void> {
  const { resourceId } = booking;
  if (!resourceId) return;
  try {
    if (booking.eventId && !booking.invitedRoom && (booking.status === "cancelled" || booking.status === "failed")) {
      // Written directly: its event is the one in the copy. (An invitation's room copy goes when Exchange removes it.)
      await db.mirrorEvent.deleteMany({ where: { resourceId, eventId: booking.eventId } });
    } else if (booking.status === "confirmed" && booking.eventId && !booking.invitedRoom) {
      // An invitation's event is the organiser's; the room's own copy (another id) comes with the next round.
      const mirror = await db.calendarMirror.findUnique({ where: { resourceId }, select: { resourceId: true } });
      if (mirror) {
        const row = { iCalUId: booking.iCalUId, start: booking.start, end: booking.end, showAs: "busy", ours: true };
        await db.mirrorEvent.upsert({ where: { resourceId_eventId: { resourceId, eventId: booking.eventId } }, create: { resourceId, eventId: booking.eventId, ...row }, update: row });
      }
    }
    // Counted as a change: until a round that began after it has run, availability is read live (a round that began
    // before it could otherwise put the event back as it was).
    await requestRounds([resourceId], { changed: true });
  } catch (error) {
    // The mirror is a copy: the next round puts it right; the booking itself is saved.
    log.warn("mirror.own_write_failed", { resourceId, error });
  }
}

/** A repeating booking created or cancelled: its dates' events are taken out when cancelled, and a round asked for. */
export async function mirrorOwnSeries(seriesId: string): Promise<void> {
  const dates = await db.booking.findMany({ where: { seriesId }, select: { resourceId: true, status: true, eventId: true, iCalUId: true, invitedRoom: true, start: true, end: true } });
  for (const date of dates) if (date.status === "cancelled" || date.status === "failed") await mirrorOwnBooking(date);
  const resources = [...new Set(dates.flatMap((date) => (date.resourceId ? [date.resourceId] : [])))];
  await requestRounds(resources, { changed: true }).catch((error: unknown) => log.warn("mirror.own_write_failed", { error }));
}
