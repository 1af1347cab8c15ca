import "server-only";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { recordAudit, type AuditActor } from "../../../audit";
import { z } from "zod";
import { db } from "../../../db";
import { parseStoredJson, storedStrings } from "../../../db/json";
import { SeriesStatus, type RepeatFrequency } from "../../../db/enums";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { graphDateTimeMs } from "../../../time";
import { occupancyRefusal, SINGLE_OCCUPANCY, type Occupancy } from "../../../resources/rules";
import { spansOf } from "../../../resources/repeat";
import {
  asHubError,
  attendeesOf,
  eventCalendarOf,
  eventPath,
  eventPayload,
  eventsPath,
  hubBookingsRefusal,
  isEventGone,
  isTransient,
  leaseFromNow,
  locationOf,
  occupancyOf,
  resultOf,
  sourceOf,
  writeContext,
  heldCalendarSource,
  type BookingResult,
  type BookingRow,
  type WrittenEvent,
} from "./booking-writes";
import { bookingRecord, type BookingActor, type BookingPolicy } from "./bookings";
import { mirrorOwnSeries } from "../../../mirror/own-writes";
import { readOccupancies } from "./occupancy";
import type { CreateBookingInput } from "./schemas";
import { graphFor, resolveSource, type CalendarSource } from "./sources";

/**
 * Repeating bookings, written to Outlook as ONE recurring series (patternedRecurrence), not as one event per date:
 * - a room invited to a series answers for the series as a whole (Exchange declines a whole new series on one
 *   conflict unless told otherwise), and people see one series in Outlook, which they can manage there;
 * - it is one create instead of up to 52 (each a request against the mailbox's and the caller's limits).
 * The dates the booker chose to skip (not free when checked) are deleted from the series straight after it is
 * created, so they never hold the room's time; a room invitation is added only then, so the room is asked only for
 * the dates booked. Each date is also the hub's own Booking row (held in the double-booking guard from the moment it
 * is recorded), matched to its occurrence by its start — so one date can be moved or cancelled like any booking.
 *
 * Every step is recorded before it is sent and is safe to send again, so a lost answer or a crash is finished later
 * (recoverPendingSeries): the create carries a transactionId (a retry never makes a second series); deleting an
 * occurrence already gone counts as done; adding the room is a PATCH of the same attendees.
 */
export type SeriesRow = NonNullable<Awaited<ReturnType<typeof db.bookingSeries.findUnique>>>;
export type { SeriesStatus };
export type SeriesResult = {
  seriesId: string;
  status: SeriesStatus;
  webLink: string | null;
  joinUrl: string | null;
  /** The booked dates, first to last. */
  bookings: BookingResult[];
  skippedDates: string[];
};

const skippedDatesOf = (series: SeriesRow) => parseStoredJson(storedStrings, series.skippedDates, "skipped dates of a repeating booking");
/** Graph's patternedRecurrence as it was sent, kept whole (it is sent again as it is). */
const storedRecurrence = z.looseObject({ pattern: z.unknown(), range: z.looseObject({ startDate: z.string(), recurrenceTimeZone: z.string() }) });
const recurrenceOf = (series: SeriesRow) => parseStoredJson(storedRecurrence, series.recurrence, "recurrence of a repeating booking");

/** How long one step may take before another worker may take the series over (as for a booking, booking-writes.ts). */
const seriesLease = leaseFromNow;

export type SeriesRequest = {
  /** The first date of the range, booked or skipped: the series' own start in Outlook. */
  first: { start: DateTime; end: DateTime };
  /** The dates to book. */
  dates: { date: string; start: DateTime; end: DateTime }[];
  skippedDates: string[];
  frequency: RepeatFrequency;
  recurrence: unknown;
};

/**
 * Records a repeating booking — the series and one booking per date, holding their times in the hub at once — and
 * writes it. The caller has checked every date against the rules and Outlook.
 */
export async function createSeries(actor: AuditActor, input: CreateBookingInput, request: SeriesRequest, policy: BookingPolicy): Promise<SeriesResult> {
  const held = await resolveSource(input);
  const occupancy = policy.occupancy ?? SINGLE_OCCUPANCY;
  const series = await db.$transaction(async (tx) => {
    for (const date of request.dates) {
      const taken = await hubBookingsRefusal(tx, held, input.calendarId, date.start, date.end, occupancy);
      if (taken) throw new HubError("repeat_date_taken", { date: DateTime.fromISO(date.date).toFormat("cccc d MMMM yyyy") }, { field: "start" });
    }
    const created = await tx.bookingSeries.create({
      data: {
        transactionId: randomUUID(),
        status: SeriesStatus.pending,
        frequency: request.frequency,
        recurrence: JSON.stringify(request.recurrence),
        skippedDates: JSON.stringify(request.skippedDates),
        firstStart: request.first.start.toJSDate(),
        firstEnd: request.first.end.toJSDate(),
        // With no date skipped the room is asked at once; otherwise only once the skipped dates are gone.
        roomInvited: Boolean(policy.invitation) && request.skippedDates.length === 0,
        leaseUntil: seriesLease(),
        createdById: actor.id,
        createdByEmail: actor.email,
      },
    });
    for (const date of request.dates) {
      const record = bookingRecord(actor, { ...input, start: date.start, end: date.end }, held, policy);
      // The series holds the lease; a date's transactionId is the hub's own (never sent: the series has Outlook's).
      await tx.booking.create({ data: { ...record, transactionId: `${created.transactionId}:${date.date}`, seriesId: created.id, leaseUntil: null } });
    }
    await recordAudit(tx, { actor, action: "booking.series_requested", target: "bookings", detail: created.id, fields: [`${request.dates.length} dates`] });
    return created;
  });
  return sendSeries(series);
}

const datesOf = (seriesId: string) => db.booking.findMany({ where: { seriesId }, orderBy: { start: "asc" } });

async function seriesResult(seriesId: string): Promise<SeriesResult> {
  const [series, dates] = await Promise.all([db.bookingSeries.findUniqueOrThrow({ where: { id: seriesId } }), datesOf(seriesId)]);
  return {
    seriesId,
    status: series.status,
    webLink: series.webLink,
    joinUrl: series.joinUrl,
    bookings: dates.filter((date) => date.status !== "failed" || series.status === "failed").map(resultOf),
    skippedDates: skippedDatesOf(series),
  };
}

/** Moves the series on to its next step, only if it is still at the step this worker took it at. */
async function advance(series: SeriesRow, data: Partial<SeriesRow>): Promise<SeriesRow> {
  const { count } = await db.bookingSeries.updateMany({ where: { id: series.id, status: series.status }, data: { errorMessage: null, ...data } });
  if (count === 0) log.warn("series.advance_skipped", { seriesId: series.id, status: series.status });
  return db.bookingSeries.findUniqueOrThrow({ where: { id: series.id } });
}

/** Leaves the series at its step for the recovery sweep, and tells the caller Microsoft has not confirmed it yet. */
async function keepSeriesPending(series: SeriesRow, failure: HubError): Promise<never> {
  await db.bookingSeries.updateMany({ where: { id: series.id, status: series.status }, data: { errorMessage: failure.message, leaseUntil: null } });
  log.warn("series.pending", { seriesId: series.id, status: series.status, errorCode: failure.code });
  throw new HubError("booking_pending", { what: "the repeating booking" }, { cause: failure });
}

async function failSeries(series: SeriesRow, failure: HubError): Promise<never> {
  await db.$transaction([
    db.bookingSeries.updateMany({ where: { id: series.id, status: series.status }, data: { status: "failed", errorMessage: failure.message, leaseUntil: null } }),
    db.booking.updateMany({ where: { seriesId: series.id, status: "pending" }, data: { status: "failed", errorMessage: failure.message } }),
  ]);
  log.warn("series.failed", { seriesId: series.id, errorCode: failure.code });
  throw failure;
}

/** Runs the series' remaining steps (the caller holds its lease): create, match and skip, invite. */
export async function sendSeries(start: SeriesRow): Promise<SeriesResult> {
  let series = start;
  const first = (await datesOf(series.id)).find((date) => date.status !== "failed");
  if (!first) return failSeries(series, new HubError("booking_failed", { what: "book any of the dates: each had passed or been taken in Outlook" }));
  const writer = await sourceOf(first);
  try {
    if (series.status === "pending") series = await sendSeriesCreate(series, first, writer);
    if (series.status === "created") series = await matchOccurrences(series, writer);
    if (series.status === "inviting") series = await inviteRoom(series, first, writer);
  } catch (error) {
    const failure = asHubError(error, "write the repeating booking");
    if (isTransient(failure)) return keepSeriesPending(series, failure);
    if (series.status === "pending") return failSeries(series, failure);
    // Created in Outlook but a later step was refused: the sweep tries that step again, and says why meanwhile.
    return keepSeriesPending(series, failure);
  }
  await db.bookingSeries.updateMany({ where: { id: series.id }, data: { leaseUntil: null, attempts: 0 } });
  await mirrorOwnSeries(series.id);
  return seriesResult(series.id);
}

/** Step 1: the series' create, with its transactionId (Microsoft answers a repeat with the series it made). */
async function sendSeriesCreate(series: SeriesRow, first: BookingRow, writer: CalendarSource): Promise<SeriesRow> {
  const payload = {
    ...eventPayload(
      { ...first, start: series.firstStart, end: series.firstEnd },
      { recurrence: recurrenceOf(series), withRoom: series.roomInvited, transactionId: series.transactionId },
    ),
  };
  let master: WrittenEvent;
  try {
    master = (await graphFor(writer, (client) => client.api(eventsPath(writer, eventCalendarOf(first))).post(payload), writeContext(writer))) as WrittenEvent;
  } catch (error) {
    const failure = asHubError(error, "create the repeating booking");
    if (failure.code !== "duplicate_transaction") throw failure;
    const found = await findSeriesMaster(series, first, writer);
    if (!found) throw new HubError("booking_not_found");
    master = found;
  }
  log.info("series.created", { seriesId: series.id });
  return advance(series, { status: "created", masterEventId: master.id, webLink: master.webLink ?? null, joinUrl: master.onlineMeeting?.joinUrl ?? null });
}

/** The series a lost create made: the master of an occurrence at the first date, with the series' transactionId. */
async function findSeriesMaster(series: SeriesRow, first: BookingRow, writer: CalendarSource): Promise<WrittenEvent | null> {
  const calendar = eventCalendarOf(first);
  const view = calendar === null ? `${writer.path}/calendar/calendarView` : `${writer.path}/calendars/${encodeURIComponent(calendar)}/calendarView`;
  const page = (await graphFor(
    writer,
    (client) =>
      client
        .api(view)
        .query({ startDateTime: new Date(series.firstStart.getTime() - 60_000).toISOString(), endDateTime: new Date(series.firstEnd.getTime() + 60_000).toISOString() })
        .select(["id", "seriesMasterId"])
        .top(100)
        .get(),
    { permission: writer.readPermission },
  )) as { value: { id: string; seriesMasterId?: string | null }[] };
  const masters = [...new Set(page.value.flatMap((event) => (event.seriesMasterId ? [event.seriesMasterId] : [])))];
  for (const id of masters) {
    const master = (await graphFor(writer, (client) => client.api(eventPath(writer, id)).select(["id", "webLink", "transactionId", "onlineMeeting"]).get(), {
      permission: writer.readPermission,
    })) as WrittenEvent & { transactionId?: string | null };
    if (master.transactionId === series.transactionId) return master;
  }
  return null;
}

type Instance = { id: string; start: { dateTime: string; timeZone?: string }; iCalUId?: string | null; webLink?: string | null };

/** A series' occurrences between two instants (GET events/{id}/instances), every page. */
async function readInstances(writer: CalendarSource, masterId: string, from: Date, to: Date, select: string[]): Promise<Instance[]> {
  return graphFor(
    writer,
    async (client) => {
      const instances: Instance[] = [];
      let page = (await client
        .api(`${eventPath(writer, masterId)}/instances`)
        .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
        .header("Prefer", 'outlook.timezone="UTC"')
        .select(select)
        .top(200)
        .get()) as { value: Instance[]; "@odata.nextLink"?: string };
      instances.push(...page.value);
      // A series has at most 52 dates (and as many skipped): a few pages at most.
      for (let pages = 1; page["@odata.nextLink"] && pages < 5; pages++) {
        page = await client.api(page["@odata.nextLink"]).header("Prefer", 'outlook.timezone="UTC"').get();
        instances.push(...page.value);
      }
      return instances;
    },
    { permission: writer.readPermission },
  );
}

/**
 * Step 2: each occurrence Outlook made is matched to its date by its start; those the booker skipped — and any date
 * the hub did not check, should Outlook's expansion ever differ — are deleted, so no unchecked date holds a room.
 */
async function matchOccurrences(series: SeriesRow, writer: CalendarSource): Promise<SeriesRow> {
  const dates = (await datesOf(series.id)).filter((date) => date.status === "pending");
  const last = dates.at(-1)?.end ?? series.firstEnd;
  const from = new Date(series.firstStart.getTime() - 24 * 3_600_000);
  const to = new Date(last.getTime() + 24 * 3_600_000);
  const instances = await readInstances(writer, series.masterEventId!, from, to, ["id", "start", "iCalUId", "webLink"]);
  const byStart = new Map(dates.map((date) => [date.start.getTime(), date]));
  const unwanted = instances.filter((instance) => !byStart.has(graphDateTimeMs(instance.start)));
  await Promise.all(
    unwanted.map(async (instance) => {
      try {
        await graphFor(writer, (client) => client.api(eventPath(writer, instance.id)).delete(), writeContext(writer));
      } catch (error) {
        // Already gone counts as done.
        if (!(error instanceof HubError && isEventGone(error))) throw error;
      }
    }),
  );
  const found = new Map(instances.map((instance) => [graphDateTimeMs(instance.start), instance]));
  const invitation = Boolean(dates[0]?.invitedRoom);
  await db.$transaction(
    dates.map((date) => {
      const instance = found.get(date.start.getTime());
      return instance
        ? db.booking.update({
            where: { id: date.id },
            data: {
              status: "confirmed",
              eventId: instance.id,
              iCalUId: instance.iCalUId ?? null,
              webLink: instance.webLink ?? series.webLink,
              joinUrl: series.joinUrl,
              ...(invitation ? { roomResponse: "none", roomResponseAt: new Date() } : {}),
            },
          })
        : db.booking.update({ where: { id: date.id }, data: { status: "failed", errorMessage: "Outlook's series has no occurrence on this date." } });
    }),
  );
  log.info("series.matched", { seriesId: series.id, dates: dates.length, deleted: unwanted.length });
  return advance(series, { status: invitation && !series.roomInvited ? "inviting" : "confirmed" });
}

/** Step 3 (an invitation with skipped dates): the room is added to the series, now holding only the dates booked. */
async function inviteRoom(series: SeriesRow, first: BookingRow, writer: CalendarSource): Promise<SeriesRow> {
  await graphFor(writer, (client) => client.api(eventPath(writer, series.masterEventId!)).patch({ attendees: attendeesOf(first), ...locationOf(first) }), writeContext(writer));
  return advance(series, { status: "confirmed", roomInvited: true });
}

/** A lost create: the series Outlook already has (then on to matching its dates), or the dates still free to send. */
async function beforeResend(series: SeriesRow): Promise<SeriesRow> {
  const first = (await datesOf(series.id))[0];
  if (first) {
    const found = await findSeriesMaster(series, first, await sourceOf(first));
    if (found) return advance(series, { status: "created", masterEventId: found.id, webLink: found.webLink ?? null, joinUrl: found.onlineMeeting?.joinUrl ?? null });
  }
  await dropTakenDates(series);
  return db.bookingSeries.findUniqueOrThrow({ where: { id: series.id } });
}

/** Takes a series left at a step for this worker, counting the attempt; null if someone else has it. */
async function claimSeries(series: SeriesRow): Promise<SeriesRow | null> {
  const { count } = await db.bookingSeries.updateMany({
    where: { id: series.id, status: series.status, OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    data: { leaseUntil: seriesLease(), attempts: { increment: 1 } },
  });
  return count === 1 ? db.bookingSeries.findUnique({ where: { id: series.id } }) : null;
}

/**
 * Before a lost create is sent again (Outlook has no series with its transactionId): dates whose start has passed, or
 * that Outlook has taken meanwhile, are not booked — they leave the series as skipped (read in spans Microsoft
 * accepts, never date by date).
 */
async function dropTakenDates(series: SeriesRow): Promise<void> {
  const dates = (await datesOf(series.id)).filter((date) => date.status === "pending");
  const first = dates[0];
  if (!first) return;
  const held = await heldCalendarSource(first);
  const occupancy: Occupancy = await occupancyOf(first);
  const gone = new Set<string>(dates.filter((date) => date.start <= new Date()).map((date) => date.id));
  if (held) {
    for (const span of spansOf(dates.map((date) => ({ start: DateTime.fromJSDate(date.start), end: DateTime.fromJSDate(date.end), date })))) {
      const window = { start: span[0]!.start.minus({ minutes: occupancy.bufferBeforeMinutes }), end: span.at(-1)!.end.plus({ minutes: occupancy.bufferAfterMinutes }), fresh: true };
      // The series' own dates (held in the hub) do not count against themselves.
      const others = (await readOccupancies([{ key: "series", source: held, calendarId: first.calendarId, viaSchedule: false }], window, { seriesId: series.id })).get("series")!;
      if (others.busy === null) throw others.error;
      for (const { date } of span) if (occupancyRefusal(others.busy, date.start.getTime(), date.end.getTime(), occupancy, held.label)) gone.add(date.id);
    }
  }
  if (gone.size === 0) return;
  const dropped = dates.filter((date) => gone.has(date.id));
  const skipped = [...skippedDatesOf(series), ...dropped.map((date) => DateTime.fromJSDate(date.start).setZone(date.timeZone).toISODate()!)].sort();
  await db.$transaction([
    db.booking.updateMany({ where: { id: { in: [...gone] } }, data: { status: "failed", errorMessage: "Not booked: the date had passed or was taken in Outlook before Microsoft confirmed the series." } }),
    db.bookingSeries.update({ where: { id: series.id }, data: { skippedDates: JSON.stringify(skipped), roomInvited: false } }),
  ]);
}

/**
 * Finishes repeating bookings left at a step by a lost answer or a crash, oldest first, within a time budget; gives up
 * after `maxAttempts` (the dates not created become failed, saying so).
 */
export async function recoverPendingSeries({ olderThanMs = 30_000, budgetMs = 30_000, maxAttempts = 12 } = {}): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const now = new Date();
  const waiting = await db.bookingSeries.findMany({
    where: {
      status: { in: ["pending", "created", "inviting", "cancelling"] },
      updatedAt: { lte: new Date(now.getTime() - olderThanMs) },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: { updatedAt: "asc" },
    take: 10,
  });
  let settled = 0;
  for (const candidate of waiting) {
    if (Date.now() > deadline) break;
    const series = await claimSeries(candidate);
    if (!series) continue;
    try {
      if (series.attempts > maxAttempts && series.status === "pending") {
        await failSeries(series, new HubError("booking_failed", { what: `confirm the repeating booking after ${maxAttempts} attempts` })).catch(() => undefined);
      } else if (series.status === "cancelling") {
        await sendSeriesCancel(series);
      } else {
        await sendSeries(series.status === "pending" ? await beforeResend(series) : series);
      }
      settled += 1;
    } catch (error) {
      log.warn("series.recovery_failed", { seriesId: series.id, status: series.status, error });
    }
  }
  return settled;
}

/**
 * Cancels what is left of a repeating booking (staff: their own). Nothing has begun: the series is deleted. Some
 * dates have: the series is ended after the last of them (its recurrence's end date), so the past stays in Outlook.
 */
export async function cancelSeries(actor: BookingActor, seriesId: string): Promise<SeriesResult> {
  const series = await db.bookingSeries.findUnique({ where: { id: seriesId } });
  if (!series) throw new HubError("unknown_booking", {}, { field: "bookingId" });
  if (actor.role !== "admin" && series.createdById !== actor.id) throw new HubError("not_your_booking", undefined, { field: "bookingId" });
  if (series.status !== "confirmed") throw new HubError("booking_busy", undefined, { field: "bookingId" });
  const busyDate = await db.booking.findFirst({ where: { seriesId, status: { in: ["pending", "updating", "cancelling"] } } });
  if (busyDate) throw new HubError("booking_busy", undefined, { field: "bookingId" });
  await db.$transaction(async (tx) => {
    const { count } = await tx.bookingSeries.updateMany({ where: { id: seriesId, status: "confirmed" }, data: { status: "cancelling", leaseUntil: seriesLease() } });
    if (count === 0) throw new HubError("booking_busy", undefined, { field: "bookingId" });
    await recordAudit(tx, { actor, action: "booking.series_cancelled", target: "bookings", detail: seriesId });
  });
  return sendSeriesCancel(await db.bookingSeries.findUniqueOrThrow({ where: { id: seriesId } }));
}

async function sendSeriesCancel(series: SeriesRow): Promise<SeriesResult> {
  const dates = await datesOf(series.id);
  const first = dates[0]!;
  const writer = await sourceOf(first);
  const now = new Date();
  const begun = dates.filter((date) => date.status === "confirmed" && date.start <= now);
  try {
    if (begun.length === 0) {
      try {
        await graphFor(writer, (client) => client.api(eventPath(writer, series.masterEventId!)).delete(), writeContext(writer));
      } catch (error) {
        if (!(error instanceof HubError && isEventGone(error))) throw error;
      }
    } else {
      const recurrence = recurrenceOf(series);
      const lastBegun = DateTime.fromJSDate(begun.at(-1)!.start).setZone(first.timeZone).toISODate()!;
      const range = { type: "endDate", startDate: recurrence.range.startDate, endDate: lastBegun, recurrenceTimeZone: recurrence.range.recurrenceTimeZone };
      await graphFor(writer, (client) => client.api(eventPath(writer, series.masterEventId!)).patch({ recurrence: { pattern: recurrence.pattern, range } }), writeContext(writer));
    }
  } catch (error) {
    const failure = asHubError(error, "cancel the repeating booking");
    if (isTransient(failure)) return keepSeriesPending(series, failure);
    await advance(series, { status: "confirmed", leaseUntil: null, errorMessage: failure.message });
    throw failure;
  }
  await db.$transaction([
    db.booking.updateMany({ where: { seriesId: series.id, start: { gt: now }, status: "confirmed" }, data: { status: "cancelled" } }),
    db.bookingSeries.updateMany({ where: { id: series.id, status: "cancelling" }, data: { status: "cancelled", leaseUntil: null, attempts: 0 } }),
  ]);
  log.info("series.cancelled", { seriesId: series.id, kept: begun.length });
  await mirrorOwnSeries(series.id);
  return seriesResult(series.id);
}
