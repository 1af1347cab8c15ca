import "server-only";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { recordAudit, type AuditActor } from "../../../audit";
import { db } from "../../../db";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { toGraphDateTime } from "../../../time";
import {
  ensureFree,
  giveUp,
  overlapping,
  resume,
  sendCancel,
  sendCreate,
  sendUpdate,
  sourceOf,
  ACTIVE,
  type BookingResult,
  type BookingRow,
  type BookingStatus,
} from "./booking-writes";
import type { CreateBookingInput, UpdateBookingInput } from "./schemas";
import { resolveSource } from "./sources";

/**
 * Bookings made through the hub. Each write is recorded first, then sent to Microsoft (booking-writes.ts):
 * 1. Just before writing, availability is checked again (failing closed), and no other hub booking may hold the time
 *    in the same mailbox's calendar (checked in the transaction that records the booking).
 * 2. The record is stored in its in-between status: "pending" (with its transactionId), "updating" (with the change)
 *    or "cancelling".
 * 3. The write is sent. A lost answer leaves the in-between status; recoverPendingBookings, run every minute by the
 *    server (instrumentation.ts) and before any change to the same booking, finishes it — never a second event.
 */
export type { BookingResult, BookingStatus } from "./booking-writes";
export const AUDIT_TARGET = "bookings";
/** After this many recovery attempts (a minute or two apart) the hub stops and says so. */
export const MAX_RECOVERY_ATTEMPTS = 12;

const slotTaken = (label: string) =>
  new HubError("slot_taken", `That time has just been booked through the hub in ${label}. Choose another time.`, { field: "start", status: 409 });
const notInThePast = (start: DateTime) => {
  if (start < DateTime.now()) throw new HubError("in_the_past", "Start is in the past: choose a time from now on.", { field: "start" });
};

export async function createBooking(actor: AuditActor, input: CreateBookingInput): Promise<BookingResult> {
  notInThePast(input.start);
  const source = await resolveSource(input);
  await ensureFree(source, input.calendarId, input.start, input.end, input.timeZone);
  const booking = await db.$transaction(async (tx) => {
    if (await tx.booking.findFirst({ where: overlapping(source, input.calendarId, input.start, input.end) })) throw slotTaken(source.label);
    const created = await tx.booking.create({
      data: {
        transactionId: randomUUID(),
        status: "pending",
        accountId: source.accountId ?? null,
        mailboxId: source.mailboxId ?? null,
        mailbox: source.mailbox ?? null,
        calendarOwner: source.address.toLowerCase(),
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
  return sendCreate(booking);
}

/** A booking Microsoft has confirmed, after finishing any write it was left doing. */
async function confirmedBooking(bookingId: string): Promise<BookingRow> {
  const booking = await db.booking.findUnique({ where: { id: bookingId } });
  if (!booking || !ACTIVE.includes(booking.status as BookingStatus)) {
    throw new HubError("unknown_booking", "There is no active booking with that id.", { field: "bookingId", status: 404 });
  }
  if (booking.status !== "confirmed") await resume(booking);
  const settled = await db.booking.findUniqueOrThrow({ where: { id: bookingId } });
  if (settled.status !== "confirmed") {
    throw new HubError("unknown_booking", `That booking is ${settled.status} and cannot be changed.`, { field: "bookingId", status: 409 });
  }
  return settled;
}

/** Moves a confirmed booking to an in-between status, unless someone else's change got there first. */
async function claim(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], booking: BookingRow, data: Record<string, unknown>) {
  const { count } = await tx.booking.updateMany({ where: { id: booking.id, status: "confirmed" }, data });
  if (count === 0) throw new HubError("booking_busy", "Someone changed this booking at the same moment. Look at it again and retry.", { status: 409 });
}

export async function updateBooking(actor: AuditActor, input: UpdateBookingInput): Promise<BookingResult> {
  const booking = await confirmedBooking(input.bookingId);
  const source = await sourceOf(booking);
  // What Graph is sent, what the record stores, and what it stored before (restored if Microsoft refuses).
  const patch: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  if (input.subject !== undefined) {
    patch.subject = input.subject;
    data.subject = input.subject;
  }
  if (input.location !== undefined) {
    patch.location = { displayName: input.location };
    data.location = input.location || null;
  }
  if (input.body !== undefined) {
    patch.body = { contentType: "text", content: input.body };
    data.body = input.body || null;
  }
  if (input.attendees !== undefined) {
    patch.attendees = input.attendees.map((address) => ({ emailAddress: { address }, type: "required" }));
    data.attendees = JSON.stringify(input.attendees);
  }
  const time = input.time;
  if (time) {
    notInThePast(time.start);
    await ensureFree(source, booking.calendarId, time.start, time.end, time.timeZone, booking.eventId ?? undefined);
    Object.assign(patch, { start: toGraphDateTime(time.start, time.timeZone), end: toGraphDateTime(time.end, time.timeZone) });
    Object.assign(data, { start: time.start.toJSDate(), end: time.end.toJSDate(), timeZone: time.timeZone });
  }
  const previous = Object.fromEntries(Object.keys(data).map((key) => [key, booking[key as keyof BookingRow]]));
  const updating = await db.$transaction(async (tx) => {
    if (time && (await tx.booking.findFirst({ where: { ...overlapping(source, booking.calendarId, time.start, time.end), id: { not: booking.id } } }))) {
      throw slotTaken(source.label);
    }
    await claim(tx, booking, { ...data, status: "updating", pendingChange: JSON.stringify({ patch, previous }) });
    await recordAudit(tx, { actor, action: "booking.updated", target: AUDIT_TARGET, detail: booking.id, fields: Object.keys(data) });
    return tx.booking.findUniqueOrThrow({ where: { id: booking.id } });
  });
  return sendUpdate(updating);
}

export async function cancelBooking(actor: AuditActor, bookingId: string): Promise<BookingResult> {
  const booking = await confirmedBooking(bookingId);
  const cancelling = await db.$transaction(async (tx) => {
    await claim(tx, booking, { status: "cancelling" });
    await recordAudit(tx, { actor, action: "booking.cancelled", target: AUDIT_TARGET, detail: booking.id });
    return tx.booking.findUniqueOrThrow({ where: { id: booking.id } });
  });
  return sendCancel(cancelling);
}

/**
 * Finishes bookings left pending, updating or cancelling by a lost answer or a crash, oldest first, within a time
 * budget so that one slow mailbox cannot hold the sweep up. Returns how many were settled.
 */
export async function recoverPendingBookings({ olderThanMs = 30_000, budgetMs = 45_000 } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const waiting = await db.booking.findMany({
    where: { status: { in: ["pending", "updating", "cancelling"] }, updatedAt: { lte: new Date(Date.now() - olderThanMs) } },
    orderBy: { updatedAt: "asc" },
    take: 20,
  });
  let settled = 0;
  for (const booking of waiting) {
    if (Date.now() > deadline) break;
    const attempt = await db.booking.update({ where: { id: booking.id }, data: { attempts: { increment: 1 } } });
    try {
      if (attempt.attempts > MAX_RECOVERY_ATTEMPTS) {
        await giveUp(attempt, `Microsoft did not confirm this after ${MAX_RECOVERY_ATTEMPTS} attempts. Check the calendar in Outlook.`);
      } else {
        await resume(attempt);
      }
      settled += 1;
    } catch (error) {
      log.warn("booking.recovery_failed", { bookingId: booking.id, error });
    }
  }
  return settled;
}

let sweeping: ReturnType<typeof setInterval> | undefined;

/** Started once per server process (instrumentation.ts). */
export function startBookingRecovery(everyMs = 60_000) {
  if (sweeping) return;
  let running = false;
  sweeping = setInterval(() => {
    if (running) return;
    running = true;
    recoverPendingBookings()
      .catch((error: unknown) => log.error("booking.recovery_sweep_failed", { error }))
      .finally(() => (running = false));
  }, everyMs);
  sweeping.unref();
}
