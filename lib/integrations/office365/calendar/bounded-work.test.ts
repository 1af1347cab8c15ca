import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { USERS } from "../../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../../../scripts/test/office365";
import type { SessionUser } from "../../../auth/session";
import { createUser } from "../../../auth/users";
import { db } from "../../../db";
import { getAvailability, MAX_AVAILABILITY_EVENTS } from "./availability";
import { listUpcomingBookings } from "./booking-list";
import { cancelBooking, createBooking, updateBooking } from "./bookings";
import { listCalendars } from "./calendars";

const { control } = emulatorForThisFile();
const ZONE = "Europe/London";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });
let admin: SessionUser;
let alice: string;
let calendarId: string;

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await db.booking.deleteMany();
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  alice = (await db.connectedAccount.findFirstOrThrow()).id;
  calendarId = (await listCalendars({ accountId: alice })).find((calendar) => calendar.isDefault)!.id;
  await control().clearRequests();
});

const views = async () => (await control().requests()).filter((request) => request.service === "graph" && request.path.endsWith("/calendarView"));
const week = { start: at("2027-01-04T00:00"), end: at("2027-01-11T00:00"), timeZone: ZONE, slotMinutes: 30 };

describe("availability does work in proportion to its answer", () => {
  it("reads the same calendar once however often and however it is written, and answers it once", async () => {
    const copies = Array.from({ length: 100 }, (_, i) => ({
      accountId: alice,
      calendarId,
      // The account's own address as its "shared mailbox" is its own calendar too.
      ...(i % 3 === 0 ? { mailbox: USERS.alice.email } : {}),
    }));
    const result = await getAvailability({ calendars: copies, ...week });
    expect(await views()).toHaveLength(1);
    expect(result.calendars).toHaveLength(1);
    expect(result.calendars[0]!.requested).toEqual(copies.map((_, i) => i));
  });

  it("asks only for what decides free or busy (and whose event it is), and reports a calendar with too many events as unknown", async () => {
    await getAvailability({ calendars: [{ accountId: alice, calendarId }], ...week });
    const [view] = await views();
    // id and iCalUId tell the hub's own bookings apart: its event, or a room's copy of its invitation.
    expect(view?.query.$select?.split(",").sort()).toEqual(["end", "iCalUId", "id", "isCancelled", "showAs", "start"]);

    const crowded = Array.from({ length: MAX_AVAILABILITY_EVENTS + 1 }, (_, i) => {
      const start = at("2027-01-04T08:00").plus({ seconds: i * 30 });
      return { subject: `Slot ${i}`, start: start.toUTC().toISO()!, end: start.plus({ seconds: 30 }).toUTC().toISO()! };
    });
    await control().setMailboxEvents(USERS.alice.email, crowded);
    const result = await getAvailability({ calendars: [{ accountId: alice, calendarId }], ...week });
    expect(result.calendars[0]).toMatchObject({ status: "unknown", error: { code: "too_many_events" } });
    expect(result.slots.every((slot) => slot.status !== "free")).toBe(true);
  });

  it("shares one read between many identical requests in flight", async () => {
    await control().addFault({ service: "graph", pathPattern: "calendarView", delayMs: 200, times: 5 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => getAvailability({ calendars: [{ accountId: alice, calendarId }], ...week })));
    expect(answers.every((answer) => answer.calendars[0]!.status === "ok")).toBe(true);
    expect(await views()).toHaveLength(1);
  });
});

describe("bookings belong to who made them", () => {
  it("lets staff change or cancel only their own bookings, and administrators anyone's", async () => {
    const sam = await createUser({ email: "sam@example.gov.uk", password: "a staff passphrase", role: "staff" });
    const kim = await createUser({ email: "kim@example.gov.uk", password: "another staff passphrase", role: "staff" });
    const booking = await createBooking(sam, { accountId: alice, calendarId, subject: "Sam's meeting", start: at("2027-01-05T10:00"), end: at("2027-01-05T10:30"), timeZone: ZONE, attendees: [] });

    await expect(updateBooking(kim, { bookingId: booking.bookingId, subject: "Hijacked", attendees: ["anyone@example.org"], time: undefined })).rejects.toMatchObject({
      code: "not_your_booking",
    });
    await expect(cancelBooking(kim, booking.bookingId)).rejects.toMatchObject({ code: "not_your_booking" });
    const events = await control().mailboxEvents(USERS.alice.email);
    expect(events).toEqual([expect.objectContaining({ subject: "Sam's meeting", attendees: [] })]);
    // Nothing was sent to Microsoft for the refused attempts.
    expect((await control().requests()).filter((request) => request.method === "PATCH" || request.method === "DELETE")).toHaveLength(0);

    // Staff see only their own bookings; administrators everyone's.
    expect(await listUpcomingBookings(ZONE, kim)).toEqual([]);
    expect((await listUpcomingBookings(ZONE, sam))[0]).toMatchObject({ mine: true, canChange: true });
    expect((await listUpcomingBookings(ZONE, admin))[0]).toMatchObject({ mine: false, canChange: true });

    await expect(updateBooking(sam, { bookingId: booking.bookingId, subject: "Sam's meeting (renamed)", time: undefined })).resolves.toMatchObject({ status: "confirmed" });
    await expect(cancelBooking(admin, booking.bookingId)).resolves.toMatchObject({ status: "cancelled" });
  });
});

describe("refusals in words the reader can act on", () => {
  it("says a mailbox is not shared with the account, rather than asking for a permission it already has", async () => {
    const result = await getAvailability({ calendars: [{ accountId: alice, mailbox: USERS.bob.email, calendarId }], ...week });
    expect(result.calendars[0]?.error).toMatchObject({ code: expect.stringMatching(/mailbox_not_shared|not_found/) });
    await expect(listCalendars({ accountId: alice, mailbox: USERS.bob.email })).rejects.toMatchObject({
      code: "mailbox_not_shared",
      message: expect.stringContaining(`${USERS.bob.email} is not shared with ${USERS.alice.email}`),
    });
  });
});
