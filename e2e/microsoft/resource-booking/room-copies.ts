import { NO_RESPONSE, type EventFields, type ResponseStatus, type ShowAs, type StoredCalendar, type StoredEvent } from "../calendars/model";
import type { CalendarStore } from "../calendars/store";
import type { CalendarProcessing } from "./calendar-processing";

/**
 * A room's copy of a meeting it was invited to: what the Calendar Attendant writes into the room's calendar
 * (https://learn.microsoft.com/graph/api/user-post-events: "If the server accepts a meeting for the resource, it
 * creates an event for the meeting in the resource's calendar"). Its own id, the organizer's iCalUId and organizer,
 * the same times, recurrence, location, attendees and online meeting; never the organizer's transactionId (an id
 * the organizer's client chose for its own mailbox) nor categories (the organizer's own labels). On an AutoAccept
 * room (only there: Set-CalendarProcessing) AddOrganizerToSubject puts the organizer's name in the subject,
 * DeleteSubject drops the organizer's subject and DeleteComments the body; RemovePrivateProperty clears "private".
 */

export interface CopyState {
  showAs: ShowAs;
  /** The room's own answer: accepted, tentativelyAccepted, or notResponded while a delegate has not acted. */
  responseStatus: ResponseStatus;
}

/** Exchange joins the organizer's name and the kept subject: "Alice Admin" by default, "Alice Admin Planning" without DeleteSubject. */
export function roomSubject(meeting: StoredEvent, settings: CalendarProcessing): string {
  if (settings.automateProcessing !== "AutoAccept") return meeting.subject;
  const parts = [settings.addOrganizerToSubject ? meeting.organizer.name : "", settings.deleteSubject ? "" : meeting.subject];
  return parts.filter((part) => part !== "").join(" ");
}

/** The fields an instance (single meeting, series master or changed occurrence) has in the room's calendar. */
export function copyFields(meeting: StoredEvent, settings: CalendarProcessing, state: CopyState): EventFields {
  const autoAccept = settings.automateProcessing === "AutoAccept";
  return {
    subject: roomSubject(meeting, settings),
    body: autoAccept && settings.deleteComments ? { contentType: meeting.body.contentType, content: "" } : meeting.body,
    start: meeting.start,
    end: meeting.end,
    startTimeZone: meeting.startTimeZone,
    endTimeZone: meeting.endTimeZone,
    isAllDay: meeting.isAllDay,
    isCancelled: false,
    showAs: state.showAs,
    sensitivity: settings.removePrivateProperty ? "normal" : meeting.sensitivity,
    importance: meeting.importance,
    categories: [],
    location: meeting.location,
    // The attendees as invited; their answers are tracked only in the organizer's copy.
    attendees: meeting.attendees.map(({ emailAddress, type }) => ({ emailAddress, type, status: NO_RESPONSE })),
    organizer: meeting.organizer,
    responseStatus: state.responseStatus,
    recurrence: meeting.type === "exception" ? null : meeting.recurrence,
    onlineMeeting: meeting.onlineMeeting,
    transactionId: null,
    reminderMinutesBeforeStart: meeting.reminderMinutesBeforeStart,
    isReminderOn: meeting.isReminderOn,
  };
}

/**
 * Writes the room's copy of a single meeting or series (updating the one it has), with the dates it declined or the
 * organizer deleted left out and, for a series cut at the booking window, the range ending there.
 */
export function writeCopy(
  store: CalendarStore,
  roomCalendar: StoredCalendar,
  meeting: StoredEvent,
  fields: EventFields,
  skipped: { declinedStarts: Date[]; endDate: string | null },
): StoredEvent {
  const recurrence = fields.recurrence && skipped.endDate ? { ...fields.recurrence, range: { ...fields.recurrence.range, type: "endDate" as const, endDate: skipped.endDate } } : fields.recurrence;
  const existing = store.byICalUId(roomCalendar.id, meeting.iCalUId);
  const copy = existing ? store.updateEvent(existing, { ...fields, recurrence }) : store.createEvent(roomCalendar, { ...fields, recurrence }, meeting.iCalUId);
  copy.deletedOccurrences = [...new Set([...meeting.deletedOccurrences, ...skipped.declinedStarts.map((start) => start.getTime())])];
  return copy;
}

/** Writes one changed occurrence into the room's copy of the series (bringing back a date the room had declined). */
export function writeInstance(store: CalendarStore, copyMaster: StoredEvent, originalStart: Date, fields: EventFields): StoredEvent | undefined {
  copyMaster.deletedOccurrences = copyMaster.deletedOccurrences.filter((start) => start !== originalStart.getTime());
  const instance = store.instanceOf(copyMaster, originalStart);
  if (!instance) return undefined;
  const { start, end, startTimeZone, endTimeZone, subject, body, location, showAs, responseStatus, attendees, sensitivity } = fields;
  return store.updateEvent(instance, { start, end, startTimeZone, endTimeZone, subject, body, location, showAs, responseStatus, attendees, sensitivity });
}

/** The meeting (or one of its dates) leaves the room's calendar. */
export function removeCopy(store: CalendarStore, roomCalendar: StoredCalendar, seriesICalUId: string, originalStart: Date | null): void {
  const copy = store.byICalUId(roomCalendar.id, seriesICalUId);
  if (!copy) return;
  const target = originalStart && copy.type === "seriesMaster" ? store.instanceOf(copy, originalStart) : copy;
  if (target) store.deleteEvent(target);
}
