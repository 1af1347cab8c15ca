import "server-only";
import type { DateTime } from "luxon";
import { db } from "../db";
import { HubError } from "../errors";
import type { BookingResult } from "../integrations/office365/calendar/booking-writes";
import { createBooking, mayChange, updateBooking, type BookingActor } from "../integrations/office365/calendar/bookings";
import type { UpdateBookingInput } from "../integrations/office365/calendar/schemas";
import { readSiteRules, resourceOccupancy, ruleContext } from "./availability";
import { bookableResource, findResource, sourceOfResource, type Resource } from "./resources";
import { bookingRefusal } from "./rules";

/**
 * Booking a resource: its rules and Outlook are checked just before anything is written (Outlook read afresh, never
 * from a read shared with other callers), and a refusal names the rule. The write itself is the calendar's booking
 * (booking-writes.ts): recorded first, sent with a transactionId, recovered safely — with the resource's buffers and
 * places guarding it.
 */
export type ResourceBookingInput = {
  resourceId: string;
  subject: string;
  start: DateTime;
  end: DateTime;
  timeZone: string;
  attendees?: string[];
  location?: string;
  body?: string;
};

/** Refuses [start, end) for a resource unless its rules allow it and Outlook (read now) has it free. */
async function checkTime(resource: Resource, start: DateTime, end: DateTime, ignore: { eventId?: string; bookingId?: string } = {}): Promise<void> {
  const [site, occupancy] = await Promise.all([readSiteRules(), resourceOccupancy([resource], { start, end }, { fresh: true, ignore })]);
  const answer = occupancy.get(resource.id);
  const busy = answer && answer.busy !== null ? answer.busy : null;
  const refusal = bookingRefusal(ruleContext(resource, site), start.toMillis(), end.toMillis(), busy, resource.name);
  if (refusal?.code === "availability_unknown" && answer?.busy === null) throw new HubError("availability_unknown", { detail: answer.error.message });
  if (refusal) throw refusal;
}

export async function bookResource(actor: BookingActor, input: ResourceBookingInput): Promise<BookingResult> {
  const resource = await bookableResource(actor, input.resourceId);
  await checkTime(resource, input.start, input.end);
  const source = await sourceOfResource(resource);
  return createBooking(
    actor,
    {
      accountId: (source.accountId ?? source.mailboxId)!,
      mailbox: source.mailbox,
      calendarId: resource.calendar.calendarId,
      subject: input.subject,
      start: input.start,
      end: input.end,
      timeZone: input.timeZone,
      attendees: input.attendees,
      location: input.location ?? (resource.kind === "room" ? resource.name : undefined),
      body: input.body,
    },
    { resourceId: resource.id, occupancy: resource.rules, checked: true },
  );
}

/**
 * Changes a booking. A new time for a resource's booking keeps the resource's rules (its own event and record do not
 * count against it); a booking whose resource was removed is checked as a plain calendar.
 */
export async function changeBooking(actor: BookingActor, input: UpdateBookingInput): Promise<BookingResult> {
  const booking = await db.booking.findUnique({ where: { id: input.bookingId } });
  // Whose it is comes first: nothing about another person's booking is checked or revealed.
  if (booking && !mayChange(actor, booking)) throw new HubError("not_your_booking", undefined, { field: "bookingId" });
  const resource = booking?.resourceId ? await findResource(booking.resourceId) : null;
  if (!booking || !resource || !input.time) return updateBooking(actor, input);
  await checkTime(resource, input.time.start, input.time.end, { eventId: booking.eventId ?? undefined, bookingId: booking.id });
  return updateBooking(actor, input, { checked: true, occupancy: resource.rules });
}
