import { z } from "zod";
import { recurrenceSchema, SHOW_AS, type EventType, type Recurrence, type Response, type ShowAs } from "./calendars/model";
import { ONLINE_MEETING_PROVIDERS, type OnlineMeetingSettings } from "./calendars/online-meetings";

/** The control API's calendar request bodies (validated by control-calendars.ts) and responses. */

/** An ISO 8601 instant with an offset ("2026-11-30T09:00:00Z"), or Graph's { dateTime, timeZone }. */
const eventTime = z.union([z.string().min(1), z.strictObject({ dateTime: z.string(), timeZone: z.string() })]);

export const eventSeedSchema = z.strictObject({
  subject: z.string(),
  start: eventTime,
  end: eventTime,
  /** All-day events take the dates of start and end (midnight to midnight, end exclusive). */
  isAllDay: z.boolean().optional(),
  showAs: z.enum(SHOW_AS).optional(),
  /** A meeting the organizer cancelled: it stays in this (attendee's) calendar with isCancelled true. */
  isCancelled: z.boolean().optional(),
  /** Graph's patternedRecurrence: every pattern type (daily, weekly, absolute/relative monthly and yearly). */
  recurrence: recurrenceSchema.optional(),
  location: z.string().optional(),
  /** Attendee addresses; rooms become resource attendees. */
  attendees: z.array(z.string()).optional(),
  /** Plain-text body. */
  body: z.string().optional(),
  /** Default: the mailbox itself. Another address makes this mailbox an attendee (cancel is then refused). */
  organizer: z.string().optional(),
  sensitivity: z.enum(["normal", "personal", "private", "confidential"]).optional(),
  transactionId: z.string().optional(),
});
export type EventSeed = z.input<typeof eventSeedSchema>;

export const mailboxEventsSchema = z.union([
  z.array(eventSeedSchema).transform((events) => ({ calendar: undefined, events })),
  z.strictObject({ calendar: z.string().optional(), events: z.array(eventSeedSchema) }),
]);

/** A change the mailbox's owner makes in Outlook: a move (start/end), a new subject, a cancellation... */
export const eventChangesSchema = z.strictObject({
  subject: z.string().optional(),
  start: eventTime.optional(),
  end: eventTime.optional(),
  showAs: z.enum(SHOW_AS).optional(),
  location: z.string().optional(),
  isCancelled: z.boolean().optional(),
});
export type EventChanges = z.input<typeof eventChangesSchema>;

/** Which delta tokens to forget: one mailbox's (by address), or every one. */
export const expireDeltaTokensSchema = z.strictObject({ mailbox: z.string().optional() });
export type ExpireDeltaTokens = z.infer<typeof expireDeltaTokensSchema>;

export const newCalendarSchema = z.strictObject({ name: z.string().min(1), color: z.string().optional(), hexColor: z.string().optional() });
export type NewCalendar = z.infer<typeof newCalendarSchema>;

export const shareSchema = z.strictObject({
  /** The mailbox whose calendar is shared. */
  owner: z.string().min(1),
  /** Calendar name; default: the owner's default calendar. */
  calendar: z.string().optional(),
  /** The user who gets access. */
  with: z.string().min(1),
  canEdit: z.boolean(),
});
export type CalendarShareSpec = z.infer<typeof shareSchema>;

export const onlineMeetingProvidersSchema = z.strictObject({
  /** Calendar name; default: every calendar of the mailbox (a mailbox, or a tenant, without Teams). */
  calendar: z.string().optional(),
  allowedOnlineMeetingProviders: z.array(z.enum(ONLINE_MEETING_PROVIDERS).exclude(["unknown"])),
  /** Default: the first allowed provider, or "unknown" when none is. */
  defaultOnlineMeetingProvider: z.enum(ONLINE_MEETING_PROVIDERS).optional(),
});
export type OnlineMeetingProviders = z.infer<typeof onlineMeetingProvidersSchema>;

/** A stored event as tests compare it: UTC instants, the calendar by name, attendees by address. */
export interface MailboxEvent {
  id: string;
  calendarId: string;
  calendar: string;
  subject: string;
  /** UTC, e.g. "2026-11-30T09:00:00.000Z"; all-day events: midnight UTC of their dates. */
  start: string;
  end: string;
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: ShowAs;
  type: EventType;
  seriesMasterId: string | null;
  originalStart: string | null;
  recurrence: Recurrence | null;
  location: string;
  attendees: string[];
  /** Each attendee's answer as this calendar records it (the organizer's copy tracks them). */
  attendeeResponses: { address: string; type: string; response: Response }[];
  organizer: string;
  /** The mailbox's own answer: "organizer" on the organizer's copy; a room's copy: accepted, tentativelyAccepted, notResponded. */
  responseStatus: Response;
  /** Series masters: original starts (UTC) of the dates deleted or declined. */
  deletedOccurrences: string[];
  isOnlineMeeting: boolean;
  joinUrl: string | null;
  body: { contentType: "text" | "html"; content: string };
  sensitivity: string;
  transactionId: string | null;
  iCalUId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface ControlCalendar extends OnlineMeetingSettings {
  id: string;
  name: string;
  owner: string;
  isDefault: boolean;
  color: string;
  hexColor: string;
}

export interface ControlShare {
  owner: string;
  calendar: string;
  calendarId: string;
  with: string;
  canEdit: boolean;
}
