import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../../validation";
import { availabilitySchema, calendarSlotsProblem, createBookingSchema, listEventsSchema, updateBookingSchema } from "./schemas";

const range = { start: "2026-11-30T09:00", end: "2026-11-30T10:00", timeZone: "Europe/London" };
// Ids as they are issued: the hub's own (cuids) and Microsoft's (base64).
const ACCOUNT = "cmfq3x7a10000abcd1234efgh";
const CALENDAR = "AAMkAGI2TG93AAA=";
const BOOKING = "cmfq3x7a10001abcd1234efgh";
const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : (fieldErrors(result.error as Parameters<typeof fieldErrors>[0]) as Record<string, string>);

describe("calendar action input", () => {
  it("turns local times into instants in the given zone", () => {
    const parsed = listEventsSchema.parse({ accountId: ACCOUNT, calendarId: CALENDAR, ...range });
    expect(parsed.start.toUTC().toISO()).toBe("2026-11-30T09:00:00.000Z");
    expect(parsed.timeZone).toBe("Europe/London");
  });

  it.each([
    [{ ...range, end: "2026-11-30T08:00" }, "end", "End must be after start"],
    [{ ...range, end: "2027-02-01T09:00" }, "end", "62 days or shorter"],
    [{ ...range, timeZone: "Mars/Olympus" }, "timeZone", "IANA time zone"],
    [{ ...range, start: "tomorrow" }, "start", "Start must be a date and time"],
    [{ ...range, start: "2026-03-29T01:30", end: "2026-03-29T02:30" }, "start", "does not exist in Europe/London"],
  ])("names the field for %j", (input, field, message) => {
    const errors = errorsOf(listEventsSchema.safeParse({ accountId: ACCOUNT, calendarId: CALENDAR, ...input }));
    expect(errors[field]).toContain(message);
  });

  it("allows events over exactly 62 days but free/busy only for less, as Microsoft's getSchedule requires", () => {
    const sixtyTwoDays = { ...range, end: "2027-01-31T09:00" };
    expect(listEventsSchema.safeParse({ accountId: ACCOUNT, calendarId: CALENDAR, ...sixtyTwoDays }).success).toBe(true);
    expect(errorsOf(availabilitySchema.safeParse({ calendars: [{ accountId: ACCOUNT }], ...sixtyTwoDays })).end).toBe("The range must be shorter than 62 days");
    expect(availabilitySchema.safeParse({ calendars: [{ accountId: ACCOUNT }], ...sixtyTwoDays, end: "2027-01-30T09:00" }).success).toBe(true);
  });

  it("refuses a malformed mailbox and too many calendars", () => {
    expect(errorsOf(listEventsSchema.safeParse({ accountId: ACCOUNT, calendarId: CALENDAR, mailbox: "not-an-address", ...range })).mailbox).toContain(
      "Mailbox must be an email address",
    );
    const calendars = Array.from({ length: 101 }, () => ({ accountId: ACCOUNT }));
    expect(errorsOf(availabilitySchema.safeParse({ calendars, ...range })).calendars).toContain("at most 100 calendars");
    expect(errorsOf(availabilitySchema.safeParse({ calendars: [], ...range })).calendars).toContain("at least one calendar");
  });

  it("checks bookings' details", () => {
    const errors = errorsOf(
      createBookingSchema.safeParse({ accountId: ACCOUNT, calendarId: CALENDAR, subject: " ", attendees: ["someone"], ...range, end: "2026-12-02T10:00" }),
    );
    expect(errors.subject).toBe("Enter a subject");
    expect(errors.attendees).toContain("Each attendee must be an email address");
    expect(errorsOf(createBookingSchema.safeParse({ accountId: ACCOUNT, calendarId: CALENDAR, subject: "Meeting", ...range, end: "2026-12-02T10:00" })).end).toContain(
      "a day or shorter",
    );
  });

  it("moves a booking only with start, end and time zone together", () => {
    expect(updateBookingSchema.parse({ bookingId: BOOKING, subject: "New" })).toMatchObject({ subject: "New", time: undefined });
    expect(errorsOf(updateBookingSchema.safeParse({ bookingId: BOOKING, start: "2026-11-30T09:00" })).end).toContain("A new time needs");
    const moved = updateBookingSchema.parse({ bookingId: BOOKING, ...range });
    expect(moved.time?.end.toUTC().toISO()).toBe("2026-11-30T10:00:00.000Z");
  });

  it.each(["..", ".", "../events", "AAMk/../x", "a b", "<script>"])("refuses %j as a calendar id before it reaches a Graph URL", (calendarId) => {
    const errors = errorsOf(listEventsSchema.safeParse({ accountId: ACCOUNT, calendarId, ...range }));
    expect(errors.calendarId).toContain("That is not the id of a calendar");
    expect(errorsOf(createBookingSchema.safeParse({ accountId: ACCOUNT, calendarId, subject: "x", ...range })).calendarId).toBeDefined();
  });

  it("accepts Microsoft's ids, base64 and base64url alike", () => {
    for (const calendarId of ["AAMkAGI2TG93AAA=", "AQMkADAwATM0MDAAMS1hNjIAMC0wMAItMDAKAEYAAAPt+/nK+H7kS5Y2Aa8=", "AAMkAGCal-_x"]) {
      expect(listEventsSchema.safeParse({ accountId: ACCOUNT, calendarId, ...range }).success).toBe(true);
    }
  });

  it("words the calendar-slot cap with the numbers and the limit", () => {
    expect(calendarSlotsProblem(1, 17_568)).toBeNull();
    // 100 rooms over a week in half hours is allowed; over two months in five minutes six calendars are too many.
    expect(calendarSlotsProblem(100, 336)).toBeNull();
    expect(calendarSlotsProblem(6, 17_568)).toContain("105,408 calendar-slots (6 calendars × 17,568 slots); the hub answers at most 100,000 at once");
  });
});
