import type { z } from "zod";
import { eventSpan, isFieldError, resolveTime, storedTime, type EventSpan, type TimeInput } from "./calendars/event-times";
import { defaultEventFields, NO_RESPONSE, type EventFields, type Person, type Recurrence, type StoredCalendar, type StoredEvent } from "./calendars/model";
import { providersFor } from "./calendars/online-meetings";
import { normalizeRecurrence } from "./calendars/recurrence";
import type { EmulatorContext } from "./context";
import {
  eventChangesSchema,
  eventSeedSchema,
  expireDeltaTokensSchema,
  mailboxEventsSchema,
  newCalendarSchema,
  onlineMeetingProvidersSchema,
  shareSchema,
  type ControlCalendar,
  type ControlShare,
  type MailboxEvent,
} from "./control-calendar-types";
import { ControlError, findUser, parse } from "./control-errors";
import type { Directory, User } from "./directory";
import type { EmulatorRequest } from "./http";

/**
 * Control endpoints for calendars: seed, read, change and delete a mailbox's events (writes by the mailbox's owner,
 * as in Outlook: delta and change notifications see them like Graph writes), add calendars, share them, expire
 * calendarView delta tokens, and read the highest mailbox concurrency seen. Returns undefined for paths it does not own.
 */

type EventSeed = z.output<typeof eventSeedSchema>;

const address = (user: User) => user.mail ?? user.userPrincipalName;

function person(directory: Directory, email: string): Person {
  const user = directory.userByEmail(email);
  return user ? { address: address(user), name: user.displayName } : { address: email, name: email };
}

function time(input: TimeInput, name: string) {
  const resolved = resolveTime(input);
  if (isFieldError(resolved)) throw new ControlError(400, `${name}: ${resolved.message}`);
  return resolved;
}

function seedRecurrence(input: NonNullable<EventSeed["recurrence"]>, span: EventSpan, isAllDay: boolean): Recurrence {
  const recurrence = normalizeRecurrence(input, span.start, span.startTimeZone, isAllDay);
  if (isFieldError(recurrence)) throw new ControlError(400, `recurrence: ${recurrence.message}`);
  return recurrence;
}

function seedFields(directory: Directory, mailbox: User, seed: EventSeed): EventFields {
  const isAllDay = seed.isAllDay ?? false;
  const span = eventSpan(time(seed.start, "start"), time(seed.end, "end"), isAllDay);
  if (isFieldError(span)) throw new ControlError(400, span.message);
  const organizer = person(directory, seed.organizer ?? address(mailbox));
  return {
    ...defaultEventFields(organizer, span),
    subject: seed.subject,
    body: { contentType: "text", content: seed.body ?? "" },
    isAllDay,
    isCancelled: seed.isCancelled ?? false,
    showAs: seed.showAs ?? "busy",
    sensitivity: seed.sensitivity ?? "normal",
    location: seed.location ?? "",
    attendees: (seed.attendees ?? []).map((email) => ({
      emailAddress: person(directory, email),
      type: directory.userByEmail(email)?.mailbox === "room" ? "resource" : "required",
      status: NO_RESPONSE,
    })),
    recurrence: seed.recurrence ? seedRecurrence(seed.recurrence, span, isAllDay) : null,
    transactionId: seed.transactionId ?? null,
  };
}

function mailboxEvent(owner: User, calendar: StoredCalendar, event: StoredEvent): MailboxEvent {
  return {
    id: event.id,
    calendarId: calendar.id,
    calendar: calendar.name,
    subject: event.subject,
    start: event.start.toISOString(),
    end: event.end.toISOString(),
    startTimeZone: event.startTimeZone,
    endTimeZone: event.endTimeZone,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    showAs: event.showAs,
    type: event.type,
    seriesMasterId: event.seriesMasterId,
    originalStart: event.originalStart?.toISOString() ?? null,
    recurrence: event.recurrence,
    location: event.location,
    attendees: event.attendees.map((attendee) => attendee.emailAddress.address),
    attendeeResponses: event.attendees.map(({ emailAddress, type, status }) => ({ address: emailAddress.address, type, response: status.response })),
    organizer: event.organizer.address,
    responseStatus: event.organizer.address.toLowerCase() === address(owner).toLowerCase() ? "organizer" : event.responseStatus.response,
    deletedOccurrences: event.deletedOccurrences.map((start) => new Date(start).toISOString()),
    isOnlineMeeting: event.onlineMeeting !== null,
    joinUrl: event.onlineMeeting?.joinUrl ?? null,
    body: event.body,
    sensitivity: event.sensitivity,
    transactionId: event.transactionId,
    iCalUId: event.iCalUId,
    createdDateTime: event.createdDateTime.toISOString(),
    lastModifiedDateTime: event.lastModifiedDateTime.toISOString(),
  };
}

function controlCalendar(directory: Directory, calendar: StoredCalendar): ControlCalendar {
  const { id, name, isDefault, color, hexColor, allowedOnlineMeetingProviders, defaultOnlineMeetingProvider } = calendar;
  const owner = address(directory.userById(calendar.ownerId));
  return { id, name, owner, isDefault, color, hexColor, allowedOnlineMeetingProviders: [...allowedOnlineMeetingProviders], defaultOnlineMeetingProvider };
}

/** Which online meeting providers the mailbox's calendars (or one of them) allow, as a tenant's Teams settings decide. */
function setOnlineMeetingProviders(ctx: EmulatorContext, owner: User, body: unknown): ControlCalendar[] {
  const spec = parse(onlineMeetingProvidersSchema, body);
  const allowed = [...new Set(spec.allowedOnlineMeetingProviders)];
  const fallback = allowed[0] ?? "unknown";
  const defaultProvider = spec.defaultOnlineMeetingProvider ?? fallback;
  if (defaultProvider !== "unknown" && !allowed.includes(defaultProvider)) {
    throw new ControlError(400, `defaultOnlineMeetingProvider: '${defaultProvider}' is not among the allowed providers.`);
  }
  const targets = spec.calendar === undefined ? ctx.state.calendars.calendarsOf(owner.id) : [namedCalendar(ctx, owner, spec.calendar)];
  for (const calendar of targets) Object.assign(calendar, { allowedOnlineMeetingProviders: allowed, defaultOnlineMeetingProvider: defaultProvider });
  return targets.map((calendar) => controlCalendar(ctx.state.directory, calendar));
}

function namedCalendar(ctx: EmulatorContext, owner: User, name: string | undefined): StoredCalendar {
  const { calendars } = ctx.state;
  const calendar = name === undefined ? calendars.defaultCalendar(owner.id) : calendars.calendarByName(owner.id, name);
  if (!calendar) throw new ControlError(404, `No calendar '${name ?? "(default)"}' in ${address(owner)}'s mailbox.`);
  return calendar;
}

function writeEvents(ctx: EmulatorContext, owner: User, body: unknown, replace: boolean): MailboxEvent[] {
  const { calendar: name, events } = parse(mailboxEventsSchema, body);
  const calendar = namedCalendar(ctx, owner, name);
  const fields = events.map((seed) => seedFields(ctx.state.directory, owner, seed));
  const { calendars } = ctx.state;
  const created = replace ? calendars.replaceEvents(calendar.id, fields) : fields.map((entry) => calendars.createEvent(calendar, entry));
  return created.map((event) => mailboxEvent(owner, calendar, event));
}

/** The owner changes one stored event or occurrence (an occurrence becomes an exception), as in Outlook. */
function changeEvent(ctx: EmulatorContext, owner: User, eventId: string, body: unknown): MailboxEvent {
  const changes = parse(eventChangesSchema, body);
  const { calendars } = ctx.state;
  const event = ownedEvent(ctx, owner, eventId);
  const start = changes.start === undefined ? storedTime(event.start, event.startTimeZone, event.isAllDay) : time(changes.start, "start");
  const end = changes.end === undefined ? storedTime(event.end, event.endTimeZone, event.isAllDay) : time(changes.end, "end");
  const span = eventSpan(start, end, event.isAllDay);
  if (isFieldError(span)) throw new ControlError(400, span.message);
  const { subject, showAs, location, isCancelled } = changes;
  const defined = Object.fromEntries(Object.entries({ subject, showAs, location, isCancelled }).filter(([, value]) => value !== undefined));
  const updated = calendars.updateEvent(event, { ...defined, ...span });
  return mailboxEvent(owner, calendarById(ctx, updated.calendarId), updated);
}

function ownedEvent(ctx: EmulatorContext, owner: User, eventId: string): StoredEvent {
  const event = ctx.state.calendars.event(eventId);
  if (!event || event.mailboxId !== owner.id) throw new ControlError(404, `No event '${eventId}' in ${address(owner)}'s mailbox.`);
  return event;
}

function calendarById(ctx: EmulatorContext, id: string): StoredCalendar {
  const calendar = ctx.state.calendars.calendar(id);
  if (!calendar) throw new ControlError(404, `No calendar '${id}'.`);
  return calendar;
}

function readEvents(ctx: EmulatorContext, owner: User): MailboxEvent[] {
  const { calendars } = ctx.state;
  return calendars
    .calendarsOf(owner.id)
    .flatMap((calendar) => calendars.storedEvents(calendar.id).map((event) => mailboxEvent(owner, calendar, event)))
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}

function share(ctx: EmulatorContext, body: unknown): ControlShare {
  const spec = parse(shareSchema, body);
  const { directory, calendars } = ctx.state;
  const owner = findUser(directory, spec.owner);
  const grantee = findUser(directory, spec.with);
  if (grantee.id === owner.id) throw new ControlError(400, "A mailbox can't share a calendar with itself.");
  const calendar = namedCalendar(ctx, owner, spec.calendar);
  const created = calendars.share(calendar.id, grantee.id, spec.canEdit);
  return { owner: address(owner), calendar: calendar.name, calendarId: calendar.id, with: address(grantee), canEdit: created.canEdit };
}

export function calendarControl(ctx: EmulatorContext, req: EmulatorRequest): { body: unknown } | undefined {
  const { method, path } = req;
  const { state } = ctx;
  const eventPath = /^\/mailboxes\/([^/]+)\/events\/([^/]+)$/.exec(path);
  if (eventPath) {
    const owner = findUser(state.directory, decodeURIComponent(eventPath[1] ?? ""));
    const eventId = decodeURIComponent(eventPath[2] ?? "");
    if (method === "PATCH") return { body: changeEvent(ctx, owner, eventId, req.json) };
    if (method === "DELETE") {
      state.calendars.deleteEvent(ownedEvent(ctx, owner, eventId));
      return { body: { deleted: eventId } };
    }
    return undefined;
  }
  const mailboxPath = /^\/mailboxes\/([^/]+)\/(events|calendars|online-meeting-providers)$/.exec(path);
  if (mailboxPath) {
    const owner = findUser(state.directory, decodeURIComponent(mailboxPath[1] ?? ""));
    if (mailboxPath[2] === "online-meeting-providers") return method === "PUT" ? { body: setOnlineMeetingProviders(ctx, owner, req.json) } : undefined;
    if (mailboxPath[2] === "events") {
      if (method === "GET") return { body: readEvents(ctx, owner) };
      if (method === "PUT" || method === "POST") return { body: writeEvents(ctx, owner, req.json, method === "PUT") };
    } else {
      if (method === "GET") return { body: state.calendars.calendarsOf(owner.id).map((calendar) => controlCalendar(state.directory, calendar)) };
      if (method === "POST") {
        const spec = parse(newCalendarSchema, req.json);
        if (state.calendars.calendarByName(owner.id, spec.name)) throw new ControlError(409, `${address(owner)} already has a calendar '${spec.name}'.`);
        const onlineMeetings = providersFor(state.directory.tenant(owner.tenantId));
        return { body: controlCalendar(state.directory, state.calendars.addCalendar(owner.id, spec.name, { ...spec, onlineMeetings })) };
      }
    }
    return undefined;
  }
  if (path === "/shares" && method === "POST") return { body: share(ctx, req.json) };
  if (path === "/delta-tokens/expire" && method === "POST") {
    const { mailbox } = parse(expireDeltaTokensSchema, req.json);
    return { body: { expired: state.deltaTokens.expire(mailbox === undefined ? undefined : findUser(state.directory, mailbox).id) } };
  }
  if (path === "/concurrency" && method === "GET") return { body: state.concurrency.snapshot() };
  if (path === "/concurrency" && method === "DELETE") {
    state.concurrency.clear();
    return { body: { cleared: true } };
  }
  return undefined;
}
