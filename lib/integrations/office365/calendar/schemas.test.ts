import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../../validation";
import { availabilitySchema, createBookingSchema, listEventsSchema, updateBookingSchema } from "./schemas";

const range = { start: "2026-11-30T09:00", end: "2026-11-30T10:00", timeZone: "Europe/London" };
const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : (fieldErrors(result.error as Parameters<typeof fieldErrors>[0]) as Record<string, string>);

describe("calendar action input", () => {
  it("turns local times into instants in the given zone", () => {
    const parsed = listEventsSchema.parse({ accountId: "acc", calendarId: "cal", ...range });
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
    const errors = errorsOf(listEventsSchema.safeParse({ accountId: "acc", calendarId: "cal", ...input }));
    expect(errors[field]).toContain(message);
  });

  it("allows events over exactly 62 days but free/busy only for less, as Microsoft's getSchedule requires", () => {
    const sixtyTwoDays = { ...range, end: "2027-01-31T09:00" };
    expect(listEventsSchema.safeParse({ accountId: "acc", calendarId: "cal", ...sixtyTwoDays }).success).toBe(true);
    expect(errorsOf(availabilitySchema.safeParse({ calendars: [{ accountId: "acc" }], ...sixtyTwoDays })).end).toBe("The range must be shorter than 62 days");
    expect(availabilitySchema.safeParse({ calendars: [{ accountId: "acc" }], ...sixtyTwoDays, end: "2027-01-30T09:00" }).success).toBe(true);
  });

  it("refuses a malformed mailbox and too many calendars", () => {
    expect(errorsOf(listEventsSchema.safeParse({ accountId: "acc", calendarId: "cal", mailbox: "not-an-address", ...range })).mailbox).toContain(
      "Mailbox must be an email address",
    );
    const calendars = Array.from({ length: 101 }, () => ({ accountId: "acc" }));
    expect(errorsOf(availabilitySchema.safeParse({ calendars, ...range })).calendars).toContain("at most 100 calendars");
    expect(errorsOf(availabilitySchema.safeParse({ calendars: [], ...range })).calendars).toContain("at least one calendar");
  });

  it("checks bookings' details", () => {
    const errors = errorsOf(
      createBookingSchema.safeParse({ accountId: "acc", calendarId: "cal", subject: " ", attendees: ["someone"], ...range, end: "2026-12-02T10:00" }),
    );
    expect(errors.subject).toBe("Enter a subject");
    expect(errors.attendees).toContain("Each attendee must be an email address");
    expect(errorsOf(createBookingSchema.safeParse({ accountId: "acc", calendarId: "cal", subject: "Meeting", ...range, end: "2026-12-02T10:00" })).end).toContain(
      "a day or shorter",
    );
  });

  it("moves a booking only with start, end and time zone together", () => {
    expect(updateBookingSchema.parse({ bookingId: "b", subject: "New" })).toMatchObject({ subject: "New", time: undefined });
    expect(errorsOf(updateBookingSchema.safeParse({ bookingId: "b", start: "2026-11-30T09:00" })).end).toContain("A new time needs");
    const moved = updateBookingSchema.parse({ bookingId: "b", ...range });
    expect(moved.time?.end.toUTC().toISO()).toBe("2026-11-30T10:00:00.000Z");
  });
});
