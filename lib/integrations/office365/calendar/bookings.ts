import "server-only";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { recordAudit, type AuditActor } from "../../../audit";
import { db } from "../../../db";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { isoIn, toGraphDateTime } from "../../../time";
import { getAvailability } from "./availability";
import { readCalendarView } from "./events";
import type { CreateBookingInput, UpdateBookingInput } from "./schemas";
import { graphFor, resolveSource, type CalendarSource } from "./sources";

/**
 * Bookings: written to Microsoft with a transactionId, recorded in the database first.
 * 1. Just before writing, availability is checked again (failing closed) and no other hub booking may hold the time.
 * 2. The booking is stored as pending with its transactionId.
 * 3. The event is created. If the answer is lost (timeout, 5xx) the request is retried with the same transactionId;
 *    Microsoft then refuses a second event (ErrorDuplicateTransactionId), which counts as done: the existing event is
 *    looked up. A booking left pending (a crash between 2 and 3) is completed the same way by recoverPendingBookings.
 * https://learn.microsoft.com/graph/api/resources/event (transactionId)
 */
export const AUDIT_TARGET = "bookings";
const ACTIVE = ["pending", "confirmed"];
const TRANSIENT = new Set(["graph_throttled", "graph_unavailable", "graph_unreachable", "microsoft_transient"]);

export type BookingStatus = "pending" | "confirmed" | "failed" | "cancelled";
export type BookingResult = { bookingId: string; status: BookingStatus; eventId: string | null; webLink: string | null };

type BookingRow = NonNullable<Awaited<ReturnType<typeof db.booking.findUnique>>>;

const sourceOf = (booking: Pick<BookingRow, "accountId" | "mailboxId" | "mailbox">) =>
  resolveSource({ accountId: (booking.accountId ?? booking.mailboxId)!, mailbox: booking.mailbox ?? undefined });

async function ensureFree(source: CalendarSource, calendarId: string, start: DateTime, end: DateTime, timeZone: string, ignoreEventId?: string) {
  const minutes = Math.max(5, Math.ceil(end.diff(start, "minutes").minutes));
  const availability = await getAvailability({
    calendars: [{ accountId: (source.accountId ?? source.mailboxId)!, mailbox: source.mailbox, calendarId }],
    start,
    end,
    timeZone,
    slotMinutes: Math.min(minutes, 1440),
    ignoreEventId,
  });
  const calendar = availability.calendars[0]!;
  if (calendar.status === "unknown") {
    throw new HubError("availability_unknown", `The hub could not check that the time is free, so nothing was booked: ${calendar.error?.message ?? ""}`.trim(), {
      status: 503,
    });
  }
  if (calendar.busy.length > 0) {
    throw new HubError("slot_taken", `That time is no longer free in ${source.label}. Choose another time.`, { field: "start", status: 409 });
  }
}

function overlapping(source: CalendarSource, calendarId: string, start: DateTime, end: DateTime) {
  return {
    calendarId,
    accountId: source.accountId ?? null,
    mailboxId: source.mailboxId ?? null,
    mailbox: source.mailbox ?? null,
    status: { in: ACTIVE },
    start: { lt: end.toJSDate() },
    end: { gt: start.toJSDate() },
  };
}

export async function createBooking(actor: AuditActor, input: CreateBookingInput): Promise<BookingResult> {
  if (input.start < DateTime.now()) throw new HubError("in_the_past", "Start is in the past: choose a time from now on.", { field: "start" });
  const source = await resolveSource(input);
  await ensureFree(source, input.calendarId, input.start, input.end, input.timeZone);
  const booking = await db.$transaction(async (tx) => {
    if (await tx.booking.findFirst({ where: overlapping(source, input.calendarId, input.start, input.end) })) {
      throw new HubError("slot_taken", `That time has just been booked through the hub in ${source.label}. Choose another time.`, { field: "start", status: 409 });
    }
    const created = await tx.booking.create({
      data: {
        transactionId: randomUUID(),
        status: "pending",
        accountId: source.accountId ?? null,
        mailboxId: source.mailboxId ?? null,
        mailbox: source.mailbox ?? null,
        calendarId: input.calendarId,
        subject: input.subject,
        start: input.start.toJSDate(),
        end: input.end.toJSDate(),
        timeZone: input.timeZone,
        attendees: JSON.stringify(input.attendees ?? []),
        location: input.location || null,
        body: input.body || null,
        createdById: actor.id,
        createdByEmail: actor.email,
      },
    });
    await recordAudit(tx, { actor, action: "booking.requested", target: AUDIT_TARGET, detail: created.id });
    return created;
  });
  return completeBooking(booking);
}

function eventPayload(booking: BookingRow) {
  const attendees = JSON.parse(booking.attendees) as string[];
  return {
    subject: booking.subject,
    body: { contentType: "text", content: booking.body ?? "" },
    start: toGraphDateTime(DateTime.fromJSDate(booking.start), booking.timeZone),
    end: toGraphDateTime(DateTime.fromJSDate(booking.end), booking.timeZone),
    ...(booking.location ? { location: { displayName: booking.location } } : {}),
    attendees: attendees.map((address) => ({ emailAddress: { address }, type: "required" })),
    showAs: "busy",
    transactionId: booking.transactionId,
  };
}

/** Writes a pending booking's event (again, safely: same transactionId) and records the outcome. */
async function completeBooking(booking: BookingRow): Promise<BookingResult> {
  const source = await sourceOf(booking);
  const context = { permission: source.writePermission, subject: `the calendar of ${source.label}` };
  let event: { id: string; webLink?: string | null };
  try {
    event = await graphFor(source, (client) => client.api(`${source.path}/calendars/${encodeURIComponent(booking.calendarId)}/events`).post(eventPayload(booking)), context);
  } catch (error) {
    const failure = error instanceof HubError ? error : new HubError("booking_failed", "Microsoft did not create the event.");
    if (failure.code === "duplicate_transaction") {
      event = await findByTransaction(source, booking);
    } else if (TRANSIENT.has(failure.code)) {
      await db.booking.update({ where: { id: booking.id }, data: { errorMessage: failure.message } });
      log.warn("booking.pending", { bookingId: booking.id, errorCode: failure.code });
      throw new HubError(
        "booking_pending",
        "Microsoft did not confirm the booking in time. It is listed as pending: the hub will check again, and will never create it twice.",
        { status: 503, cause: failure },
      );
    } else {
      await db.booking.update({ where: { id: booking.id }, data: { status: "failed", errorMessage: failure.message } });
      throw failure;
    }
  }
  await db.booking.update({ where: { id: booking.id }, data: { status: "confirmed", eventId: event.id, webLink: event.webLink ?? null, errorMessage: null } });
  log.info("booking.confirmed", { bookingId: booking.id });
  return { bookingId: booking.id, status: "confirmed", eventId: event.id, webLink: event.webLink ?? null };
}

async function findByTransaction(source: CalendarSource, booking: BookingRow) {
  const start = DateTime.fromJSDate(booking.start).minus({ minutes: 1 });
  const end = DateTime.fromJSDate(booking.end).plus({ minutes: 1 });
  const events = await graphFor(source, (client) => readCalendarView(client, source, booking.calendarId, start, end, "UTC"), {
    permission: source.readPermission,
  });
  const found = events.find(({ event }) => event.transactionId === booking.transactionId)?.event;
  if (!found) throw new HubError("booking_not_found", "Microsoft says the booking exists but the hub cannot find its event. Check the calendar in Outlook.");
  return { id: found.id, webLink: found.webLink };
}

/** Completes bookings left pending by a timeout or a crash: same transactionId, so never a second event. */
export async function recoverPendingBookings(olderThanMs = 30_000): Promise<number> {
  const pending = await db.booking.findMany({ where: { status: "pending", updatedAt: { lt: new Date(Date.now() - olderThanMs) } }, take: 20 });
  let recovered = 0;
  for (const booking of pending) {
    try {
      await completeBooking(booking);
      recovered += 1;
    } catch (error) {
      log.warn("booking.recovery_failed", { bookingId: booking.id, error });
    }
  }
  return recovered;
}

async function activeBooking(bookingId: string): Promise<BookingRow> {
  const booking = await db.booking.findUnique({ where: { id: bookingId } });
  if (!booking || !ACTIVE.includes(booking.status)) {
    throw new HubError("unknown_booking", "There is no active booking with that id.", { field: "bookingId", status: 404 });
  }
  if (booking.status === "confirmed") return booking;
  await completeBooking(booking);
  return db.booking.findUniqueOrThrow({ where: { id: bookingId } });
}

export async function updateBooking(actor: AuditActor, input: UpdateBookingInput): Promise<BookingResult> {
  const booking = await activeBooking(input.bookingId);
  const source = await sourceOf(booking);
  // What Graph is sent, and what the hub's record stores.
  const changes: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  if (input.subject !== undefined) {
    changes.subject = input.subject;
    data.subject = input.subject;
  }
  if (input.location !== undefined) {
    changes.location = { displayName: input.location };
    data.location = input.location || null;
  }
  if (input.body !== undefined) {
    changes.body = { contentType: "text", content: input.body };
    data.body = input.body || null;
  }
  if (input.attendees !== undefined) {
    changes.attendees = input.attendees.map((address) => ({ emailAddress: { address }, type: "required" }));
    data.attendees = JSON.stringify(input.attendees);
  }
  if (input.time) {
    const { start, end, timeZone } = input.time;
    await ensureFree(source, booking.calendarId, start, end, timeZone, booking.eventId ?? undefined);
    const clash = await db.booking.findFirst({ where: { ...overlapping(source, booking.calendarId, start, end), id: { not: booking.id } } });
    if (clash) throw new HubError("slot_taken", `That time is already booked through the hub in ${source.label}.`, { field: "start", status: 409 });
    Object.assign(changes, { start: toGraphDateTime(start, timeZone), end: toGraphDateTime(end, timeZone) });
    Object.assign(data, { start: start.toJSDate(), end: end.toJSDate(), timeZone });
  }
  await graphFor(source, (client) => client.api(`${source.path}/events/${encodeURIComponent(booking.eventId!)}`).patch(changes), {
    permission: source.writePermission,
    subject: `the calendar of ${source.label}`,
  });
  await db.$transaction(async (tx) => {
    await tx.booking.update({ where: { id: booking.id }, data });
    await recordAudit(tx, { actor, action: "booking.updated", target: AUDIT_TARGET, detail: booking.id, fields: Object.keys(data) });
  });
  return { bookingId: booking.id, status: "confirmed", eventId: booking.eventId, webLink: booking.webLink };
}

export async function cancelBooking(actor: AuditActor, bookingId: string): Promise<BookingResult> {
  const booking = await activeBooking(bookingId);
  const source = await sourceOf(booking);
  try {
    await graphFor(source, (client) => client.api(`${source.path}/events/${encodeURIComponent(booking.eventId!)}`).delete(), {
      permission: source.writePermission,
      subject: `the calendar of ${source.label}`,
    });
  } catch (error) {
    // Already deleted in Outlook: the booking is cancelled either way.
    if (!(error instanceof HubError && error.code === "not_found")) throw error;
  }
  await db.$transaction(async (tx) => {
    await tx.booking.update({ where: { id: booking.id }, data: { status: "cancelled" } });
    await recordAudit(tx, { actor, action: "booking.cancelled", target: AUDIT_TARGET, detail: booking.id });
  });
  return { bookingId: booking.id, status: "cancelled", eventId: booking.eventId, webLink: booking.webLink };
}

export type BookingView = {
  id: string;
  status: BookingStatus;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  calendar: string;
  attendees: string[];
  location: string | null;
  webLink: string | null;
  errorMessage: string | null;
  createdByEmail: string;
};

/** Bookings made through the hub that have not ended yet, soonest first. */
export async function listUpcomingBookings(timeZone: string): Promise<BookingView[]> {
  const rows = await db.booking.findMany({ where: { status: { in: ACTIVE }, end: { gt: new Date() } }, orderBy: { start: "asc" }, take: 200 });
  const [accounts, mailboxes] = await Promise.all([
    db.connectedAccount.findMany({ where: { id: { in: rows.flatMap((row) => (row.accountId ? [row.accountId] : [])) } } }),
    db.applicationMailbox.findMany({ where: { id: { in: rows.flatMap((row) => (row.mailboxId ? [row.mailboxId] : [])) } } }),
  ]);
  return rows.map((row) => ({
    id: row.id,
    status: row.status as BookingStatus,
    subject: row.subject,
    start: isoIn(DateTime.fromJSDate(row.start), timeZone),
    end: isoIn(DateTime.fromJSDate(row.end), timeZone),
    timeZone,
    calendar:
      row.mailbox ??
      accounts.find((account) => account.id === row.accountId)?.email ??
      mailboxes.find((mailbox) => mailbox.id === row.mailboxId)?.address ??
      "a calendar that is no longer connected",
    attendees: JSON.parse(row.attendees) as string[],
    location: row.location,
    webLink: row.webLink,
    errorMessage: row.errorMessage,
    createdByEmail: row.createdByEmail,
  }));
}
