import "server-only";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { recordAudit, type AuditActor } from "../../../audit";
import type { Role } from "../../../auth/roles";
import { SINGLE_OCCUPANCY, type Occupancy } from "../../../resources/rules";
import { db, type DbTransaction } from "../../../db";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { toGraphDateTime } from "../../../time";
import {
  claim,
  ensureFree,
  attendeesOf,
  heldCalendarSource,
  hubBookingsRefusal,
  occupancyOf,
  leaseFromNow,
  resume,
  sendCancel,
  sendCreate,
  sendUpdate,
  settleFromOutlook,
  type BookingResult,
  type BookingRow,
} from "./booking-writes";
import type { CreateBookingInput, UpdateBookingInput } from "./schemas";
import { BookingStatus } from "../../../db/enums";
import { ACTIVE } from "./booking-status";
import { resolveSource, type CalendarSource } from "./sources";

/**
 * Bookings made through the hub. Each write is recorded first, then sent to Microsoft (booking-writes.ts):
 * 1. Just before writing, availability is checked again (failing closed), and no other hub booking may hold the time
 *    in the same mailbox's calendar (checked in the transaction that records the booking).
 * 2. The record is stored in its in-between status: "pending" (with its transactionId), "updating" (with the change)
 *    or "cancelling".
 * 3. The write is sent by the request that recorded it, which holds the booking's lease meanwhile. A lost answer
 *    leaves the in-between status; recoverPendingBookings, run every minute by the server (instrumentation.ts), and
 *    any later change to the same booking finish it — one worker at a time (the lease), never a second event.
 */
export type { BookingResult } from "./booking-writes";
export type { BookingStatus } from "./booking-status";
export const AUDIT_TARGET = "bookings";
/** After this many recovery attempts (a minute or more apart) the hub settles on what Outlook shows and says so. */
export const MAX_RECOVERY_ATTEMPTS = 12;

const notInThePast = (start: DateTime) => {
  if (start < DateTime.now()) throw new HubError("in_the_past", undefined, { field: "start" });
};

/**
 * How a booking's time is checked and written: a resource's buffers and places, and whether its caller has just
 * checked the rules and Outlook itself (the resource layer does, with what it read) — plain calendars: one place,
 * checked here; an invitation (the room whose calendar `input` names is invited from the organiser's calendar, and
 * answers by its own policy); a Teams meeting.
 */
export type BookingPolicy = {
  resourceId?: string;
  occupancy?: Occupancy;
  checked?: boolean;
  invitation?: { room: string; organiser: CalendarSource };
  teams?: boolean;
};

/** A booking's record, before anything is sent: where its event is written and whose calendar's time it holds. */
export function bookingRecord(actor: AuditActor, input: CreateBookingInput, held: CalendarSource, policy: BookingPolicy) {
  const writer = policy.invitation?.organiser ?? held;
  // The person booking's own mailbox has no id: its address is the record of where the event is.
  const ownMailbox = !writer.accountId && !writer.mailboxId ? writer.address : null;
  return {
    transactionId: randomUUID(),
    status: BookingStatus.pending,
    accountId: writer.accountId ?? null,
    mailboxId: writer.mailboxId ?? null,
    mailbox: writer.mailbox ?? ownMailbox,
    calendarOwner: held.address.toLowerCase(),
    leaseUntil: leaseFromNow(),
    calendarId: input.calendarId,
    resourceId: policy.resourceId ?? null,
    invitedRoom: policy.invitation?.room ?? null,
    teams: policy.teams ?? false,
    subject: input.subject,
    start: input.start.toJSDate(),
    end: input.end.toJSDate(),
    timeZone: input.timeZone,
    attendees: JSON.stringify(input.attendees ?? []),
    location: input.location || null,
    body: input.body || null,
    createdById: actor.id,
    createdByEmail: actor.email,
  };
}

export async function createBooking(actor: AuditActor, input: CreateBookingInput, policy: BookingPolicy = {}): Promise<BookingResult> {
  notInThePast(input.start);
  const held = await resolveSource(input);
  const occupancy = policy.occupancy ?? SINGLE_OCCUPANCY;
  if (!policy.checked) await ensureFree(held, input.calendarId, input.start, input.end, { occupancy });
  const booking = await db.$transaction(async (tx) => {
    const taken = await hubBookingsRefusal(tx, held, input.calendarId, input.start, input.end, occupancy);
    if (taken) throw taken;
    const created = await tx.booking.create({ data: bookingRecord(actor, input, held, policy) });
    await recordAudit(tx, { actor, action: "booking.requested", target: AUDIT_TARGET, detail: created.id });
    return created;
  });
  return sendCreate(booking);
}

const busy = () => new HubError("booking_busy", undefined, { field: "bookingId" });

/** Who changes or cancels a booking: staff only their own, administrators anyone's. */
export type BookingActor = AuditActor & { role: Role };

export function mayChange(actor: BookingActor, booking: Pick<BookingRow, "createdById">): boolean {
  return actor.role === "admin" || booking.createdById === actor.id;
}

/** A booking Microsoft has confirmed, after finishing any write it was left doing — if the actor may change it. */
async function confirmedBooking(actor: BookingActor, bookingId: string): Promise<BookingRow> {
  const booking = await db.booking.findUnique({ where: { id: bookingId } });
  if (!booking || !ACTIVE.includes(booking.status)) {
    throw new HubError("unknown_booking", {}, { field: "bookingId" });
  }
  // Checked before anything is sent: a change sends Microsoft's invitations from the booking's mailbox.
  if (!mayChange(actor, booking)) throw new HubError("not_your_booking", undefined, { field: "bookingId" });
  // A date of a repeating booking still being written is its series' to finish (series-writes.ts).
  if (booking.seriesId && booking.status === "pending") throw busy();
  if (booking.status !== "confirmed") {
    const claimed = await claim(booking);
    if (!claimed) throw busy();
    await resume(claimed);
  }
  const settled = await db.booking.findUniqueOrThrow({ where: { id: bookingId } });
  if (settled.status !== "confirmed") {
    throw new HubError("unknown_booking", { status: settled.status }, { field: "bookingId" });
  }
  return settled;
}

/** Inside the transaction: the booking as it is now, moved to an in-between status under this request's lease. */
async function takeConfirmed(tx: DbTransaction, bookingId: string, data: (current: BookingRow) => Record<string, unknown>): Promise<BookingRow> {
  const current = await tx.booking.findUniqueOrThrow({ where: { id: bookingId } });
  if (current.status !== "confirmed") throw busy();
  return tx.booking.update({ where: { id: bookingId }, data: { ...data(current), leaseUntil: leaseFromNow() } });
}

export async function updateBooking(actor: BookingActor, input: UpdateBookingInput, policy: Pick<BookingPolicy, "occupancy" | "checked"> = {}): Promise<BookingResult> {
  const booking = await confirmedBooking(actor, input.bookingId);
  // Whose time it holds: its calendar, or an invitation's room (the room decides alone once its resource has gone).
  const held = await heldCalendarSource(booking);
  const guard = held ?? { address: booking.calendarOwner, label: booking.invitedRoom ?? booking.calendarOwner };
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
    // An invitation keeps its room among the attendees.
    patch.attendees = attendeesOf({ attendees: JSON.stringify(input.attendees), invitedRoom: booking.invitedRoom });
    data.attendees = JSON.stringify(input.attendees);
  }
  const time = input.time;
  const occupancy = policy.occupancy ?? (await occupancyOf(booking));
  if (time) {
    notInThePast(time.start);
    if (!policy.checked && held) {
      await ensureFree(held, booking.calendarId, time.start, time.end, {
        ignoreEventId: booking.eventId ?? undefined,
        ignoreICalUId: booking.iCalUId ?? undefined,
        ignoreBookingId: booking.id,
        occupancy,
      });
    }
    Object.assign(patch, { start: toGraphDateTime(time.start, time.timeZone), end: toGraphDateTime(time.end, time.timeZone) });
    Object.assign(data, { start: time.start.toJSDate(), end: time.end.toJSDate(), timeZone: time.timeZone });
    // A new time asks the room again: its earlier answer no longer stands.
    if (booking.invitedRoom) Object.assign(data, { roomResponse: "none", roomResponseAt: new Date() });
  }
  const updating = await db.$transaction(async (tx) => {
    const taken = time ? await hubBookingsRefusal(tx, guard, booking.calendarId, time.start, time.end, occupancy, booking.id) : null;
    if (taken) throw taken;
    // The values to put back if Microsoft refuses: read in this transaction, so never an older change's.
    const row = await takeConfirmed(tx, booking.id, (current) => {
      const previous = Object.fromEntries(Object.keys(data).map((key) => [key, current[key as keyof BookingRow]]));
      return { ...data, status: "updating", pendingChange: JSON.stringify({ patch, previous }) };
    });
    await recordAudit(tx, { actor, action: "booking.updated", target: AUDIT_TARGET, detail: booking.id, fields: Object.keys(data) });
    return row;
  });
  return sendUpdate(updating);
}

export async function cancelBooking(actor: BookingActor, bookingId: string): Promise<BookingResult> {
  const booking = await confirmedBooking(actor, bookingId);
  const cancelling = await db.$transaction(async (tx) => {
    const row = await takeConfirmed(tx, booking.id, () => ({ status: "cancelling" }));
    await recordAudit(tx, { actor, action: "booking.cancelled", target: AUDIT_TARGET, detail: booking.id });
    return row;
  });
  return sendCancel(cancelling);
}

/**
 * Finishes bookings left pending, updating or cancelling by a lost answer or a crash, oldest first, within a time
 * budget so that one slow mailbox cannot hold the sweep up. A booking whose lease is held (its write is still in
 * flight) is left alone. Returns how many were settled.
 */
export async function recoverPendingBookings({ olderThanMs = 30_000, budgetMs = 45_000 } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const now = new Date();
  const waiting = await db.booking.findMany({
    where: {
      status: { in: ["pending", "updating", "cancelling"] },
      updatedAt: { lte: new Date(now.getTime() - olderThanMs) },
      // The dates of a repeating booking are created by their series (recoverPendingSeries), not one by one.
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }, { OR: [{ seriesId: null }, { status: { not: "pending" } }] }],
    },
    orderBy: { updatedAt: "asc" },
    take: 20,
  });
  let settled = 0;
  for (const candidate of waiting) {
    if (Date.now() > deadline) break;
    const booking = await claim(candidate);
    if (!booking) continue;
    try {
      const result = await (booking.attempts > MAX_RECOVERY_ATTEMPTS ? settleFromOutlook(booking, MAX_RECOVERY_ATTEMPTS) : resume(booking));
      log.info("booking.recovered", { bookingId: booking.id, from: booking.status, status: result.status });
      settled += 1;
    } catch (error) {
      // The lease stays until it runs out: the next try waits a few minutes.
      log.warn("booking.recovery_failed", { bookingId: booking.id, status: booking.status, error });
    }
  }
  return settled;
}
