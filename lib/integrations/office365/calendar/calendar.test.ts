import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { USERS } from "../../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../../../scripts/test/office365";
import type { SessionUser } from "../../../auth/session";
import { db } from "../../../db";
import { getAvailability } from "./availability";
import { cancelBooking, createBooking, recoverPendingBookings, updateBooking } from "./bookings";
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
      // A particular calendar is read event by event, and those events come back too; free/busy alone has none.
      expect(result.calendars[0]?.events?.map((event) => event.subject)).toEqual("calendarId" in calendars[0]! ? ["free", "tentative", "busy", "oof", "workingElsewhere"] : undefined);
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
    await control().createCalendar(USERS.alice.email, { name: "Extra" });
    const calendars = await listCalendars({ accountId: alice });
    await control().clearConcurrency();
    // One throttling answer first, then slow answers so that requests overlap.
    await control().addFault({
      service: "graph",
      pathPattern: "calendarView",
      status: 429,
      headers: { "Retry-After": "1" },
      body: { error: { code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." } },
      times: 1,
    });
    await control().addFault({ service: "graph", pathPattern: "calendarView", delayMs: 150, times: 12 });
    const refs = [...calendars, ...calendars, ...calendars, ...calendars].map((calendar) => ({ accountId: alice, calendarId: calendar.id }));
    const result = await getAvailability({ calendars: refs, start: at(`${day}T09:00`), end: at(`${day}T10:00`), timeZone: ZONE, slotMinutes: 60 });
    expect(result.calendars.every((calendar) => calendar.status === "ok")).toBe(true);
    const highest = await control().concurrency();
    expect(highest[USERS.alice.email]).toBeLessThanOrEqual(4);
    expect((await graphRequests(/calendarView$/)).some((request) => request.status === 429)).toBe(true);
  });
});

describe("bookings", () => {
  const start = "2027-01-05T10:00";
  const end = "2027-01-05T10:30";
  const book = async (subject = "Planning meeting") => {
    const calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
    return createBooking(admin, { accountId: alice, calendarId, subject, start: at(start), end: at(end), timeZone: ZONE, attendees: ["bob.bookings@council.example"] });
  };

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
    expect((await graphRequests(/\/events$/)).filter((request) => request.method === "POST")).toHaveLength(2);
  });

  it("keeps a booking pending when Microsoft does not answer, and completes it later without doubling it", { timeout: 30_000 }, async () => {
    await control().addFault({ service: "graph", method: "POST", pathPattern: "/events$", status: 503, afterHandling: true, times: 4 });
    await expect(book()).rejects.toMatchObject({ code: "booking_pending" });
    expect((await db.booking.findFirstOrThrow()).status).toBe("pending");
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
    expect(await recoverPendingBookings(0)).toBe(1);
    expect((await db.booking.findFirstOrThrow()).status).toBe("confirmed");
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(1);
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
    expect(await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ subject: "Planning (moved)" });
  });

  it("cancels a booking by deleting its event", async () => {
    const { bookingId } = await book();
    expect(await cancelBooking(admin, bookingId)).toMatchObject({ status: "cancelled" });
    expect(await control().mailboxEvents(USERS.alice.email)).toHaveLength(0);
    expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("cancelled");
  });
});
