import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import { db, type DbTransaction } from "../../../db";
import { parseStoredJson, storedStrings } from "../../../db/json";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { fromGraphDateTime, toGraphDateTime } from "../../../time";
import { MicrosoftError } from "../microsoft-errors";
import { occupancyRefusal, SINGLE_OCCUPANCY, type Occupancy } from "../../../resources/rules";
import { mirrorOwnBooking } from "../../../mirror/own-writes";
import { readOccupancies } from "./occupancy";
import { readCalendarView } from "./events";
import { BookingStatus, RoomResponse } from "../../../db/enums";
import { HOLDS_TIME } from "./booking-status";
import { graphFor, resolveSource, sourceOfRecord, type CalendarSource } from "./sources";

/**
 * The Microsoft side of a booking. Every write is recorded in the database before it is sent (see bookings.ts), so a
 * write whose answer was lost is sent again later — safely:
 * - a create carries a transactionId: Microsoft refuses a second event with it (ErrorDuplicateTransactionId);
 * - an update (PATCH) and a cancel (DELETE) are idempotent.
 * Before a lost create is sent again the hub looks for its event first, and refuses to create it when the time has
 * passed or was taken in Outlook meanwhile: a retry must never double-book.
 * https://learn.microsoft.com/graph/api/resources/event (transactionId)
 */
export type BookingRow = NonNullable<Awaited<ReturnType<typeof db.booking.findUnique>>>;
export type BookingResult = {
  bookingId: string;
  status: BookingStatus;
  eventId: string | null;
  webLink: string | null;
  /** The Teams meeting's join link, when one was asked for and Microsoft made it. */
  joinUrl: string | null;
  /** An invitation's room: how it answered ("none" until it has), or null when the booking was written directly. */
  roomResponse: RoomResponse | null;
};

/** A booking record as the caller is told about it. */
export const resultOf = (row: BookingRow): BookingResult => ({
  bookingId: row.id,
  status: row.status,
  eventId: row.eventId,
  webLink: row.webLink,
  joinUrl: row.joinUrl,
  roomResponse: row.roomResponse,
});

const TRANSIENT = new Set(["graph_throttled", "graph_unavailable", "graph_unreachable", "microsoft_transient"]);
/** Worth sending again: Graph or the token service was busy or unreachable (nothing says the write was refused). */
export const isTransient = (error: HubError) => TRANSIENT.has(error.code) || (error instanceof MicrosoftError && error.kind === "transient");
/** The event itself is gone (deleted in Outlook), not the account, the mailbox or access to it. */
export const isEventGone = (error: HubError) => error.code === "not_found" && (error.cause as { code?: string } | undefined)?.code === "ErrorItemNotFound";

/**
 * One worker at a time sends a booking's write: the request that recorded it, or the recovery sweep once the lease has
 * run out. Longer than one Graph operation (60 s, graph.ts) plus its wait for the mailbox's request limit.
 */
export const LEASE_MS = 3 * 60_000;
export const leaseFromNow = () => new Date(Date.now() + LEASE_MS);

/** Takes a booking left in an in-between status for this worker, counting the attempt; null if someone else has it. */
export async function claim(booking: BookingRow): Promise<BookingRow | null> {
  const { count } = await db.booking.updateMany({
    where: { id: booking.id, status: booking.status, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    data: { leaseUntil: leaseFromNow(), attempts: { increment: 1 } },
  });
  return count === 1 ? db.booking.findUnique({ where: { id: booking.id } }) : null;
}

/** A change recorded before it is sent: what Graph is sent, and the record's values before it (to restore on refusal). */
/** A change recorded before it is sent (status "updating"): the new values and the ones to go back to. */
const pendingChangeSchema = z.object({ patch: z.record(z.string(), z.unknown()).default({}), previous: z.record(z.string(), z.unknown()).default({}) });
type PendingChange = z.output<typeof pendingChangeSchema>;

/** Where the booking's event is written: its calendar's account or mailbox, or an invitation's organiser. */
export const sourceOf = (booking: Pick<BookingRow, "accountId" | "mailboxId" | "mailbox">) => sourceOfRecord(booking);

/**
 * The calendar whose time the booking holds, to check it is free: the booking's own calendar, or for an invitation
 * the room's (its resource's); null for an invitation whose resource has gone — the room's own policy then decides.
 */
export async function heldCalendarSource(booking: Pick<BookingRow, "accountId" | "mailboxId" | "mailbox" | "invitedRoom" | "resourceId">): Promise<CalendarSource | null> {
  if (!booking.invitedRoom) return sourceOf(booking);
  const resource = booking.resourceId ? await db.resource.findUnique({ where: { id: booking.resourceId }, select: { accountId: true, mailboxId: true, sharedMailbox: true } }) : null;
  if (!resource) return null;
  return resolveSource({ accountId: (resource.accountId ?? resource.mailboxId)!, mailbox: resource.sharedMailbox ?? undefined });
}

/** The calendar the event is in: the booking's, or (an invitation) the organiser's default calendar (null). */
export const eventCalendarOf = (booking: Pick<BookingRow, "invitedRoom" | "calendarId">): string | null => (booking.invitedRoom ? null : booking.calendarId);
export const eventsPath = (source: CalendarSource, calendarId: string | null) =>
  calendarId === null ? `${source.path}/calendar/events` : `${source.path}/calendars/${encodeURIComponent(calendarId)}/events`;
export const eventPath = (source: CalendarSource, eventId: string) => `${source.path}/events/${encodeURIComponent(eventId)}`;

/** An event as Microsoft answers a create (or a read of it). */
export type WrittenEvent = { id: string; webLink?: string | null; iCalUId?: string | null; onlineMeeting?: { joinUrl?: string | null } | null };

/** What a booking records once Microsoft has its event. An invitation's room has not answered yet. */
const confirmedAs = (event: WrittenEvent, booking: Pick<BookingRow, "invitedRoom">) => ({
  status: BookingStatus.confirmed,
  eventId: event.id,
  webLink: event.webLink ?? null,
  iCalUId: event.iCalUId ?? null,
  joinUrl: event.onlineMeeting?.joinUrl ?? null,
  ...(booking.invitedRoom ? { roomResponse: RoomResponse.none, roomResponseAt: new Date() } : {}),
});
export const asHubError = (error: unknown, what: string) => (error instanceof HubError ? error : new HubError("booking_failed", { what }, { cause: error }));
export const writeContext = (source: CalendarSource) => ({ permission: source.writePermission, subject: `the calendar of ${source.label}` });

/** What a check leaves out: the booking's own event (by id, or in the room's copy by iCalUId) and record. */
export type FreeCheck = { ignoreEventId?: string; ignoreICalUId?: string; ignoreBookingId?: string; occupancy?: Occupancy };

/**
 * Refuses a time that is not free in Microsoft's view now (failing closed when that cannot be checked): Outlook's
 * events and the hub's own bookings, with the calendar's buffers and places (a resource's; one place otherwise).
 */
export async function ensureFree(source: CalendarSource, calendarId: string, start: DateTime, end: DateTime, check: FreeCheck = {}) {
  const occupancy = check.occupancy ?? SINGLE_OCCUPANCY;
  const window = { start: start.minus({ minutes: occupancy.bufferBeforeMinutes }), end: end.plus({ minutes: occupancy.bufferAfterMinutes }), fresh: true };
  const answer = (
    await readOccupancies([{ key: "booking", source, calendarId, viaSchedule: false }], window, {
      eventId: check.ignoreEventId,
      iCalUId: check.ignoreICalUId,
      bookingId: check.ignoreBookingId,
    })
  ).get("booking")!;
  if (answer.busy === null) throw new HubError("availability_unknown", { detail: answer.error.toJSON().message });
  const refusal = occupancyRefusal(answer.busy, start.toMillis(), end.toMillis(), occupancy, source.label);
  if (refusal) throw refusal;
}

/** The buffers and places of the resource a booking was made for (one place, no buffers, once it is removed). */
export async function occupancyOf(booking: Pick<BookingRow, "resourceId">): Promise<Occupancy> {
  if (!booking.resourceId) return SINGLE_OCCUPANCY;
  const resource = await db.resource.findUnique({
    where: { id: booking.resourceId },
    select: { bufferBeforeMinutes: true, bufferAfterMinutes: true, placesPerSlot: true },
  });
  return resource ?? SINGLE_OCCUPANCY;
}

/**
 * Inside the transaction that records a booking: whether the hub's own bookings already hold the time in the same
 * mailbox's calendar (however the hub reaches it), with the buffers and places — the guard against two requests
 * racing past the Outlook check.
 */
export async function hubBookingsRefusal(
  tx: DbTransaction,
  source: HeldCalendar,
  calendarId: string,
  start: DateTime,
  end: DateTime,
  occupancy: Occupancy,
  excludeBookingId?: string,
): Promise<HubError | null> {
  const held = await tx.booking.findMany({
    where: {
      ...overlapping(source, calendarId, start.minus({ minutes: occupancy.bufferBeforeMinutes }), end.plus({ minutes: occupancy.bufferAfterMinutes })),
      ...(excludeBookingId ? { id: { not: excludeBookingId } } : {}),
    },
    select: { start: true, end: true },
  });
  const busy = held.map((booking) => ({ start: booking.start.getTime(), end: booking.end.getTime(), ours: true }));
  const refusal = occupancyRefusal(busy, start.toMillis(), end.toMillis(), occupancy, source.label);
  // Taken by the hub, not Outlook: say so (another hub user has just booked it).
  return refusal?.code === "slot_taken" ? new HubError("slot_taken", { label: source.label, where: "hub" }, { field: "start" }) : refusal;
}

/** The time is taken (by an event, a booking's buffer, or every place): not a failure to check it. */
export const isTimeTaken = (error: unknown) => error instanceof HubError && (error.code === "slot_taken" || error.code === "rule_full" || error.code === "rule_buffer");

/** The mailbox whose calendar's time a booking holds, and what to call it. */
export type HeldCalendar = Pick<CalendarSource, "address" | "label">;

/** Hub bookings that hold any of [start, end) in the same mailbox's calendar, however the hub reaches it. */
export function overlapping(source: HeldCalendar, calendarId: string, start: DateTime, end: DateTime) {
  return {
    calendarOwner: source.address.toLowerCase(),
    calendarId,
    ...HOLDS_TIME,
    start: { lt: end.toJSDate() },
    end: { gt: start.toJSDate() },
  };
}

/**
 * Graph's attendees for a booking: the people invited, and for an invitation the room as a resource attendee (which
 * is what makes Exchange ask the room: https://learn.microsoft.com/graph/api/user-post-events, "Setting the location").
 */
export function attendeesOf(booking: Pick<BookingRow, "attendees" | "invitedRoom">, { withRoom = true } = {}) {
  const people = parseStoredJson(storedStrings, booking.attendees, "attendees of a booking").map((address) => ({ emailAddress: { address }, type: "required" }));
  return booking.invitedRoom && withRoom ? [...people, { emailAddress: { address: booking.invitedRoom }, type: "resource" }] : people;
}

/** Where the meeting is: an invitation names the room by its address too, so Outlook links it to the room. */
export function locationOf(booking: Pick<BookingRow, "location" | "invitedRoom">) {
  if (booking.invitedRoom) return { location: { displayName: booking.location ?? booking.invitedRoom, locationEmailAddress: booking.invitedRoom, locationType: "conferenceRoom" } };
  return booking.location ? { location: { displayName: booking.location } } : {};
}

/** The create of a booking's event (for a series, with its recurrence; the room invited later when dates are skipped). */
export function eventPayload(booking: BookingRow, extra: { recurrence?: unknown; withRoom?: boolean; transactionId?: string } = {}) {
  return {
    subject: booking.subject,
    body: { contentType: "text", content: booking.body ?? "" },
    start: toGraphDateTime(DateTime.fromJSDate(booking.start), booking.timeZone),
    end: toGraphDateTime(DateTime.fromJSDate(booking.end), booking.timeZone),
    ...locationOf(booking),
    attendees: attendeesOf(booking, { withRoom: extra.withRoom ?? true }),
    showAs: "busy",
    // Only when the calendar allows Teams (the booking page offers it then); Microsoft ignores it otherwise.
    ...(booking.teams ? { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" } : {}),
    ...(extra.recurrence ? { recurrence: extra.recurrence } : {}),
    transactionId: extra.transactionId ?? booking.transactionId,
  };
}

/** Records the outcome and releases the lease — only if the booking is still in the status this worker took it in. */
async function settle(booking: BookingRow, data: Partial<BookingRow>): Promise<BookingResult> {
  const { count } = await db.booking.updateMany({
    where: { id: booking.id, status: booking.status },
    data: { errorMessage: null, pendingChange: null, attempts: 0, leaseUntil: null, ...data },
  });
  if (count === 0) log.warn("booking.settle_skipped", { bookingId: booking.id, status: booking.status });
  const settled = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
  if (count > 0) await mirrorOwnBooking(settled);
  return resultOf(settled);
}

/** Leaves the booking in its in-between status, for the recovery sweep to send again, and tells the caller so. */
async function keepPending(booking: BookingRow, failure: HubError, what: string): Promise<never> {
  await db.booking.updateMany({ where: { id: booking.id, status: booking.status }, data: { errorMessage: failure.message, leaseUntil: null } });
  log.warn("booking.pending", { bookingId: booking.id, status: booking.status, errorCode: failure.code });
  throw new HubError("booking_pending", { what }, { cause: failure });
}

/** Sends a pending booking's create (again, safely: same transactionId) and records the outcome. */
export async function sendCreate(booking: BookingRow): Promise<BookingResult> {
  const source = await sourceOf(booking);
  let event: WrittenEvent;
  try {
    event = await graphFor(source, (client) => client.api(eventsPath(source, eventCalendarOf(booking))).post(eventPayload(booking)), writeContext(source));
  } catch (error) {
    const failure = asHubError(error, "create the event");
    if (failure.code === "duplicate_transaction") {
      const found = await findEvent(source, booking);
      if (!found) {
        return keepPending(booking, new HubError("booking_not_found"), "the booking");
      }
      event = found;
    } else if (isTransient(failure)) {
      return keepPending(booking, failure, "the booking");
    } else {
      await settle(booking, { status: "failed", errorMessage: failure.message });
      throw failure;
    }
  }
  log.info("booking.confirmed", { bookingId: booking.id });
  return settle(booking, confirmedAs(event, booking));
}

/**
 * The event a create made, found by its transactionId. Where Graph leaves transactionId out of calendarView, an event
 * with the booking's subject and exact times counts: only used when Microsoft said the event exists, or to avoid
 * creating one that may exist.
 */
async function findEvent(source: CalendarSource, booking: BookingRow) {
  const start = DateTime.fromJSDate(booking.start);
  const end = DateTime.fromJSDate(booking.end);
  const events = await graphFor(source, (client) => readCalendarView(client, source, eventCalendarOf(booking), start.minus({ minutes: 1 }), end.plus({ minutes: 1 }), "UTC"), {
    permission: source.readPermission,
  });
  const byTransaction = events.find(({ event }) => event.transactionId === booking.transactionId);
  const bySubjectAndTime = events.find(
    ({ event, startInstant, endInstant }) =>
      !event.transactionId && event.subject === booking.subject && startInstant.equals(start.toUTC()) && endInstant.equals(end.toUTC()),
  );
  const found = (byTransaction ?? bySubjectAndTime)?.event;
  return found ? readWritten(source, found.id) : null;
}

/** Sends an update recorded as "updating". Refused by Microsoft → the record's previous values come back. */
export async function sendUpdate(booking: BookingRow): Promise<BookingResult> {
  const source = await sourceOf(booking);
  const change = pendingChangeOf(booking);
  let updated: { id?: string } | undefined;
  try {
    updated = (await graphFor(source, (client) => client.api(eventPath(source, booking.eventId!)).patch(change.patch), writeContext(source))) as { id?: string } | undefined;
  } catch (error) {
    const failure = asHubError(error, "change the event");
    if (isTransient(failure)) return keepPending(booking, failure, "the change");
    if (isEventGone(failure)) {
      await settle(booking, { status: "cancelled", errorMessage: "The event was deleted in Outlook." });
      throw new HubError("event_deleted");
    }
    await settle(booking, { status: "confirmed", ...restore(change.previous) });
    throw failure;
  }
  // A changed date of a series may come back as an exception with an id of its own: keep whichever Outlook answers.
  return settle(booking, { status: "confirmed", ...(updated?.id ? { eventId: updated.id } : {}) });
}

/** Sends a cancel recorded as "cancelling". An event already deleted in Outlook counts as cancelled. */
export async function sendCancel(booking: BookingRow): Promise<BookingResult> {
  const source = await sourceOf(booking);
  try {
    await graphFor(source, (client) => client.api(eventPath(source, booking.eventId!)).delete(), writeContext(source));
  } catch (error) {
    const failure = asHubError(error, "delete the event");
    if (isTransient(failure)) return keepPending(booking, failure, "the cancellation");
    if (!isEventGone(failure)) {
      await settle(booking, { status: "confirmed" });
      throw failure;
    }
  }
  return settle(booking, { status: "cancelled" });
}

/** Record values saved as JSON (dates as ISO strings) back to their column types. */
function restore(previous: Record<string, unknown>): Partial<BookingRow> {
  const values: Record<string, unknown> = { ...previous };
  for (const key of ["start", "end", "roomResponseAt"]) if (typeof values[key] === "string") values[key] = new Date(values[key] as string);
  return values as Partial<BookingRow>;
}

/** The booking's own time, free in the calendar it holds (for an invitation whose resource has gone: the room decides). */
async function ensureHeldFree(booking: BookingRow, check: Omit<FreeCheck, "occupancy">): Promise<void> {
  const held = await heldCalendarSource(booking);
  if (!held) return;
  await ensureFree(held, booking.calendarId, DateTime.fromJSDate(booking.start), DateTime.fromJSDate(booking.end), { ...check, occupancy: await occupancyOf(booking) });
}

/**
 * Finishes whatever a booking was left doing (a lost answer, a crash); the caller holds its lease. Re-checks before a
 * create is sent again: the event may exist already; the time may have passed or been taken in Outlook meanwhile.
 */
export async function resume(booking: BookingRow): Promise<BookingResult> {
  const source = await sourceOf(booking);
  if (booking.status === "pending") {
    const found = await findEvent(source, booking);
    if (found) return settle(booking, confirmedAs(found, booking));
    if (booking.start <= new Date()) return settle(booking, { status: "failed", errorMessage: "Microsoft did not confirm the booking before its start time, so the hub did not create it." });
    try {
      await ensureHeldFree(booking, { ignoreBookingId: booking.id });
    } catch (error) {
      if (!isTimeTaken(error)) throw error;
      // Taken by the booking's own event, created after all by a late answer? Then it is done.
      const late = await findEvent(source, booking);
      if (late) return settle(booking, confirmedAs(late, booking));
      return settle(booking, { status: "failed", errorMessage: "The time was taken in Outlook before Microsoft confirmed the booking, so the hub did not create it." });
    }
    return sendCreate(booking);
  }
  if (booking.status === "updating") {
    const change = pendingChangeOf(booking);
    if ("start" in change.previous) {
      try {
        await ensureHeldFree(booking, { ignoreEventId: booking.eventId ?? undefined, ignoreICalUId: booking.iCalUId ?? undefined, ignoreBookingId: booking.id });
      } catch (error) {
        if (!isTimeTaken(error)) throw error;
        return settle(booking, { status: "confirmed", ...restore(change.previous), errorMessage: "The move was not made: the new time was taken in Outlook meanwhile." });
      }
    }
    return sendUpdate(booking);
  }
  if (booking.status === "cancelling") return sendCancel(booking);
  return resultOf(booking);
}

const pendingChangeOf = (booking: BookingRow): PendingChange => {
  return parseStoredJson(pendingChangeSchema, booking.pendingChange ?? "{}", "pending change of a booking");
};

/**
 * Stops retrying, but only on what Outlook shows now (a lookup that fails leaves the booking as it is, for later):
 * a create becomes confirmed if its event is there, failed if not; an update or cancel records what Outlook has.
 */
export async function settleFromOutlook(booking: BookingRow, attempts: number): Promise<BookingResult> {
  const source = await sourceOf(booking);
  log.warn("booking.given_up", { bookingId: booking.id, status: booking.status });
  if (booking.status === "pending") {
    const found = await findEvent(source, booking);
    if (found) return settle(booking, confirmedAs(found, booking));
    return settle(booking, { status: "failed", errorMessage: `Microsoft did not confirm the booking after ${attempts} attempts and its event is not in Outlook, so the hub stopped.` });
  }
  const event = await readEvent(source, booking.eventId!);
  if (!event) return settle(booking, { status: "cancelled", errorMessage: booking.status === "cancelling" ? null : "The event was deleted in Outlook." });
  const outlook = { subject: event.subject ?? booking.subject, start: fromGraphDateTime(event.start).toJSDate(), end: fromGraphDateTime(event.end).toJSDate() };
  const message =
    booking.status === "cancelling"
      ? `Microsoft did not confirm the cancellation after ${attempts} attempts; the event is still in Outlook. Cancel it again.`
      : `Microsoft did not confirm the change after ${attempts} attempts; the booking now shows what Outlook has.`;
  return settle(booking, { status: "confirmed", ...outlook, errorMessage: message });
}

/** An event's id, link, iCalUId and Teams meeting, as a create answers them (for one found after a lost answer). */
async function readWritten(source: CalendarSource, eventId: string): Promise<WrittenEvent> {
  return (await graphFor(source, (client) => client.api(eventPath(source, eventId)).select(["id", "webLink", "iCalUId", "onlineMeeting"]).get(), {
    permission: source.readPermission,
    subject: `the calendar of ${source.label}`,
  })) as WrittenEvent;
}

type OutlookEvent = { subject?: string | null; start: { dateTime: string; timeZone?: string }; end: { dateTime: string; timeZone?: string } };

/** The event as Outlook has it now, or null when it was deleted. */
async function readEvent(source: CalendarSource, eventId: string): Promise<OutlookEvent | null> {
  try {
    return (await graphFor(source, (client) => client.api(eventPath(source, eventId)).select(["subject", "start", "end"]).get(), {
      permission: source.readPermission,
      subject: `the calendar of ${source.label}`,
    })) as OutlookEvent;
  } catch (error) {
    if (error instanceof HubError && isEventGone(error)) return null;
    throw error;
  }
}
