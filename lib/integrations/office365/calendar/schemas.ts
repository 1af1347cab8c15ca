import type { DateTime } from "luxon";
import { z } from "zod";
import { isTimeZone, parseInstant } from "../../../time";

/**
 * Input of the calendar server actions: one schema per action, used by the actions, the booking page and the site's
 * own code. Times are ISO 8601: local to `timeZone` ("2026-11-30T09:00") or with an offset ("…Z", "…+01:00").
 */
export const MAX_RANGE_DAYS = 62;
export const MAX_CALENDARS = 100;

export const timeZoneSchema = z
  .string({ error: "Enter a time zone, like Europe/London" })
  .trim()
  .refine(isTimeZone, "Time zone must be an IANA time zone name, like Europe/London");

export const mailboxSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Mailbox must be an email address, like room.chamber@example.gov.uk" }));

/** Ids of connected accounts and application-access mailboxes: the hub's own (cuids). */
const accountId = z
  .string({ error: "Choose an account or mailbox" })
  .trim()
  .min(1, "Choose an account or mailbox")
  .regex(/^[a-z0-9]{20,40}$/, "That is not the id of a connected account or mailbox: use listAccounts() to see the ids");

/**
 * Ids Microsoft issues (calendars, events): base64 or base64url text, such as "AAMkAGI2TG93AAA=". Anything else is
 * refused here, before it reaches a Graph URL: "." and ".." survive encodeURIComponent and would move the path up a
 * level (/me/calendars/../events is /me/events).
 */
export const graphIdSchema = (what: string) =>
  z
    .string({ error: `Choose ${what}` })
    .trim()
    .min(1, `Choose ${what}`)
    .max(512, `That is not the id of ${what}`)
    .regex(/^[A-Za-z0-9+/=_-]+$/, `That is not the id of ${what}: Microsoft's ids are letters, digits and + / = - _ only`);
const calendarId = graphIdSchema("a calendar");

export const sourceSchema = z.object({ accountId, mailbox: mailboxSchema.optional() });

export const rangeFields = {
  start: z.string({ error: "Enter a start time" }).trim().min(1, "Enter a start time"),
  end: z.string({ error: "Enter an end time" }).trim().min(1, "Enter an end time"),
  timeZone: timeZoneSchema,
};

/**
 * start/end (in timeZone) → instants, with the rules every action shares: end after start, and not too long.
 * `shorterThan`: the range must be strictly shorter than maxDays (getSchedule refuses 62 days or more).
 */
export function parseRange<T extends { start: string; end: string; timeZone: string }>(maxDays: number, { shorterThan = false } = {}) {
  return (input: T, context: z.RefinementCtx): Omit<T, "start" | "end"> & { start: DateTime; end: DateTime } => {
    const start = parseInstant(input.start, input.timeZone);
    const end = parseInstant(input.end, input.timeZone);
    if (!start.ok) context.addIssue({ code: "custom", path: ["start"], message: `Start ${start.message}` });
    if (!end.ok) context.addIssue({ code: "custom", path: ["end"], message: `End ${end.message}` });
    if (!start.ok || !end.ok) return z.NEVER;
    if (end.instant <= start.instant) {
      context.addIssue({ code: "custom", path: ["end"], message: "End must be after start" });
      return z.NEVER;
    }
    const days = end.instant.diff(start.instant, "days").days;
    if (shorterThan ? days >= maxDays : days > maxDays) {
      const message =
        maxDays === 1 ? "A booking must be a day or shorter" : shorterThan ? `The range must be shorter than ${maxDays} days` : `The range must be ${maxDays} days or shorter`;
      context.addIssue({ code: "custom", path: ["end"], message });
      return z.NEVER;
    }
    return { ...input, start: start.instant, end: end.instant };
  };
}

export const listCalendarsSchema = sourceSchema;

export const listEventsSchema = z
  .object({ accountId, mailbox: mailboxSchema.optional(), calendarId, ...rangeFields })
  .transform(parseRange(MAX_RANGE_DAYS));

/** The booking page's week of one calendar: at most a fortnight, in slots of 5 minutes to a day. */
export const calendarWeekSchema = z
  .object({
    accountId,
    mailbox: mailboxSchema.optional(),
    calendarId,
    ...rangeFields,
    slotMinutes: z.coerce.number().int().min(5).max(1440).default(30),
  })
  .transform(parseRange(14));

/**
 * The most calendar-slots one availability answer holds (distinct calendars × slots): the work and the answer's size
 * are bounded by what is asked, not only the input's length. 100,000 is about a megabyte of answer; it allows 100
 * rooms over a week, or 20 over a month, in half hours.
 */
export const MAX_CALENDAR_SLOTS = 100_000;

const calendarRef = z.object({ accountId, mailbox: mailboxSchema.optional(), calendarId: calendarId.optional() });

export const availabilitySchema = z
  .object({
    ...rangeFields,
    calendars: z
      .array(calendarRef, { error: "Choose at least one calendar" })
      .min(1, "Choose at least one calendar")
      .max(MAX_CALENDARS, `Ask for at most ${MAX_CALENDARS} calendars at once`),
    slotMinutes: z.coerce
      .number({ error: "Slot length must be a number of minutes" })
      .int("Slot length must be whole minutes")
      .min(5, "Slots must be at least 5 minutes")
      .max(1440, "Slots must be at most 1440 minutes (a day)")
      .default(30),
  })
  // Microsoft's getSchedule needs a window shorter than 62 days.
  .transform(parseRange(MAX_RANGE_DAYS, { shorterThan: true }));

/**
 * Why an availability request is too big, or null: checked once its calendars are known to be distinct (the same
 * calendar written two ways counts once), before anything is read.
 */
export function calendarSlotsProblem(calendars: number, slots: number): string | null {
  if (calendars * slots <= MAX_CALENDAR_SLOTS) return null;
  return `That asks for ${(calendars * slots).toLocaleString("en-GB")} calendar-slots (${calendars} calendar${calendars === 1 ? "" : "s"} × ${slots.toLocaleString("en-GB")} slots); the hub answers at most ${MAX_CALENDAR_SLOTS.toLocaleString("en-GB")} at once. Ask for fewer calendars, a shorter range or longer slots.`;
}

const attendee = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Each attendee must be an email address, like name@example.gov.uk" }));

export const bookingDetails = {
  subject: z.string({ error: "Enter a subject" }).trim().min(1, "Enter a subject").max(255, "Subject must be 255 characters or fewer"),
  attendees: z.array(attendee).max(50, "Invite at most 50 attendees").optional(),
  location: z.string().trim().max(255, "Location must be 255 characters or fewer").optional(),
  body: z.string().max(10_000, "Description must be 10,000 characters or fewer").optional(),
};

/** A booking lasts at most a day. */
export const MAX_BOOKING_DAYS = 1;

export const createBookingSchema = z
  .object({ accountId, mailbox: mailboxSchema.optional(), calendarId, ...bookingDetails, ...rangeFields })
  .transform(parseRange(MAX_BOOKING_DAYS));

export const bookingIdSchema = z.object({
  bookingId: z.string({ error: "Choose a booking" }).trim().min(1, "Choose a booking").regex(/^[a-z0-9]{20,40}$/, "That is not the id of a booking"),
});

/** What to cancel: one booking (a date of a repeating one on its own), or what is left of the whole series it is a date of. */
export const cancelScopeSchema = z.enum(["booking", "series"], { error: "Choose whether to cancel only this date or the rest of the series" });
export const cancelBookingSchema = bookingIdSchema.extend({ scope: cancelScopeSchema.default("booking") });

/** Changing a booking: any of its details; a new time needs start, end and timeZone together. */
export const updateBookingSchema = z
  .object({
    bookingId: bookingIdSchema.shape.bookingId,
    ...bookingDetails,
    subject: bookingDetails.subject.optional(),
    start: rangeFields.start.optional(),
    end: rangeFields.end.optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .transform((input, context) => {
    const { start, end, timeZone, ...details } = input;
    if (start === undefined && end === undefined) return { ...details, time: undefined };
    if (start === undefined || end === undefined || timeZone === undefined) {
      context.addIssue({ code: "custom", path: [start === undefined ? "start" : end === undefined ? "end" : "timeZone"], message: "A new time needs start, end and timeZone" });
      return z.NEVER;
    }
    const range = parseRange<{ start: string; end: string; timeZone: string }>(MAX_BOOKING_DAYS)({ start, end, timeZone }, context);
    return { ...details, time: range };
  });

export type ListEventsInput = z.infer<typeof listEventsSchema>;
export type AvailabilityInput = z.infer<typeof availabilitySchema>;
export type CreateBookingInput = z.infer<typeof createBookingSchema>;
export type UpdateBookingInput = z.infer<typeof updateBookingSchema>;
