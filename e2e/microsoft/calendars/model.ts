import { z } from "zod";
import type { OnlineMeeting, OnlineMeetingSettings } from "./online-meetings";

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

/** Graph reads enum values case-insensitively ("Thursday", "EndDate" in Learn's own examples). */
function anyCase<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .transform((value) => values.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) ?? value)
    .pipe(z.enum(values));
}

export const PATTERN_TYPES = ["daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

/** weekIndex: which of the month's matching days a relative pattern falls on. */
export const WEEK_INDEXES = ["first", "second", "third", "fourth", "last"] as const;
export type WeekIndex = (typeof WEEK_INDEXES)[number];

/**
 * patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). "Even if a field is
 * ignored, it is still validated" (https://learn.microsoft.com/graph/outlook-schedule-recurring-events), so every
 * field is checked; Graph itself answers 0 for an unused month or dayOfMonth, which a client may send back.
 */
export const recurrenceSchema = z.object({
  pattern: z.object({
    type: anyCase(PATTERN_TYPES),
    interval: z.number().int().min(1).default(1),
    daysOfWeek: z.array(anyCase(DAYS_OF_WEEK)).nullish(),
    firstDayOfWeek: anyCase(DAYS_OF_WEEK).nullish(),
    month: z.number().int().min(0).max(12).nullish(),
    dayOfMonth: z.number().int().min(0).max(31).nullish(),
    index: anyCase(WEEK_INDEXES).nullish(),
  }),
  range: z.object({
    type: anyCase(["endDate", "noEnd", "numbered"]),
    startDate: isoDate.optional(),
    endDate: isoDate.nullish(),
    numberOfOccurrences: z.number().int().min(0).optional(),
    recurrenceTimeZone: z.string().nullish(),
  }),
});
export type RecurrenceInput = z.infer<typeof recurrenceSchema>;

export interface RecurrencePattern {
  type: PatternType;
  interval: number;
  /** weekly, relativeMonthly, relativeYearly; empty otherwise. */
  daysOfWeek: DayOfWeek[];
  firstDayOfWeek: DayOfWeek;
  /** absoluteMonthly, absoluteYearly (1-31); 0 otherwise. */
  dayOfMonth: number;
  /** absoluteYearly, relativeYearly (1-12); 0 otherwise. */
  month: number;
  index: WeekIndex;
}

export interface Recurrence {
  pattern: RecurrencePattern;
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

/** responseStatus.response (https://learn.microsoft.com/graph/api/resources/responsestatus). */
export const RESPONSES = ["none", "organizer", "tentativelyAccepted", "accepted", "declined", "notResponded"] as const;
export type Response = (typeof RESPONSES)[number];

export interface ResponseStatus {
  response: Response;
  /** When the answer came; null before any (Graph shows year 1). */
  time: Date | null;
}

export const NO_RESPONSE: ResponseStatus = { response: "none", time: null };

export interface Attendee {
  emailAddress: Person;
  type: "required" | "optional" | "resource";
  /** The attendee's answer as the organizer's copy tracks it. */
  status: ResponseStatus;
  /** Series masters: answers to single occurrences (a room declining one date), by original start (epoch ms). */
  occurrenceStatus?: Record<number, ResponseStatus>;
}

export interface StoredCalendar extends OnlineMeetingSettings {
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
  /** The calendar owner's own answer when it is an attendee (a room's copy of a meeting). */
  responseStatus: ResponseStatus;
  recurrence: Recurrence | null;
  /** Set once (online-meetings.ts): an online event stays online. */
  onlineMeeting: OnlineMeeting | null;
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
    responseStatus: NO_RESPONSE,
    recurrence: null,
    onlineMeeting: null,
    transactionId: null,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
  };
}
