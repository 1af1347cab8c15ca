import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { createUser } from "../auth/users";
import { db } from "../db";
import { cancelBooking } from "../integrations/office365/calendar/bookings";
import { listUpcomingBookings } from "../integrations/office365/calendar/booking-list";
import { recoverPendingSeries } from "../integrations/office365/calendar/series-writes";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { updateBookingMode } from "./booking-mode";
import { bookResource, cancelWholeSeries, changeBooking } from "./bookings";
import { createResource, type Resource } from "./resources";

/**
 * Repeating bookings (one series in Outlook, skipped dates deleted from it), Teams meetings, and rooms booked by
 * invitation answering for themselves — against the emulator, as Exchange behaves.
 */
const { control } = emulatorForThisFile();
const ZONE = "Europe/London";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });
const utc = (local: string) => at(local).toUTC().toISO()!;
let admin: SessionUser;
let staff: SessionUser;
let alice: string;
let room: Resource;

beforeEach(async () => {
  await control().reset();
  await resetResourceData();
  admin = await resetOffice365Data();
  staff = await createUser({ email: "desk@example.gov.uk", password: "a staff passphrase", role: "staff" });
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  alice = (await db.connectedAccount.findFirstOrThrow()).id;
  // Admin consent for the app's application permissions: the room is reached with application access.
  await control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
  const mailbox = await addApplicationMailbox(admin, USERS.room.email);
  room = await createResource(
    admin,
    { name: "Council Chamber", kind: "room", description: null, capacity: 60, building: "Town Hall", floor: null, wheelchairAccessible: true, equipmentNotes: null, whoCanBook: "staff", showOnBookingPage: true },
    { how: "application", mailboxId: mailbox.id },
  );
});

// Tuesdays from 5 January 2027, 10:00 to 11:00 London time.
const TUESDAYS = ["2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26"];
const weekly = (overrides: Record<string, unknown> = {}) =>
  bookResource(staff, {
    resourceId: room.id,
    subject: "Licensing committee",
    start: at(`${TUESDAYS[0]}T10:00`),
    end: at(`${TUESDAYS[0]}T11:00`),
    timeZone: ZONE,
    repeat: { frequency: "weekly", count: 4 },
    ...overrides,
  });
const masters = async (email: string = USERS.room.email) => (await control().mailboxEvents(email)).filter((event) => event.type === "seriesMaster");

describe("a repeating booking", () => {
  it("is refused, listing the date that is not free, until that date is skipped; then it is one series without it", async () => {
    await control().addMailboxEvents(USERS.room.email, [{ subject: "Full council", start: utc(`${TUESDAYS[1]}T10:30`), end: utc(`${TUESDAYS[1]}T12:00`) }]);
    await expect(weekly()).rejects.toMatchObject({
      code: "repeat_conflicts",
      field: "repeat",
      message: "1 of the 4 dates is not free in Council Chamber: Tuesday 12 January 2027 (already booked). Book the 3 free dates, or change the request.",
      params: { dates: [expect.objectContaining({ date: TUESDAYS[1], status: "busy", reason: "already booked" })] },
    });
    expect(await masters()).toEqual([]);
    expect(await db.booking.count()).toBe(0);

    const booked = await weekly({ skipDates: [TUESDAYS[1]] });
    expect(booked).toMatchObject({ status: "confirmed", series: { dates: 3, skippedDates: [TUESDAYS[1]], repeat: "Every week on Tuesday, 3 dates to Tuesday 26 January 2027" } });
    const [series] = await masters();
    expect(series).toMatchObject({
      subject: "Licensing committee",
      recurrence: { pattern: { type: "weekly", daysOfWeek: ["tuesday"] }, range: { type: "numbered", numberOfOccurrences: 4, startDate: TUESDAYS[0] } },
      deletedOccurrences: [utc(`${TUESDAYS[1]}T10:00`)],
    });
    const rows = await db.booking.findMany({ orderBy: { start: "asc" } });
    expect(rows.map((row) => [DateTime.fromJSDate(row.start).setZone(ZONE).toISODate(), row.status])).toEqual([
      [TUESDAYS[0], "confirmed"],
      [TUESDAYS[2], "confirmed"],
      [TUESDAYS[3], "confirmed"],
    ]);
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(3);
    // The hub holds those dates: the same repeat again is refused for all three.
    await expect(weekly({ skipDates: [TUESDAYS[1]] })).rejects.toMatchObject({ code: "repeat_conflicts", params: { count: 4 } });
  });

  it("can lose one date, or the rest of its series, and never a date someone else made", async () => {
    const booked = await weekly();
    const [second, third] = booked.series!.bookingIds.slice(1);
    const other = await createUser({ email: "other@example.gov.uk", password: "another staff passphrase", role: "staff" });
    await expect(cancelWholeSeries(other, second!)).rejects.toMatchObject({ code: "not_your_booking" });

    await cancelBooking(staff, second!);
    expect((await masters())[0]!.deletedOccurrences).toHaveLength(1);
    // Moving one date makes it an exception of its own; the series keeps the others.
    await changeBooking(staff, { bookingId: third!, time: { start: at(`${TUESDAYS[2]}T14:00`), end: at(`${TUESDAYS[2]}T15:00`), timeZone: ZONE } });
    const view = await control().mailboxEvents(USERS.room.email);
    expect(view.filter((event) => event.type === "exception").map((event) => event.start)).toEqual([utc(`${TUESDAYS[2]}T14:00`)]);

    const cancelled = await cancelWholeSeries(staff, booked.bookingId);
    expect(cancelled.status).toBe("cancelled");
    expect(await masters()).toEqual([]);
    expect((await db.booking.findMany()).map((row) => row.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
  });

  it("never becomes a second series when Microsoft's answer to the create is lost", async () => {
    await control().addFault({ service: "graph", method: "POST", pathPattern: "/events$", status: 503, headers: { "Retry-After": "0" }, afterHandling: true, times: 3 });
    await expect(weekly()).rejects.toMatchObject({ code: "booking_pending" });
    expect((await db.bookingSeries.findFirstOrThrow()).status).toBe("pending");
    expect(await recoverPendingSeries({ olderThanMs: 0 })).toBe(1);
    expect(await masters()).toHaveLength(1);
    expect((await db.booking.findMany()).map((row) => row.status)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
  });

  it("lists its dates in My bookings with how it repeats", async () => {
    await weekly();
    const mine = await listUpcomingBookings(ZONE, staff, { mine: true });
    expect(mine.map((booking) => booking.repeat)).toEqual(Array(4).fill("Every week on Tuesday, 4 dates"));
  });
});

describe("a Teams meeting", () => {
  it("is made where the calendar allows Teams, with its join link, and refused where it does not", async () => {
    const booked = await bookResource(staff, { resourceId: room.id, subject: "Hybrid briefing", start: at("2027-01-05T10:00"), end: at("2027-01-05T11:00"), timeZone: ZONE, teams: true });
    const [event] = await control().mailboxEvents(USERS.room.email);
    expect(event).toMatchObject({ isOnlineMeeting: true, joinUrl: expect.stringContaining("https://teams.microsoft.com/l/meetup-join/") });
    expect(booked.joinUrl).toBe(event!.joinUrl);

    await control().setOnlineMeetingProviders(USERS.room.email, { allowedOnlineMeetingProviders: [] });
    // The administrator saving the booking mode reads the calendar's providers again.
    await updateBookingMode(admin, room.id, { mode: "direct", organiserId: null });
    await expect(
      bookResource(staff, { resourceId: room.id, subject: "Hybrid briefing", start: at("2027-01-06T10:00"), end: at("2027-01-06T11:00"), timeZone: ZONE, teams: true }),
    ).rejects.toMatchObject({ code: "teams_not_available", field: "teams" });
  });
});

describe("a room booked by invitation", () => {
  beforeEach(async () => {
    await updateBookingMode(admin, room.id, { mode: "invitation", organiserId: alice });
  });
  const book = (start: string, end: string, subject = "Budget scrutiny") => bookResource(staff, { resourceId: room.id, subject, start: at(start), end: at(end), timeZone: ZONE });

  it("is written to the organiser's calendar with the room invited, and shows the room's answer", async () => {
    const booked = await book("2027-01-05T10:00", "2027-01-05T11:00");
    expect(booked).toMatchObject({ status: "confirmed", roomResponse: "accepted" });
    const [invitation] = await control().mailboxEvents(USERS.alice.email);
    expect(invitation).toMatchObject({ subject: "Budget scrutiny", attendeeResponses: [{ address: USERS.room.email, type: "resource", response: "accepted" }] });
    // Exchange renames the room's copy: the hub matches it by iCalUId, so moving the booking is not refused by it.
    const [copy] = await control().mailboxEvents(USERS.room.email);
    expect(copy!.subject).toBe("Alice Admin");
    const moved = await changeBooking(staff, { bookingId: booked.bookingId, time: { start: at("2027-01-05T10:30"), end: at("2027-01-05T11:30"), timeZone: ZONE } });
    expect(moved).toMatchObject({ status: "confirmed", roomResponse: "accepted" });
  });

  it("says plainly when the room declines, and the declined time is not held", async () => {
    await control().setCalendarProcessing(USERS.room.email, { maximumDurationInMinutes: 60 });
    const declined = await book("2027-01-05T10:00", "2027-01-05T12:00");
    expect(declined.roomResponse).toBe("declined");
    expect(await control().mailboxEvents(USERS.room.email)).toEqual([]);
    const [mine] = await listUpcomingBookings(ZONE, staff, { mine: true });
    expect(mine).toMatchObject({ roomResponse: "declined" });
    expect(await book("2027-01-05T10:00", "2027-01-05T11:00", "Shorter")).toMatchObject({ roomResponse: "accepted" });
  });

  it("repeating, asks the room only for the dates booked, so one busy week does not decline the series", async () => {
    await control().addMailboxEvents(USERS.room.email, [{ subject: "Full council", start: utc(`${TUESDAYS[1]}T10:00`), end: utc(`${TUESDAYS[1]}T11:00`) }]);
    const booked = await weekly({ skipDates: [TUESDAYS[1]] });
    expect(booked.roomResponse).toBe("accepted");
    const [series] = await masters(USERS.alice.email);
    expect(series).toMatchObject({ attendeeResponses: [{ address: USERS.room.email, response: "accepted" }] });
    const rows = await db.booking.findMany({ orderBy: { start: "asc" } });
    expect(rows.map((row) => row.roomResponse)).toEqual(["accepted", "accepted", "accepted"]);
  });
});
