import { z } from "zod";
import type { BookingMode, ResourceKind, Role } from "../db/enums";
import {
  bookingDetails,
  graphIdSchema,
  mailboxSchema,
  MAX_BOOKING_DAYS,
  MAX_RANGE_DAYS,
  parseRange,
  rangeFields,
} from "../integrations/office365/calendar/schemas";
import { MAX_OCCURRENCES, repeatSchema } from "./repeat";

/**
 * Input about resources, one schema each, shared by the admin pages' forms, the service and the server actions.
 * Forms send strings (an unticked box sends nothing); the site's code may send values: both parse the same.
 */
export const RESOURCE_KINDS = { room: "Room", equipment: "Equipment", calendar: "Calendar" } as const satisfies Record<ResourceKind, string>;
export type { BookingMode, ResourceKind };
export const RESOURCE_KIND_IDS = Object.keys(RESOURCE_KINDS) as [ResourceKind, ...ResourceKind[]];

/**
 * How bookings reach a room: written straight into its calendar (the hub's rules decide), or as an invitation from
 * an organiser's calendar with the room as a resource attendee, so that Exchange's own room policy (auto-accept,
 * delegates) decides and the room's answer is shown.
 */
export const BOOKING_MODES = {
  direct: "Directly in the room's calendar",
  invitation: "As an invitation the room answers",
} as const satisfies Record<BookingMode, string>;

/** The least role that may book a resource (staff: everyone). */
export const WHO_CAN_BOOK = { staff: "All staff", admin: "Administrators only" } as const satisfies Record<Role, string>;
export type WhoCanBook = Role;

/** The hub's own ids (cuids). */
export const hubIdSchema = (what: string) =>
  z.string({ error: `Choose ${what}` }).trim().regex(/^[a-z0-9]{20,40}$/, `That is not the id of ${what}`);

export const resourceIdSchema = hubIdSchema("a resource");

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);

const tickBox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const resourceDetailsSchema = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name, like Council Chamber").max(100, "Name must be 100 characters or fewer"),
  kind: z.enum(RESOURCE_KIND_IDS, { error: "Choose what it is: a room, equipment or a calendar" }),
  description: optionalText("Description", 1000),
  capacity: z
    // One message for every wrong value: a union of coerce.number with "" answered "Invalid input" for "none".
    .union([z.string(), z.number(), z.null(), z.undefined()], { error: "Capacity must be a number of people" })
    .transform((value, context) => {
      const text = typeof value === "string" ? value.trim() : value;
      if (text === "" || text === undefined || text === null) return null;
      const number = typeof text === "number" ? text : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(number)) {
        context.addIssue({ code: "custom", message: "Capacity must be a number of people" });
        return z.NEVER;
      }
      if (!Number.isInteger(number) || number < 1 || number > 10_000) {
        context.addIssue({ code: "custom", message: "Capacity must be a whole number of people from 1 to 10,000" });
        return z.NEVER;
      }
      return number;
    }),
  building: optionalText("Building", 100),
  floor: optionalText("Floor", 50),
  wheelchairAccessible: tickBox,
  equipmentNotes: optionalText("Equipment", 500),
  whoCanBook: z.enum(["staff", "admin"], { error: "Choose who can book it" }),
  showOnBookingPage: tickBox,
});
export type ResourceDetails = z.output<typeof resourceDetailsSchema>;

/**
 * The calendar behind a resource, as the admin picked it from lists the hub read from Microsoft: an application-access
 * mailbox (its default calendar), a connected account's own calendar, or a calendar shared with a connected account.
 */
export const calendarChoiceSchema = z.discriminatedUnion(
  "how",
  [
    z.object({ how: z.literal("application"), mailboxId: hubIdSchema("a mailbox with application access") }),
    z.object({ how: z.literal("account"), accountId: hubIdSchema("a connected account"), calendarId: graphIdSchema("a calendar") }),
    z.object({
      how: z.literal("shared"),
      accountId: hubIdSchema("a connected account"),
      sharedMailbox: mailboxSchema,
      calendarId: graphIdSchema("a calendar"),
    }),
  ],
  { error: "Choose how the hub reaches its calendar" },
);
export type CalendarChoice = z.output<typeof calendarChoiceSchema>;

/** The three ways the hub reaches a resource's calendar, as the admin pages name them. */
export const CALENDAR_HOWS = {
  application: {
    label: "A room or shared mailbox with application access",
    hint: "Its default calendar, read and written with the app registration's application permissions: no one signs in as it. Best for meeting rooms.",
    short: "Application access",
  },
  account: {
    label: "A connected account's own calendar",
    hint: "One of the calendars of an account connected on the Office 365 page.",
    short: "Account's own calendar",
  },
  shared: {
    label: "A calendar shared with a connected account",
    hint: "A calendar of another mailbox (a room, a team) that its owner shared with a connected account in Outlook.",
    short: "Shared with an account",
  },
} as const satisfies Record<CalendarChoice["how"], { label: string; hint: string; short: string }>;
export const CALENDAR_HOW_IDS = Object.keys(CALENDAR_HOWS) as CalendarChoice["how"][];

/** A date the admin closes a resource on, entered as GOV.UK's date input (day, month, year), with a reason. */
export const closedDateFormSchema = z
  .object({
    closedDay: z.string().trim().optional(),
    closedMonth: z.string().trim().optional(),
    closedYear: z.string().trim().optional(),
    closedReason: z.string().trim().max(100, "Reason must be 100 characters or fewer").optional(),
  })
  .transform((form, context) => {
    const [day, month, year] = [form.closedDay, form.closedMonth, form.closedYear].map((part) => (part && /^\d+$/.test(part) ? Number(part) : NaN));
    const missing = [!form.closedDay && "day", !form.closedMonth && "month", !form.closedYear && "year"].filter(Boolean);
    if (missing.length === 3) {
      context.addIssue({ code: "custom", path: ["closedDay"], message: "Enter the date it is closed" });
    } else if (missing.length > 0) {
      context.addIssue({ code: "custom", path: [`closed${String(missing[0]).replace(/^./, (c) => c.toUpperCase())}`], message: `Date must include a ${missing.join(" and ")}` });
    } else {
      const date = new Date(Date.UTC(year!, month! - 1, day!));
      const valid = Number.isFinite(date.getTime()) && date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
      if (!valid || year! < 2000 || year! > 2100) context.addIssue({ code: "custom", path: ["closedDay"], message: "Date must be a real date, like 24 12 2027" });
    }
    if (!form.closedReason) context.addIssue({ code: "custom", path: ["closedReason"], message: "Enter why it is closed, like Building closed for repairs" });
    if (context.issues.length > 0) return z.NEVER;
    return { date: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, reason: form.closedReason! };
  });

/** Filters of listResources and Find a room. */
export const resourceFiltersSchema = z
  .object({
    kind: z.enum(RESOURCE_KIND_IDS, { error: "Kind must be room, equipment or calendar" }).optional(),
    building: z.string().trim().max(100).optional(),
    minCapacity: z.coerce.number().int("Number of people must be a whole number").min(1, "Number of people must be 1 or more").max(10_000).optional(),
    wheelchairAccessible: z.boolean().optional(),
  })
  .default({});
export type ResourceFilters = z.output<typeof resourceFiltersSchema>;

/**
 * getAvailability: resources by id over a range shorter than 62 days, answered in `timeZone`; `ignoreBookingId`: a
 * booking of the caller's (being moved) whose own time counts as free.
 */
export const resourceAvailabilitySchema = z
  .object({
    resources: z.array(resourceIdSchema, { error: "Choose at least one resource" }).min(1, "Choose at least one resource").max(100, "Ask for at most 100 resources at once"),
    ...rangeFields,
    ignoreBookingId: hubIdSchema("a booking").optional(),
  })
  .transform(parseRange(MAX_RANGE_DAYS, { shorterThan: true }));

/** findFreeResources: the resources free for the whole of [start, end), with Find a room's filters. */
export const findFreeResourcesSchema = z
  .object({
    ...rangeFields,
    kind: z.enum(RESOURCE_KIND_IDS, { error: "Kind must be room, equipment or calendar" }).optional(),
    building: z.string().trim().max(100).optional(),
    minCapacity: z.coerce.number().int("Number of people must be a whole number").min(1, "Number of people must be 1 or more").max(10_000).optional(),
    wheelchairAccessible: z.boolean().optional(),
  })
  .transform(parseRange(MAX_BOOKING_DAYS));

const localDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Each date to skip must be a date, like 2027-01-12");

/**
 * createBooking: a resource, the time (at most a day) and what Outlook's event says; optionally how it repeats (and
 * the dates the caller agrees to leave out, as listed by an earlier answer's `conflicts`), and a Teams meeting.
 */
export const resourceBookingSchema = z
  .object({
    resourceId: resourceIdSchema,
    ...bookingDetails,
    ...rangeFields,
    repeat: repeatSchema.optional(),
    skipDates: z.array(localDate).max(MAX_OCCURRENCES, `Skip at most ${MAX_OCCURRENCES} dates`).optional(),
    teams: z.boolean({ error: "teams must be true or false" }).optional(),
  })
  .transform(parseRange(MAX_BOOKING_DAYS));
export type ResourceBookingRequest = z.output<typeof resourceBookingSchema>;

/** Who sends a room's invitations: the person booking, or a chosen connected account or application mailbox. */
export const BOOKER = "booker";

/** A resource's booking mode (Utilities › Resources): directly, or as an invitation from an organiser. */
export const bookingModeSchema = z
  .object({
    bookingMode: z.enum(Object.keys(BOOKING_MODES) as [BookingMode, ...BookingMode[]], { error: "Choose how bookings are made" }),
    organiser: z.string().trim().optional(),
  })
  .superRefine((input, context) => {
    if (input.bookingMode !== "invitation") return;
    if (!input.organiser) context.addIssue({ code: "custom", path: ["organiser"], message: "Choose who sends the invitations" });
    else if (input.organiser !== BOOKER && !/^[a-z0-9]{20,40}$/.test(input.organiser)) {
      context.addIssue({ code: "custom", path: ["organiser"], message: "That is not a connected account or mailbox the hub knows" });
    }
  })
  .transform((input) => ({
    mode: input.bookingMode,
    organiserId: input.bookingMode === "invitation" && input.organiser !== BOOKER ? input.organiser! : null,
  }));
export type BookingModeChoice = z.output<typeof bookingModeSchema>;
