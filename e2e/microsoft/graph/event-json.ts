import type { Recurrence, ResponseStatus, StoredEvent } from "../calendars/model";
import { formatGraphDate, formatGraphDateTime, type GraphZone } from "../calendars/time-zones";
import type { User } from "../directory";
import { mailboxAddress } from "./mailbox";

/**
 * An event as Graph returns it, properties in Graph's order (https://learn.microsoft.com/graph/api/resources/event).
 * start/end are in the requested zone with its label echoed; all-day events float: midnight on their own dates in
 * any zone. Properties the emulator does not model (attachments, extensions) have Graph's defaults.
 */

/** Graph's timestamps carry seven fraction digits: "2026-11-30T09:00:00.1230000Z". */
export function graphTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000Z`;
}

export function webLink(id: string): string {
  return `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`;
}

function bodyPreview(content: string): string {
  return content
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 255);
}

/** Graph answers every pattern field, with 0, [] and "first" where the type does not use one. */
function recurrenceJson(recurrence: Recurrence): Record<string, unknown> {
  const { pattern, range } = recurrence;
  return {
    pattern: {
      type: pattern.type,
      interval: pattern.interval,
      month: pattern.month,
      dayOfMonth: pattern.dayOfMonth,
      daysOfWeek: pattern.daysOfWeek,
      firstDayOfWeek: pattern.firstDayOfWeek,
      index: pattern.index,
    },
    range: {
      type: range.type,
      startDate: range.startDate,
      // Graph's "no date" is year 1.
      endDate: range.endDate ?? "0001-01-01",
      recurrenceTimeZone: range.recurrenceTimeZone,
      numberOfOccurrences: range.numberOfOccurrences,
    },
  };
}

const NO_RESPONSE_TIME = "0001-01-01T00:00:00Z";

function responseJson(status: ResponseStatus): { response: string; time: string } {
  return { response: status.response, time: status.time ? graphTimestamp(status.time) : NO_RESPONSE_TIME };
}

export function eventJson(event: StoredEvent, zone: GraphZone, mailbox: User): Record<string, unknown> {
  const time = (instant: Date) => ({
    dateTime: event.isAllDay ? formatGraphDate(instant) : formatGraphDateTime(instant, zone),
    timeZone: zone.label,
  });
  const isOrganizer = event.organizer.address.toLowerCase() === mailboxAddress(mailbox).toLowerCase();
  const location = {
    displayName: event.location,
    locationType: "default",
    uniqueIdType: event.location ? "private" : "unknown",
    ...(event.location ? { uniqueId: event.location } : { address: {}, coordinates: {} }),
  };
  return {
    "@odata.etag": `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: graphTimestamp(event.createdDateTime),
    lastModifiedDateTime: graphTimestamp(event.lastModifiedDateTime),
    changeKey: event.changeKey,
    categories: event.categories,
    transactionId: event.transactionId,
    originalStartTimeZone: event.startTimeZone,
    originalEndTimeZone: event.endTimeZone,
    iCalUId: event.iCalUId,
    reminderMinutesBeforeStart: event.reminderMinutesBeforeStart,
    isReminderOn: event.isReminderOn,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: bodyPreview(event.body.content),
    importance: event.importance,
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer,
    responseRequested: true,
    seriesMasterId: event.seriesMasterId,
    showAs: event.showAs,
    type: event.type,
    webLink: webLink(event.id),
    // Teams meetings never fill onlineMeetingUrl; their link is onlineMeeting.joinUrl.
    onlineMeetingUrl: null,
    isOnlineMeeting: event.onlineMeeting !== null,
    onlineMeetingProvider: event.onlineMeeting?.provider ?? "unknown",
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: isOrganizer ? { response: "organizer", time: NO_RESPONSE_TIME } : responseJson(event.responseStatus),
    body: event.body,
    start: time(event.start),
    end: time(event.end),
    location,
    locations: event.location ? [location] : [],
    recurrence: event.recurrence ? recurrenceJson(event.recurrence) : null,
    attendees: event.attendees.map((attendee) => ({
      type: attendee.type,
      status: responseJson(attendee.status),
      emailAddress: attendee.emailAddress,
    })),
    organizer: { emailAddress: event.organizer },
    onlineMeeting: event.onlineMeeting ? { joinUrl: event.onlineMeeting.joinUrl } : null,
  };
}

/** Every property eventJson returns: what $select may name. */
export const EVENT_PROPERTIES = [
  "@odata.etag", "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId",
  "originalStartTimeZone", "originalEndTimeZone", "iCalUId", "reminderMinutesBeforeStart", "isReminderOn",
  "hasAttachments", "subject", "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled", "isOrganizer",
  "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting",
  "onlineMeetingProvider", "allowNewTimeProposals", "isDraft", "hideAttendees", "responseStatus", "body", "start",
  "end", "location", "locations", "recurrence", "attendees", "organizer", "onlineMeeting",
] as const;
