import { z } from "zod";

/**
 * The emulator's Exchange calendars: what it stores, shaped after Graph's calendar and event resources
 * (https://learn.microsoft.com/graph/api/resources/calendar, https://learn.microsoft.com/graph/api/resources/event).
 * Instants are stored in UTC with the time-zone labels they were written in.
 */

export const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
export type ShowAs = (typeof SHOW_AS)[number];

export type EventType = "singleInstance" | "occurrence" | "exception" | "seriesMaster";

export const DAYS_OF_WEEK = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected yyyy-MM-dd");

/**
 * patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). The emulator expands
 * daily and weekly patterns; Graph's other pattern fields (month, dayOfMonth, index) are accepted and ignored.
 */
export const recurrenceSchema = z.object({
  pattern: z.object({
    type: z.enum(["daily", "weekly"]),
    interval: z.number().int().min(1).default(1),
    daysOfWeek: z.array(z.enum(DAYS_OF_WEEK)).optional(),
    firstDayOfWeek: z.enum(DAYS_OF_WEEK).optional(),
    month: z.number().optional(),
    dayOfMonth: z.number().optional(),
    index: z.string().optional(),
  }),
  range: z.object({
    type: z.enum(["endDate", "noEnd", "numbered"]),
    startDate: isoDate.optional(),
    endDate: isoDate.nullish(),
    numberOfOccurrences: z.number().int().min(0).optional(),
    recurrenceTimeZone: z.string().nullish(),
  }),
});
export type RecurrenceInput = z.infer<typeof recurrenceSchema>;

export interface Recurrence {
  pattern: { type: "daily" | "weekly"; interval: number; daysOfWeek: DayOfWeek[]; firstDayOfWeek: DayOfWeek };
  range: {
    type: "endDate" | "noEnd" | "numbered";
    startDate: string;
    endDate: string | null;
    numberOfOccurrences: number;
    recurrenceTimeZone: string;
  };
}

export interface Person {
  address: string;
  name: string;
}

export interface Attendee {
  emailAddress: Person;
  type: "required" | "optional" | "resource";
}

export interface StoredCalendar {
  id: string;
  /** The mailbox (user id) the calendar belongs to. */
  ownerId: string;
  name: string;
  color: string;
  hexColor: string;
  isDefault: boolean;
  changeKey: string;
}

/** Delegated access to another mailbox's calendar (https://learn.microsoft.com/graph/outlook-share-or-delegate-calendar). */
export interface CalendarShare {
  calendarId: string;
  /** The user the calendar is shared with. */
  userId: string;
  canEdit: boolean;
}

/** What a create (Graph POST or control seed) supplies; everything else is derived. */
export interface EventFields {
  subject: string;
  body: { contentType: "text" | "html"; content: string };
  start: Date;
  end: Date;
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: ShowAs;
  sensitivity: "normal" | "personal" | "private" | "confidential";
  importance: "low" | "normal" | "high";
  categories: string[];
  location: string;
  attendees: Attendee[];
  organizer: Person;
  recurrence: Recurrence | null;
  transactionId: string | null;
  reminderMinutesBeforeStart: number;
  isReminderOn: boolean;
}

export interface StoredEvent extends EventFields {
  id: string;
  calendarId: string;
  /** The mailbox (user id) whose calendar holds the event. */
  mailboxId: string;
  iCalUId: string;
  type: EventType;
  seriesMasterId: string | null;
  /** Occurrences and exceptions: the start the series gave them. */
  originalStart: Date | null;
  /** Series masters: original starts (epoch ms) of deleted occurrences. */
  deletedOccurrences: number[];
  createdDateTime: Date;
  lastModifiedDateTime: Date;
  changeKey: string;
}

/** A new event's fields before the client's values are applied: what Graph fills in when a property is left out. */
export function defaultEventFields(organizer: Person, span: { start: Date; end: Date; startTimeZone: string; endTimeZone: string }): EventFields {
  return {
    subject: "",
    body: { contentType: "html", content: "" },
    ...span,
    isAllDay: false,
    isCancelled: false,
    showAs: "busy",
    sensitivity: "normal",
    importance: "normal",
    categories: [],
    location: "",
    attendees: [],
    organizer,
    recurrence: null,
    transactionId: null,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
  };
}
