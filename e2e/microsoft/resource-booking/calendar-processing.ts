import { z } from "zod";

/**
 * A room mailbox's calendar processing, the settings of Exchange's Set-CalendarProcessing
 * (https://learn.microsoft.com/powershell/module/exchange/set-calendarprocessing), with Exchange Online's defaults
 * for a room. processingDelayMs is the emulator's own: Exchange answers invitations asynchronously, after a delay
 * Microsoft does not document; the default 0 answers before the next request (never within the create's own answer).
 */

export const AUTOMATE_PROCESSING = ["AutoAccept", "AutoUpdate", "None"] as const;

export const calendarProcessingSchema = z.strictObject({
  /**
   * AutoAccept: the resource booking assistant accepts by policy (free = accept, busy = decline). AutoUpdate: requests
   * wait, tentative, for a delegate. None: nothing processes requests. Exchange Online's default for rooms since
   * November 2018 is AutoAccept.
   */
  automateProcessing: z.enum(AUTOMATE_PROCESSING),
  /** Single meetings may double-book; a series is accepted whatever its conflicts, its conflicting dates declined. */
  allowConflicts: z.boolean(),
  /** How far ahead the room can be booked: 0 (today) to 1080 days. */
  bookingWindowInDays: z.number().int().min(0).max(1080),
  /** Longest meeting (each occurrence of a series); 0 = no limit. */
  maximumDurationInMinutes: z.number().int().min(0),
  allowRecurringMeetings: z.boolean(),
  /** A series reaching past the booking window is declined (true) or accepted up to the window's end (false). */
  enforceSchedulingHorizon: z.boolean(),
  /** With allowConflicts false: the conflicts (percent of a series' dates, number of dates) a series may have. */
  conflictPercentageAllowed: z.number().int().min(0).max(100),
  maximumConflictInstances: z.number().int().min(0),
  /** AutoAccept only: the room's copy takes the organizer's name as subject, drops the subject, drops the body. */
  addOrganizerToSubject: z.boolean(),
  deleteSubject: z.boolean(),
  deleteComments: z.boolean(),
  /** The room's copy of a private meeting is not private. */
  removePrivateProperty: z.boolean(),
  /** Requests from organizers outside the room's tenant are processed (false: they get no answer). */
  processExternalMeetingMessages: z.boolean(),
  /** Requests waiting for a delegate show as tentative (true) or free in the room's calendar. */
  tentativePendingApproval: z.boolean(),
  /** The emulator's: how long the room takes to answer (default 0). */
  processingDelayMs: z.number().int().min(0).max(600_000),
});
export type CalendarProcessing = z.infer<typeof calendarProcessingSchema>;

export const calendarProcessingChangesSchema = calendarProcessingSchema.partial();
export type CalendarProcessingChanges = z.infer<typeof calendarProcessingChangesSchema>;

export const DEFAULT_CALENDAR_PROCESSING: CalendarProcessing = {
  automateProcessing: "AutoAccept",
  allowConflicts: false,
  bookingWindowInDays: 180,
  maximumDurationInMinutes: 1440,
  allowRecurringMeetings: true,
  enforceSchedulingHorizon: true,
  conflictPercentageAllowed: 0,
  maximumConflictInstances: 0,
  addOrganizerToSubject: true,
  deleteSubject: true,
  deleteComments: true,
  removePrivateProperty: true,
  processExternalMeetingMessages: false,
  tentativePendingApproval: true,
  processingDelayMs: 0,
};

/** What a room delegate may answer to a request (the answers Outlook offers an attendee). */
export const delegateAnswerSchema = z.strictObject({
  /** The meeting's iCalUId: the organizer's event and the room's copy share it. */
  iCalUId: z.string().min(1),
  response: z.enum(["accepted", "tentativelyAccepted", "declined"]),
});
export type DelegateAnswer = z.infer<typeof delegateAnswerSchema>;
