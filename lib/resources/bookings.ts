import "server-only";
import { DateTime } from "luxon";
import { db } from "../db";
import { HubError, type RepeatConflict } from "../errors";
import type { BookingResult } from "../integrations/office365/calendar/booking-writes";
import { createBooking, mayChange, updateBooking, type BookingActor, type BookingPolicy } from "../integrations/office365/calendar/bookings";
import { refreshRoomResponses } from "../integrations/office365/calendar/room-responses";
import type { CreateBookingInput, UpdateBookingInput } from "../integrations/office365/calendar/schemas";
import { cancelSeries, createSeries, type SeriesResult } from "../integrations/office365/calendar/series-writes";
import { readSiteRules, resourceOccupancy, ruleContext, type SiteRules } from "./availability";
import { organiserSource, teamsOffered } from "./booking-mode";
import { frequencyWords, occurrencesOf, patternedRecurrence, spansOf, type Occurrence, type Repeat } from "./repeat";
import { bookableResource, findResource, sourceOfResource, type Resource } from "./resources";
import { bookingRefusal } from "./rules";
import type { ResourceBookingRequest } from "./schemas";

/**
 * Booking a resource: its rules and Outlook are checked just before anything is written (Outlook read afresh, never
 * from a read shared with other callers), and a refusal names the rule. The write itself is the calendar's booking
 * (booking-writes.ts) or, repeating, its series (series-writes.ts): recorded first, sent with a transactionId,
 * recovered safely — with the resource's buffers and places guarding it. A room booked by invitation answers for
 * itself; its answer is read back at once (it may not have come yet).
 */
export type ResourceBookingInput = Omit<ResourceBookingRequest, "location"> & { location?: string };

/** What createBooking answers: the (first) booking, and for a repeating one its series. */
export type ResourceBookingResult = BookingResult & {
  series?: { seriesId: string; repeat: string; dates: number; skippedDates: string[]; bookingIds: string[] };
};

/** Refuses [start, end) for a resource unless its rules allow it and Outlook (read now) has it free. */
async function checkTime(resource: Resource, start: DateTime, end: DateTime, ignore: { eventId?: string; iCalUId?: string; bookingId?: string } = {}): Promise<void> {
  const [site, occupancy] = await Promise.all([readSiteRules(), resourceOccupancy([resource], { start, end }, { fresh: true, ignore })]);
  const answer = occupancy.get(resource.id);
  const busy = answer && answer.busy !== null ? answer.busy : null;
  const refusal = bookingRefusal(ruleContext(resource, site), start.toMillis(), end.toMillis(), busy, resource.name);
  if (refusal?.code === "availability_unknown" && answer?.busy === null) throw new HubError("availability_unknown", { detail: answer.error.message });
  if (refusal) throw refusal;
}

/** A refusal of one date, in a few words for a list of dates. */
function conflictReason(refusal: HubError): { status: string; reason: string } {
  switch (refusal.code) {
    case "slot_taken":
      return { status: "busy", reason: "already booked" };
    case "rule_full":
      return { status: "full", reason: "every place is taken" };
    case "rule_buffer":
      return { status: "busy", reason: "too close to another booking" };
    case "rule_closed":
      return { status: "closed", reason: (refusal.params as { closed: string }).closed.replace(/^Closed: /, "closed: ") };
    case "rule_outside_hours":
      return { status: "closed", reason: "outside opening hours" };
    case "rule_too_soon":
      return { status: "too_soon", reason: "too soon to book" };
    case "rule_too_far":
      return { status: "too_far", reason: "too far ahead to book" };
    case "in_the_past":
      return { status: "past", reason: "in the past" };
    default:
      return { status: "unknown", reason: "Microsoft did not say whether it is free" };
  }
}

/**
 * Each date of a repeat against the rules and Outlook, read in spans Microsoft answers at once (not date by date):
 * null when the date can be booked, otherwise its conflict.
 */
async function checkDates(resource: Resource, dates: Occurrence[], site: SiteRules): Promise<Map<string, RepeatConflict | null>> {
  const context = ruleContext(resource, site);
  const result = new Map<string, RepeatConflict | null>();
  await Promise.all(
    spansOf(dates).map(async (span) => {
      const occupancy = (await resourceOccupancy([resource], { start: span[0]!.start, end: span.at(-1)!.end }, { fresh: true })).get(resource.id);
      const busy = occupancy && occupancy.busy !== null ? occupancy.busy : null;
      for (const date of span) {
        const refusal = bookingRefusal(context, date.start.toMillis(), date.end.toMillis(), busy, resource.name);
        // The same for every date (the length of the booking): the request itself is refused, not a date.
        if (refusal?.code === "rule_too_long") throw refusal;
        result.set(
          date.date,
          refusal
            ? {
                date: date.date,
                day: date.start.toFormat("cccc d MMMM yyyy"),
                start: date.start.toISO()!,
                end: date.end.toISO()!,
                ...conflictReason(refusal),
              }
            : null,
        );
      }
    }),
  );
  return result;
}

/** The calendar input and write policy of a booking of this resource, by this person. */
async function bookingOf(actor: BookingActor, resource: Resource, input: ResourceBookingInput): Promise<{ calendar: CreateBookingInput; policy: BookingPolicy }> {
  if (input.teams && !(await teamsOffered(resource, actor))) throw new HubError("teams_not_available", { label: resource.name }, { field: "teams" });
  const source = await sourceOfResource(resource);
  const invitation = resource.booking.mode === "invitation" ? { room: resource.calendar.address, organiser: await organiserSource(resource, actor) } : undefined;
  return {
    calendar: {
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
    policy: { resourceId: resource.id, occupancy: resource.rules, checked: true, invitation, teams: input.teams ?? false },
  };
}

/** The booking as it is now (after the room's answer was read back, for an invitation). */
async function withRoomAnswer(result: BookingResult, bookingIds: string[]): Promise<BookingResult> {
  if (result.roomResponse === null || result.status !== "confirmed") return result;
  const rows = await db.booking.findMany({ where: { id: { in: bookingIds } } });
  await refreshRoomResponses(rows, { force: true, maxRequests: 1 });
  const row = await db.booking.findUnique({ where: { id: result.bookingId }, select: { roomResponse: true } });
  return { ...result, roomResponse: row?.roomResponse ?? result.roomResponse };
}

export async function bookResource(actor: BookingActor, input: ResourceBookingInput): Promise<ResourceBookingResult> {
  const resource = await bookableResource(actor, input.resourceId);
  if (input.repeat) return bookRepeating(actor, resource, input, input.repeat);
  await checkTime(resource, input.start, input.end);
  const { calendar, policy } = await bookingOf(actor, resource, input);
  const result = await createBooking(actor, calendar, policy);
  return withRoomAnswer(result, [result.bookingId]);
}

/**
 * A repeating booking: every date is checked before anything is written. Dates that are not free refuse the request
 * (repeat_conflicts, listing them) unless the caller has said to skip them (`skipDates`, from that list); the free
 * dates are then booked as one series.
 */
async function bookRepeating(actor: BookingActor, resource: Resource, input: ResourceBookingInput, repeat: Repeat): Promise<ResourceBookingResult> {
  const dates = occurrencesOf(input.start, input.end, input.timeZone, repeat);
  const checked = await checkDates(resource, dates, await readSiteRules());
  const conflicts = dates.flatMap((date) => {
    const conflict = checked.get(date.date);
    return conflict ? [conflict] : [];
  });
  const skip = new Set(input.skipDates ?? []);
  if (conflicts.some((conflict) => !skip.has(conflict.date))) {
    throw new HubError("repeat_conflicts", { label: resource.name, count: conflicts.length, total: dates.length, dates: conflicts }, { field: "repeat" });
  }
  const booked = dates.filter((date) => !checked.get(date.date) && !skip.has(date.date));
  if (booked.length === 0) throw new HubError("repeat_none_free", { label: resource.name, total: dates.length }, { field: "repeat" });
  const { calendar, policy } = await bookingOf(actor, resource, input);
  const skippedDates = dates.filter((date) => !booked.includes(date)).map((date) => date.date);
  const series: SeriesResult = await createSeries(
    actor,
    calendar,
    {
      first: { start: dates[0]!.start, end: dates[0]!.end },
      dates: booked,
      skippedDates,
      frequency: repeat.frequency,
      recurrence: patternedRecurrence(input.start, input.timeZone, repeat),
    },
    policy,
  );
  const bookingIds = series.bookings.map((booking) => booking.bookingId);
  const first = await withRoomAnswer(series.bookings[0]!, bookingIds);
  const last = booked.at(-1)!;
  return {
    ...first,
    webLink: series.webLink ?? first.webLink,
    series: {
      seriesId: series.seriesId,
      repeat: `${frequencyWords(repeat.frequency, input.start.setZone(input.timeZone))}, ${booked.length} dates to ${last.start.toFormat("cccc d MMMM yyyy")}`,
      dates: booked.length,
      skippedDates: series.skippedDates,
      bookingIds,
    },
  };
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
  await checkTime(resource, input.time.start, input.time.end, { eventId: booking.eventId ?? undefined, iCalUId: booking.iCalUId ?? undefined, bookingId: booking.id });
  const result = await updateBooking(actor, input, { checked: true, occupancy: resource.rules });
  return withRoomAnswer(result, [result.bookingId]);
}

/** Cancels what is left of the repeating booking a booking is a date of (staff: their own). */
export async function cancelWholeSeries(actor: BookingActor, bookingId: string): Promise<SeriesResult> {
  const booking = await db.booking.findUnique({ where: { id: bookingId }, select: { seriesId: true, createdById: true } });
  if (booking && !mayChange(actor, booking)) throw new HubError("not_your_booking", undefined, { field: "bookingId" });
  if (!booking) throw new HubError("unknown_booking", {}, { field: "bookingId" });
  if (!booking.seriesId) throw new HubError("not_a_series", undefined, { field: "scope" });
  return cancelSeries(actor, booking.seriesId);
}
