"use server";

/**
 * Calendar server actions, for the hub's booking page and for the site's own pages. Each one checks the caller's
 * session and role itself (staff or admin), validates its input with the schema in
 * lib/integrations/office365/calendar/schemas.ts, and returns { ok: true, data } or { ok: false, error }.
 * See README.md, "Using calendars from your own pages".
 */
import { z } from "zod";
import { runAction } from "@/lib/actions";
import type { Result } from "@/lib/errors";
import { getAvailability as availability, type Availability } from "@/lib/integrations/office365/calendar/availability";
import { listUpcomingBookings, type BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import {
  cancelBooking as cancel,
  createBooking as create,
  updateBooking as update,
  type BookingResult,
} from "@/lib/integrations/office365/calendar/bookings";
import { listCalendars as calendars, type CalendarInfo } from "@/lib/integrations/office365/calendar/calendars";
import { listCalendarOwners, type CalendarOwner } from "@/lib/integrations/office365/calendar/directory";
import { listEvents as events, type CalendarEvent } from "@/lib/integrations/office365/calendar/events";
import { readCalendarWeek, type CalendarWeek } from "@/lib/integrations/office365/calendar/week-view";
import {
  availabilitySchema,
  bookingIdSchema,
  calendarWeekSchema,
  createBookingSchema,
  listCalendarsSchema,
  listEventsSchema,
  timeZoneSchema,
  updateBookingSchema,
} from "@/lib/integrations/office365/calendar/schemas";

export async function listAccounts(): Promise<Result<CalendarOwner[]>> {
  return runAction("staff", z.undefined(), undefined, () => listCalendarOwners());
}

const MICROSOFT = { cost: "microsoft" } as const;

export async function listCalendars(input: z.input<typeof listCalendarsSchema>): Promise<Result<CalendarInfo[]>> {
  return runAction("staff", listCalendarsSchema, input, (data) => calendars(data), MICROSOFT);
}

export async function listEvents(input: z.input<typeof listEventsSchema>): Promise<Result<CalendarEvent[]>> {
  return runAction("staff", listEventsSchema, input, (data) => events(data), MICROSOFT);
}

/** One calendar's week as the booking page shows it: its name and rights, free and busy slots, and its events. */
export async function getCalendarWeek(input: z.input<typeof calendarWeekSchema>): Promise<Result<CalendarWeek>> {
  return runAction("staff", calendarWeekSchema, input, (data) => readCalendarWeek(data), MICROSOFT);
}

export async function getAvailability(input: z.input<typeof availabilitySchema>): Promise<Result<Availability>> {
  return runAction("staff", availabilitySchema, input, (data) => availability(data), MICROSOFT);
}

export async function createBooking(input: z.input<typeof createBookingSchema>): Promise<Result<BookingResult>> {
  return runAction("staff", createBookingSchema, input, (data, user) => create(user, data), MICROSOFT);
}

export async function updateBooking(input: z.input<typeof updateBookingSchema>): Promise<Result<BookingResult>> {
  return runAction("staff", updateBookingSchema, input, (data, user) => update(user, data), MICROSOFT);
}

export async function cancelBooking(input: z.input<typeof bookingIdSchema>): Promise<Result<BookingResult>> {
  return runAction("staff", bookingIdSchema, input, (data, user) => cancel(user, data.bookingId), MICROSOFT);
}

/**
 * Upcoming bookings made through the hub, including any still waiting for Microsoft to confirm a write; each says
 * whether it is the caller's and whether the caller may change it (staff: their own; administrators: any).
 */
export async function listBookings(input: { timeZone: string }): Promise<Result<BookingView[]>> {
  return runAction("staff", z.object({ timeZone: timeZoneSchema }), input, (data, user) => listUpcomingBookings(data.timeZone, user));
}
