"use server";

/**
 * Calendar server actions, for the hub's booking page and for the site's own pages. Each one checks the caller's
 * session and role itself, draws on the caller's budget when it reaches Microsoft, validates its input with its one
 * schema, and returns { ok: true, data } or { ok: false, error }. See README.md, "Using calendars from your own pages".
 *
 * Staff book resources (curated by administrators, with their rules); the raw accounts, mailboxes and calendars behind
 * them are for administrators only.
 */
import { z } from "zod";
import { runAction, spendMicrosoftBudget } from "@/lib/actions";
import type { Result } from "@/lib/errors";
import { getAvailability as calendarAvailability, type Availability } from "@/lib/integrations/office365/calendar/availability";
import { listUpcomingBookings, type BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import { cancelBooking as cancel, type BookingResult } from "@/lib/integrations/office365/calendar/bookings";
import { listCalendars as calendars, type CalendarInfo } from "@/lib/integrations/office365/calendar/calendars";
import { listCalendarOwners, type CalendarOwner } from "@/lib/integrations/office365/calendar/directory";
import { listEvents as events, type CalendarEvent } from "@/lib/integrations/office365/calendar/events";
import {
  availabilitySchema,
  cancelBookingSchema,
  listCalendarsSchema,
  listEventsSchema,
  timeZoneSchema,
  updateBookingSchema,
} from "@/lib/integrations/office365/calendar/schemas";
import { resourcesAvailability, type ResourcesAvailability } from "@/lib/resources/availability";
import type { SeriesResult } from "@/lib/integrations/office365/calendar/series-writes";
import { bookResource, cancelWholeSeries, changeBooking, type ResourceBookingResult } from "@/lib/resources/bookings";
import { findFreeResources as findFree, type FreeResources } from "@/lib/resources/find";
import { listResources as resources, summariseResource, type ResourceSummary } from "@/lib/resources/resources";
import { findFreeResourcesSchema, resourceAvailabilitySchema, resourceBookingSchema, resourceFiltersSchema, resourceIdSchema } from "@/lib/resources/schemas";

const MICROSOFT = { cost: "microsoft" } as const;
/** Lists read rooms' answers again only when there are some to read: only then do they draw on the caller's budget. */
const roomAnswersFor = (user: { id: string }) => ({ beforeReading: () => spendMicrosoftBudget(user) });

// --- Staff and administrators: resources -----------------------------------------------------------------------

/** The resources the caller may book (staff: not those for administrators only), with the filters given. */
export async function listResources(input?: z.input<typeof resourceFiltersSchema>): Promise<Result<ResourceSummary[]>> {
  return runAction("staff", resourceFiltersSchema, input, async (data, user) => (await resources(user, data)).map(summariseResource));
}

/** Each resource's slots over the range under its rules: free, or why not (busy, full, closed, too soon, …). */
export async function getAvailability(input: z.input<typeof resourceAvailabilitySchema>): Promise<Result<ResourcesAvailability>> {
  return runAction("staff", resourceAvailabilitySchema, input, (data, user) => resourcesAvailability(user, data), MICROSOFT);
}

/** The resources free for the whole interval, best capacity fit first; those whose availability is unknown apart. */
export async function findFreeResources(input: z.input<typeof findFreeResourcesSchema>): Promise<Result<FreeResources>> {
  return runAction("staff", findFreeResourcesSchema, input, (data, user) => findFree(user, data), MICROSOFT);
}

/**
 * Books a resource, once or repeating (`repeat`; dates that are not free are refused as `repeat_conflicts`, listed,
 * unless passed back in `skipDates`), optionally as a Teams meeting. Room invitations answer with the room's response.
 */
export async function createBooking(input: z.input<typeof resourceBookingSchema>): Promise<Result<ResourceBookingResult>> {
  return runAction("staff", resourceBookingSchema, input, (data, user) => bookResource(user, data), MICROSOFT);
}

/** Changes a booking (staff: their own): its details, or its time, which must keep the resource's rules. */
export async function updateBooking(input: z.input<typeof updateBookingSchema>): Promise<Result<BookingResult>> {
  return runAction("staff", updateBookingSchema, input, (data, user) => changeBooking(user, data), MICROSOFT);
}

/** Cancels a booking (staff: their own), or with scope "series" what is left of the repeating booking it is a date of. */
export async function cancelBooking(input: z.input<typeof cancelBookingSchema>): Promise<Result<BookingResult | SeriesResult>> {
  return runAction(
    "staff",
    cancelBookingSchema,
    input,
    (data, user): Promise<BookingResult | SeriesResult> => (data.scope === "series" ? cancelWholeSeries(user, data.bookingId) : cancel(user, data.bookingId)),
    MICROSOFT,
  );
}

/**
 * The caller's own upcoming bookings, including any still waiting for Microsoft to confirm a write, with their
 * repeat, Teams link and (invitations) the room's answer, read again from Microsoft when it is not recent.
 */
export async function listMyBookings(input: { timeZone: string; refreshRoomAnswers?: boolean }): Promise<Result<BookingView[]>> {
  const schema = z.object({ timeZone: timeZoneSchema, refreshRoomAnswers: z.boolean({ error: "refreshRoomAnswers must be true or false" }).optional() });
  return runAction("staff", schema, input, (data, user) =>
    listUpcomingBookings(data.timeZone, user, { mine: true, roomAnswers: data.refreshRoomAnswers === false ? undefined : roomAnswersFor(user) }),
  );
}

// --- Administrators: the accounts, mailboxes and calendars behind resources --------------------------------------

/** Everyone's upcoming bookings (administrators), optionally of one resource. */
export async function listBookings(input: { timeZone: string; resourceId?: string }): Promise<Result<BookingView[]>> {
  return runAction("admin", z.object({ timeZone: timeZoneSchema, resourceId: resourceIdSchema.optional() }), input, (data, user) =>
    listUpcomingBookings(data.timeZone, user, { resourceId: data.resourceId, roomAnswers: roomAnswersFor(user) }),
  );
}

export async function listAccounts(): Promise<Result<CalendarOwner[]>> {
  return runAction("admin", z.undefined(), undefined, () => listCalendarOwners());
}

export async function listCalendars(input: z.input<typeof listCalendarsSchema>): Promise<Result<CalendarInfo[]>> {
  return runAction("admin", listCalendarsSchema, input, (data) => calendars(data), MICROSOFT);
}

export async function listEvents(input: z.input<typeof listEventsSchema>): Promise<Result<CalendarEvent[]>> {
  return runAction("admin", listEventsSchema, input, (data) => events(data), MICROSOFT);
}

/** Free/busy of raw calendars (accounts, shared mailboxes, application-access mailboxes), without resources' rules. */
export async function getCalendarAvailability(input: z.input<typeof availabilitySchema>): Promise<Result<Availability>> {
  return runAction("admin", availabilitySchema, input, (data) => calendarAvailability(data), MICROSOFT);
}
