import { isFieldError } from "../calendars/event-times";
import { defaultEventFields, type EventFields, type StoredCalendar, type StoredEvent } from "../calendars/model";
import { startOnlineMeeting, withJoinDetails, withoutJoinDetails } from "../calendars/online-meetings";
import { sendEventPage } from "./calendar-view";
import { eventChanges, requestedOnlineMeeting } from "./event-input";
import { eventJson } from "./event-json";
import { mailboxAddress, requireCalendar, requireEvent, resolveMailbox, type Mailbox } from "./mailbox";
import { outputZone } from "./query-options";
import { graphEmpty, graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * Events: GET, create (POST …/events, 201), update (PATCH, 200), delete (204) and cancel (202, organizer only)
 * (https://learn.microsoft.com/graph/api/resources/event). Writing needs write access to the event's calendar.
 * Meetings with rooms among the attendees are answered by the rooms after Graph answered the request
 * (resource-booking/resource-booking.ts).
 */

const MAILBOX = "(me|users/[^/]+)";
const IN_CALENDAR = "(?:/calendar|/calendars/[^/]+)?";

function entity(call: GraphCall, mailbox: Mailbox, event: StoredEvent, status: number): void {
  const output = outputZone(call);
  if (!output) return;
  graphJson(
    call.res,
    call.ids,
    status,
    { "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#${mailbox.contextName}/events/$entity`, ...eventJson(event, output.zone, mailbox.user) },
    output.headers,
  );
}

function getEvent(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const event = mailbox && requireEvent(call, mailbox, call.params[1] ?? "", "read");
  if (mailbox && event) entity(call, mailbox, event, 200);
}

/** GET …/events: the stored events (series masters, not occurrences), without $filter support. */
function listEvents(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const calendar = mailbox && requireCalendar(call, mailbox, call.params[1] || undefined, "read");
  if (!mailbox || !calendar) return;
  const events = call.ctx.state.calendars.storedEvents(calendar.id);
  sendEventPage(call, mailbox, "events", events);
}

/**
 * What makes two creates "the same event" for transactionId: the request's content, not its timing (nor the join
 * details Exchange added to the body of an online meeting).
 */
function fingerprint(calendarId: string, fields: EventFields): string {
  const { subject, start, end, isAllDay, showAs, location, attendees, recurrence, sensitivity } = fields;
  const body = withoutJoinDetails(fields.body, fields.onlineMeeting);
  const invited = attendees.map(({ emailAddress, type }) => [emailAddress.address.toLowerCase(), type]);
  return JSON.stringify([calendarId, subject, body, start.getTime(), end.getTime(), isAllDay, showAs, location, invited, recurrence, sensitivity]);
}

/** An online meeting for the event when the body asks for one and the calendar allows its provider. */
function onlineMeeting(call: GraphCall, mailbox: Mailbox, calendar: StoredCalendar, fields: EventFields): Partial<EventFields> {
  const request = requestedOnlineMeeting(call.req.json);
  const meeting = request && startOnlineMeeting(request, calendar, mailbox.user);
  return meeting ? { onlineMeeting: meeting, body: withJoinDetails(fields.body, meeting) } : {};
}

/**
 * transactionId makes a create safe to retry (https://learn.microsoft.com/graph/api/resources/event, transactionId):
 * repeating the same request answers 201 with the event the first one created; reusing the id for a different
 * event is 400 ErrorDuplicateTransactionId. Either way no second event exists.
 */
function createEvent(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const calendar = mailbox && requireCalendar(call, mailbox, call.params[1] || undefined, "write");
  if (!mailbox || !calendar) return;
  const changes = eventChanges(call.req.json, null);
  if (isFieldError(changes)) return graphError(call.res, call.ids, changes.status, changes.code, changes.message);
  const owner = { address: mailboxAddress(mailbox.user), name: mailbox.user.displayName };
  const placeholder = { start: new Date(0), end: new Date(0), startTimeZone: "UTC", endTimeZone: "UTC" };
  const fields: EventFields = { ...defaultEventFields(owner, placeholder), ...changes };

  const store = call.ctx.state.calendars;
  const earlier = fields.transactionId ? store.byTransactionId(mailbox.user.id, fields.transactionId) : undefined;
  if (earlier) {
    if (fingerprint(earlier.calendarId, earlier) === fingerprint(calendar.id, fields)) return entity(call, mailbox, earlier, 201);
    return graphError(
      call.res,
      call.ids,
      400,
      "ErrorDuplicateTransactionId",
      "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.",
    );
  }
  const created = store.createEvent(calendar, { ...fields, ...onlineMeeting(call, mailbox, calendar, fields) });
  entity(call, mailbox, created, 201);
  call.ctx.state.resourceBooking.meetingSent(created);
}

function updateEvent(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const event = mailbox && requireEvent(call, mailbox, call.params[1] ?? "", "write");
  if (!mailbox || !event) return;
  const changes = eventChanges(call.req.json, event);
  if (isFieldError(changes)) return graphError(call.res, call.ids, changes.status, changes.code, changes.message);
  if (changes.transactionId !== undefined && changes.transactionId !== event.transactionId) {
    return graphError(call.res, call.ids, 400, "ErrorInvalidRequest", "The transactionId of an event can't be changed after it is created.");
  }
  // Occurrences can't change their series; exceptions keep theirs.
  if (event.type === "occurrence" || event.type === "exception") delete changes.recurrence;
  const { calendars, resourceBooking } = call.ctx.state;
  const calendar = calendars.calendar(event.calendarId);
  // An online event stays online with its meeting: a later isOnlineMeeting or provider is ignored.
  const online = calendar && !event.onlineMeeting ? onlineMeeting(call, mailbox, calendar, { ...event, ...changes }) : {};
  const before = { ...event };
  const updated = calendars.updateEvent(event, resourceBooking.forgetAnswersIfMoved(event, { ...changes, ...online }));
  entity(call, mailbox, updated, 200);
  resourceBooking.meetingUpdated(before, updated);
}

function deleteEvent(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const event = mailbox && requireEvent(call, mailbox, call.params[1] ?? "", "write");
  if (!mailbox || !event) return;
  call.ctx.state.calendars.deleteEvent(event);
  graphEmpty(call.res, call.ids, 204);
  // "Deleting the event on the organizer's calendar sends a cancellation message to the meeting attendees" (event-delete).
  call.ctx.state.resourceBooking.meetingCancelled(event);
}

/**
 * Only the organizer may cancel, a meeting or one occurrence by its id; the event leaves the organizer's calendar and
 * the attendees get the cancellation (https://learn.microsoft.com/graph/api/event-cancel).
 */
function cancelEvent(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const event = mailbox && requireEvent(call, mailbox, call.params[1] ?? "", "write");
  if (!mailbox || !event) return;
  if (event.organizer.address.toLowerCase() !== mailboxAddress(mailbox.user).toLowerCase()) {
    return graphError(call.res, call.ids, 400, "ErrorInvalidRequest", "Your request can't be completed. You need to be an organizer to cancel a meeting.");
  }
  call.ctx.state.calendars.deleteEvent(event);
  graphEmpty(call.res, call.ids, 202);
  call.ctx.state.resourceBooking.meetingCancelled(event);
}

export const eventRoutes: GraphRoute[] = [
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}${IN_CALENDAR}/events/([^/]+)/?$`, "i"), handle: getEvent },
  { method: "PATCH", pattern: new RegExp(`^/${MAILBOX}${IN_CALENDAR}/events/([^/]+)/?$`, "i"), handle: updateEvent },
  { method: "DELETE", pattern: new RegExp(`^/${MAILBOX}${IN_CALENDAR}/events/([^/]+)/?$`, "i"), handle: deleteEvent },
  { method: "POST", pattern: new RegExp(`^/${MAILBOX}${IN_CALENDAR}/events/([^/]+)/cancel/?$`, "i"), handle: cancelEvent },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}(?:/calendar)?/events/?$`, "i"), handle: listEvents },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendars/([^/]+)/events/?$`, "i"), handle: listEvents },
  { method: "POST", pattern: new RegExp(`^/${MAILBOX}(?:/calendar)?/events/?$`, "i"), handle: createEvent },
  { method: "POST", pattern: new RegExp(`^/${MAILBOX}/calendars/([^/]+)/events/?$`, "i"), handle: createEvent },
];
