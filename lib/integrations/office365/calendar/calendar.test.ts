import { DateTime } from "luxon";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { USERS } from "../../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../../../scripts/test/office365";
import type { SessionUser } from "../../../auth/session";
import { db } from "../../../db";
import { getAvailability } from "./availability";
import { cancelBooking, createBooking, MAX_RECOVERY_ATTEMPTS, recoverPendingBookings, updateBooking } from "./bookings";
import { listCalendars } from "./calendars";
import { listEvents } from "./events";

const { control } = emulatorForThisFile();
let admin: SessionUser;
let alice: string;
const ZONE = "Europe/London";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await db.booking.deleteMany();
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  alice = (await db.connectedAccount.findFirstOrThrow()).id;
  await control().clearRequests();
});

const graphRequests = async (pattern: RegExp) => (await control().requests()).filter((request) => request.service === "graph" && pattern.test(request.path));

describe("calendars and events", () => {
  it("lists an account's own calendars and a shared room's, with who owns them and whether they can be edited", async () => {
    const own = await listCalendars({ accountId: alice });
    expect(own.map((calendar) => calendar.name).sort()).toEqual(["Calendar", "Team events"]);
    expect(own.find((calendar) => calendar.isDefault)).toMatchObject({ name: "Calendar", canEdit: true, owner: { address: USERS.alice.email } });
    const room = await listCalendars({ accountId: alice, mailbox: USERS.room.email });
    expect(room).toEqual([expect.objectContaining({ isDefault: true, canEdit: true, owner: expect.objectContaining({ address: USERS.room.email }) })]);
    const readOnly = await listCalendars({ accountId: alice, mailbox: USERS.events.email });
    expect(readOnly[0]?.canEdit).toBe(false);
  });

  it("reads every page of a busy week, with times in the requested zone across the clock change", async () => {
    await control().setConfig({ maxPageSize: 10 });
    // 30 events in the week the clocks go back (Sunday 25 October 2026).
    const seeds = Array.from({ length: 30 }, (_, i) => {
      const start = at("2026-10-19T08:00").plus({ days: Math.floor(i / 5), hours: (i % 5) * 2 });
      return { subject: `Event ${i + 1}`, start: start.toUTC().toISO()!, end: start.plus({ hours: 1 }).toUTC().toISO()! };
    });
    await control().setMailboxEvents(USERS.alice.email, seeds);
    const calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
    await control().clearRequests();

    const events = await listEvents({ accountId: alice, calendarId, start: at("2026-10-19T00:00"), end: at("2026-10-26T00:00"), timeZone: ZONE });
    expect(events).toHaveLength(30);
    expect(events.map((event) => event.subject)).toEqual(seeds.map((seed) => seed.subject));
    expect((await graphRequests(/calendarView$/)).length).toBeGreaterThanOrEqual(3);
    // Saturday before the change is BST (+01:00), Sunday after it GMT; 08:00 local both days.
    expect(events[25]?.start).toBe("2026-10-24T08:00:00+01:00");
    const sunday = await listEvents({ accountId: alice, calendarId, start: at("2026-10-25T00:00"), end: at("2026-10-26T00:00"), timeZone: ZONE });
    expect(sunday).toHaveLength(0);
  });
});

describe("availability", () => {
  const day = "2027-01-04";
  const seed = (showAs: "free" | "tentative" | "busy" | "oof" | "workingElsewhere", hour: number) => ({
    subject: showAs,
    showAs,
    start: at(`${day}T${String(hour).padStart(2, "0")}:00`).toUTC().toISO()!,
    end: at(`${day}T${String(hour).padStart(2, "0")}:30`).toUTC().toISO()!,
  });

  it("blocks tentative, busy and out of office, not free or working elsewhere — by schedule and by calendar", async () => {
    await control().setMailboxEvents(USERS.alice.email, [seed("free", 9), seed("tentative", 10), seed("busy", 11), seed("oof", 12), seed("workingElsewhere", 13)]);
    const calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
    const request = { start: at(`${day}T09:00`), end: at(`${day}T14:00`), timeZone: ZONE, slotMinutes: 60 };
    for (const calendars of [[{ accountId: alice }], [{ accountId: alice, calendarId }]]) {
      const result = await getAvailability({ ...request, calendars });
      expect(result.slots.map((slot) => slot.status)).toEqual(["free", "busy", "busy", "busy", "free"]);
      expect(result.slots[0]).toMatchObject({ start: "2027-01-04T09:00:00+00:00", end: "2027-01-04T10:00:00+00:00" });
      // The answer carries the busy times, not whole events.
      expect(result.calendars[0]?.busy.map((interval) => interval.status)).toEqual(["tentative", "busy", "oof"]);
      expect(result.calendars[0]).not.toHaveProperty("events");
    }
  });

  it("handles all-day events, cancelled meetings and recurring series, by schedule and by calendar", async () => {
    await control().setMailboxEvents(USERS.alice.email, [
      { subject: "Away day", isAllDay: true, start: { dateTime: "2027-01-05T00:00:00", timeZone: ZONE }, end: { dateTime: "2027-01-06T00:00:00", timeZone: ZONE } },
      { subject: "Called off", isCancelled: true, organizer: USERS.bob.email, start: at("2027-01-06T10:00").toUTC().toISO()!, end: at("2027-01-06T11:00").toUTC().toISO()! },
      {
        subject: "Stand-up",
        start: at("2027-01-04T09:00").toUTC().toISO()!,
        end: at("2027-01-04T09:15").toUTC().toISO()!,
        recurrence: { pattern: { type: "daily", interval: 1 }, range: { type: "numbered", startDate: "2027-01-04", numberOfOccurrences: 3, recurrenceTimeZone: ZONE } },
      },
    ]);
    const calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
    const week = { start: at("2027-01-04T00:00"), end: at("2027-01-08T00:00"), timeZone: ZONE };
    const events = await listEvents({ accountId: alice, calendarId, ...week });
    const standUps = events.filter((event) => event.subject === "Stand-up");
    expect(standUps.map((event) => event.start)).toEqual(["2027-01-04T09:00:00+00:00", "2027-01-05T09:00:00+00:00", "2027-01-06T09:00:00+00:00"]);
    expect(standUps.every((event) => event.type === "occurrence" && event.seriesMasterId)).toBe(true);
    expect(events.find((event) => event.subject === "Away day")).toMatchObject({ isAllDay: true, start: "2027-01-05T00:00:00+00:00", end: "2027-01-06T00:00:00+00:00" });
    expect(events.find((event) => event.subject === "Called off")).toMatchObject({ isCancelled: true });

    const slotAt = (result: Awaited<ReturnType<typeof getAvailability>>, local: string) => result.slots.find((slot) => slot.start.startsWith(local))?.status;
    for (const calendars of [[{ accountId: alice }], [{ accountId: alice, calendarId }]]) {
      const result = await getAvailability({ ...week, calendars, slotMinutes: 60 });
      expect(["2027-01-04T09", "2027-01-06T09", "2027-01-07T09"].map((local) => slotAt(result, local))).toEqual(["busy", "busy", "free"]);
      expect(["2027-01-05T00", "2027-01-05T14", "2027-01-05T23"].map((local) => slotAt(result, local))).toEqual(["busy", "busy", "busy"]);
      expect(slotAt(result, "2027-01-06T10")).toBe("free");
    }
  });

  it("fails closed: a calendar whose request failed is unknown, and its time is never free", async () => {
    await control().setMailboxEvents(USERS.alice.email, [seed("busy", 9)]);
    await control().addFault({ service: "graph", pathPattern: "calendarView", status: 500, times: 10 });
    const calendarId = (await listCalendars({ accountId: alice, mailbox: USERS.room.email }))[0]!.id;
    const result = await getAvailability({
      calendars: [{ accountId: alice }, { accountId: alice, mailbox: USERS.room.email, calendarId }],
      start: at(`${day}T09:00`),
      end: at(`${day}T11:00`),
      timeZone: ZONE,
      slotMinutes: 60,
    });
    expect(result.calendars[0]).toMatchObject({ status: "ok", slots: ["busy", "free"] });
    expect(result.calendars[1]).toMatchObject({ status: "unknown", slots: ["unknown", "unknown"], error: { code: "graph_unavailable" } });
    expect(result.slots.map((slot) => slot.status)).toEqual(["busy", "unknown"]);
  });

  it("reports an unknown mailbox in a schedule as unknown, and the others normally", async () => {
    const result = await getAvailability({
      calendars: [{ accountId: alice }, { accountId: alice, mailbox: "nobody@council.example" }],
      start: at(`${day}T09:00`),
      end: at(`${day}T10:00`),
      timeZone: ZONE,
      slotMinutes: 60,
    });
    expect(result.calendars.map((calendar) => calendar.status)).toEqual(["ok", "unknown"]);
    expect(result.calendars[1]?.error?.message).toContain("nobody@council.example");
  });

  it("asks getSchedule for at most 20 mailboxes at a time", async () => {
    const calendars = Array.from({ length: 25 }, (_, i) => ({ accountId: alice, mailbox: `person${i}@council.example` }));
    const result = await getAvailability({ calendars, start: at(`${day}T09:00`), end: at(`${day}T10:00`), timeZone: ZONE, slotMinutes: 60 });
    expect(result.calendars).toHaveLength(25);
    const requests = await graphRequests(/getSchedule$/);
    expect(requests.map((request) => (request.json as { schedules: string[] }).schedules.length).sort((a, b) => a - b)).toEqual([5, 20]);
  });

  it("never has more than 4 requests in flight for one mailbox, and retries a 429 honouring Retry-After", async () => {
    for (let i = 1; i <= 5; i++) await control().createCalendar(USERS.alice.email, { name: `Extra ${i}` });
    const calendars = await listCalendars({ accountId: alice });
    await control().clearConcurrency();
    // One throttling answer first, then slow answers so that requests overlap.
    await control().addFault({
      service: "graph",
      pathPattern: "calendarView",
      status: 429,
      // Longer than the client's own first backoff (about a second), so honouring it shows.
      headers: { "Retry-After": "2" },
      body: { error: { code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." } },
      times: 1,
    });
    await control().addFault({ service: "graph", pathPattern: "calendarView", delayMs: 150, times: 12 });
    // Seven different calendars of one mailbox, each read once.
    const refs = calendars.map((calendar) => ({ accountId: alice, calendarId: calendar.id }));
    const result = await getAvailability({ calendars: refs, start: at(`${day}T09:00`), end: at(`${day}T10:00`), timeZone: ZONE, slotMinutes: 60 });
    expect(result.calendars.every((calendar) => calendar.status === "ok")).toBe(true);
    const highest = await control().concurrency();
    expect(highest[USERS.alice.email]).toBeLessThanOrEqual(4);
    const views = await graphRequests(/calendarView$/);
    const throttled = views.find((request) => request.status === 429)!;
    const retried = views.find((request) => request !== throttled && request.headers["client-request-id"] === throttled.headers["client-request-id"])!;
    // The same request again (same client-request-id), after the two seconds Retry-After asked for.
    expect(Date.parse(retried.at) - Date.parse(throttled.at)).toBeGreaterThanOrEqual(2000);
  });
});

describe("tracing", () => {
  it("logs both request ids of a failed Graph call, so Microsoft support can trace it", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await expect(listEvents({ accountId: alice, calendarId: "no-such-calendar", start: at("2027-01-04T00:00"), end: at("2027-01-05T00:00"), timeZone: ZONE })).rejects.toMatchObject({
        code: "not_found",
      });
    } finally {
      spy.mockRestore();
    }
    const [sent] = await graphRequests(/calendarView$/);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === "graph.request_failed");
    expect(sent?.headers["client-request-id"]).toBeTruthy();
    expect(logged).toMatchObject({ errorCode: "not_found", status: 404, clientRequestId: sent?.headers["client-request-id"], requestId: expect.any(String) });
  });
});

describe("bookings", { timeout: 30_000 }, () => {
  const start = "2027-01-05T10:00";
  const end = "2027-01-05T10:30";
  const defaultCalendar = async (accountId = alice, mailbox?: string) =>
    (await listCalendars({ accountId, mailbox })).find((calendar) => calendar.isDefault)!.id;
  const book = async (subject = "Planning meeting", route: { accountId?: string; mailbox?: string } = {}) => {
    const accountId = route.accountId ?? alice;
    const calendarId = await defaultCalendar(accountId, route.mailbox);
    return createBooking(admin, { accountId, mailbox: route.mailbox, calendarId, subject, start: at(start), end: at(end), timeZone: ZONE, attendees: ["bob.bookings@council.example"] });
  };
  const posts = async () => (await graphRequests(/\/events$/)).filter((request) => request.method === "POST");
  const status = async () => (await db.booking.findFirstOrThrow()).status;
  // Microsoft never answers (three tries: the first and the Graph client's two retries), before or after doing the work.
  const unanswered = (method: string, pathPattern: string, afterHandling: boolean) =>
    control().addFault({ service: "graph", method, pathPattern, status: 503, headers: { "Retry-After": "0" }, afterHandling, times: 3 });
  const recoverNow = () => recoverPendingBookings({ olderThanMs: 0 });

  it("creates the event with a transactionId, records it, and refuses the same slot a second time", async () => {
    const result = await book();
    expect(result).toMatchObject({ status: "confirmed", eventId: expect.any(String), webLink: expect.stringContaining("outlook") });
    const stored = await control().mailboxEvents(USERS.alice.email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ subject: "Planning meeting", start: "2027-01-05T10:00:00.000Z", attendees: ["bob.bookings@council.example"] });
    const booking = await db.booking.findFirstOrThrow();
    expect(stored[0]?.transactionId).toBe(booking.transactionId);
    await expect(book("Second")).rejects.toMatchObject({ code: "slot_taken", field: "start" });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
  });

  it("does not make a second event when the answer to the create is lost and the request is retried", async () => {
    await control().addFault({ service: "graph", method: "POST", pathPattern: "/events$", status: 504, afterHandling: true, times: 1 });
    expect(await book()).toMatchObject({ status: "confirmed" });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
    expect(await posts()).toHaveLength(2);
  });

  it("counts ErrorDuplicateTransactionId as done, and records the event Microsoft already has", async () => {
    await control().addFault({
      service: "graph",
      method: "POST",
      pathPattern: "/events$",
      status: 400,
      afterHandling: true,
      body: { error: { code: "ErrorDuplicateTransactionId", message: "The transaction ID is already used." } },
    });
    const result = await book();
    const [event] = await control().mailboxEvents(USERS.alice.email);
    expect(result).toMatchObject({ status: "confirmed", eventId: event?.id });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
  });

  it("keeps a create pending when its answer is lost, then finds the event instead of sending it again", async () => {
    await unanswered("POST", "/events$", true);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    expect(await status()).toBe("pending");
    const sent = (await posts()).length;
    expect(await recoverNow()).toBe(1);
    expect(await status()).toBe("confirmed");
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
    expect(await posts()).toHaveLength(sent);
  });

  it("sends a create that never reached Microsoft once the time is still free, with the same transactionId", async () => {
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(0);
    await recoverNow();
    const [event] = await control().mailboxEvents(USERS.alice.email);
    expect(event?.transactionId).toBe((await db.booking.findFirstOrThrow()).transactionId);
    expect(await status()).toBe("confirmed");
  });

  it("does not send a lost create again when the time was taken in Outlook meanwhile, or has passed", async () => {
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    await control().setMailboxEvents(USERS.alice.email, [{ subject: "Taken in Outlook", start: at(start).toUTC().toISO()!, end: at(end).toUTC().toISO()! }]);
    await recoverNow();
    expect(await db.booking.findFirstOrThrow()).toMatchObject({ status: "failed", errorMessage: expect.stringContaining("taken in Outlook") });
    expect((await control().mailboxEvents(USERS.alice.email)).map((event) => event.subject)).toEqual(["Taken in Outlook"]);

    await db.booking.deleteMany();
    await control().setMailboxEvents(USERS.alice.email, []);
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    const past = DateTime.now().minus({ hours: 2 });
    await db.booking.updateMany({ data: { start: past.toJSDate(), end: past.plus({ minutes: 30 }).toJSDate() } });
    await recoverNow();
    expect(await db.booking.findFirstOrThrow()).toMatchObject({ status: "failed", errorMessage: expect.stringContaining("start time") });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(0);
  });

  it("guards a mailbox's time however the hub reaches it: own calendar and the same calendar shared with another account", async () => {
    await control().shareCalendar({ owner: USERS.alice.email, with: USERS.bob.email, canEdit: true });
    await connect(control(), admin, USERS.bob.email);
    const bob = (await db.connectedAccount.findFirstOrThrow({ where: { id: { not: alice } } })).id;
    // Alice's booking is recorded but not yet in Outlook, so only the hub's own record can refuse the second one.
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    await expect(book("Through Bob", { accountId: bob, mailbox: USERS.alice.email })).rejects.toMatchObject({ code: "slot_taken" });
    expect(await db.booking.count()).toBe(1);
  });

  it("refuses a slot that is busy in Outlook, and one whose availability cannot be checked", async () => {
    await control().setMailboxEvents(USERS.alice.email, [{ subject: "Already there", start: at(start).toUTC().toISO()!, end: at(end).toUTC().toISO()! }]);
    await expect(book()).rejects.toMatchObject({ code: "slot_taken" });
    await control().setMailboxEvents(USERS.alice.email, []);
    await control().addFault({ service: "graph", pathPattern: "calendarView", status: 500, times: 10 });
    await expect(book()).rejects.toMatchObject({ code: "availability_unknown" });
    expect(await db.booking.count()).toBe(0);
  });

  it("moves a booking to a free time and renames it, refusing a busy one", async () => {
    const { bookingId } = await book();
    await control().addMailboxEvents(USERS.alice.email, [
      { subject: "Blocker", start: at("2027-01-05T12:00").toUTC().toISO()!, end: at("2027-01-05T13:00").toUTC().toISO()! },
    ]);
    await expect(
      updateBooking(admin, { bookingId, time: { start: at("2027-01-05T12:00"), end: at("2027-01-05T12:30"), timeZone: ZONE } }),
    ).rejects.toMatchObject({ code: "slot_taken" });
    // Moving by a quarter of an hour overlaps its own old time, which must not count as busy.
    await updateBooking(admin, { bookingId, subject: "Planning (moved)", time: { start: at("2027-01-05T10:15"), end: at("2027-01-05T10:45"), timeZone: ZONE } });
    const stored = (await control().mailboxEvents(USERS.alice.email)).find((event) => event.subject.startsWith("Planning"));
    expect(stored).toMatchObject({ subject: "Planning (moved)", start: "2027-01-05T10:15:00.000Z", end: "2027-01-05T10:45:00.000Z" });
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ subject: "Planning (moved)", status: "confirmed" });
  });

  it("records a change before sending it: a lost answer leaves it 'updating' until it is sent again", async () => {
    const { bookingId } = await book();
    await unanswered("PATCH", "/events/", false);
    await expect(updateBooking(admin, { bookingId, subject: "Renamed", time: undefined })).rejects.toMatchObject({ code: "booking_pending" });
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ status: "updating", subject: "Renamed" });
    await recoverNow();
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ status: "confirmed", pendingChange: null });
    expect((await control().mailboxEvents(USERS.alice.email))[0]?.subject).toBe("Renamed");
  });

  it("puts the old details back when Microsoft refuses a change", async () => {
    const { bookingId } = await book();
    await control().addFault({ service: "graph", method: "PATCH", pathPattern: "/events/", status: 403, body: { error: { code: "ErrorAccessDenied", message: "Access is denied." } } });
    await expect(updateBooking(admin, { bookingId, subject: "Renamed", time: undefined })).rejects.toMatchObject({ code: "graph_forbidden" });
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ status: "confirmed", subject: "Planning meeting" });
  });

  it("cancels a booking by deleting its event; a lost answer keeps the time held until the delete is confirmed", async () => {
    const { bookingId } = await book();
    await unanswered("DELETE", "/events/", false);
    await expect(cancelBooking(admin, bookingId)).rejects.toMatchObject({ code: "booking_pending" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("cancelling");
    await expect(book("Meanwhile")).rejects.toMatchObject({ code: "slot_taken" });
    await recoverNow();
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(0);
    expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("cancelled");
    expect(await cancelBooking(admin, (await book("Next")).bookingId)).toMatchObject({ status: "cancelled" });
  });

  it("stops retrying after its attempts run out, settling on what Outlook shows", async () => {
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    await db.booking.updateMany({ data: { attempts: MAX_RECOVERY_ATTEMPTS } });
    await recoverNow();
    expect(await db.booking.findFirstOrThrow()).toMatchObject({ status: "failed", errorMessage: expect.stringContaining("its event is not in Outlook") });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(0);

    // A cancellation Microsoft never confirmed, with the event still in Outlook: the booking stays, and says so.
    await db.booking.deleteMany();
    const { bookingId } = await book("Kept");
    await unanswered("DELETE", "/events/", false);
    await expect(cancelBooking(admin, bookingId)).rejects.toMatchObject({ code: "booking_pending" });
    await db.booking.updateMany({ data: { attempts: MAX_RECOVERY_ATTEMPTS } });
    await recoverNow();
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      status: "confirmed",
      errorMessage: expect.stringContaining("the event is still in Outlook"),
    });
  });

  it("leaves a booking alone while its write is in flight (its lease), and takes it over once the lease runs out", async () => {
    await unanswered("POST", "/events$", false);
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    const sent = (await posts()).length;
    await db.booking.updateMany({ data: { leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await recoverNow()).toBe(0);
    expect(await posts()).toHaveLength(sent);
    await db.booking.updateMany({ data: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await recoverNow()).toBe(1);
    expect(await status()).toBe("confirmed");
  });

  it("counts an event already deleted in Outlook as cancelled, but not an account that lost its tokens", async () => {
    const { bookingId } = await book();
    await control().setMailboxEvents(USERS.alice.email, []);
    expect(await cancelBooking(admin, bookingId)).toMatchObject({ status: "cancelled" });

    const second = await book("Second");
    await db.accountToken.deleteMany();
    await expect(cancelBooking(admin, second.bookingId)).rejects.toMatchObject({ code: "account_not_connected" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: second.bookingId } })).status).toBe("confirmed");
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
  });
});
