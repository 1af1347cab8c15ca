import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { createUser } from "../auth/users";
import { db } from "../db";
import { listCalendars } from "../integrations/office365/calendar/calendars";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { createBooking } from "../integrations/office365/calendar/bookings";
import { adoptEarlierBookings } from "./adopt";
import { resourcesAvailability, slotStartingAt } from "./availability";
import { bookResource, changeBooking } from "./bookings";
import { findFreeResources } from "./find";
import { createResource, removeResource, updateResourceRules } from "./resources";
import { DEFAULT_RULES } from "./rules-schema";
import type { ResourceDetails } from "./schemas";

const { control } = emulatorForThisFile();
const ZONE = "Europe/London";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });
let admin: SessionUser;
let staff: SessionUser;
let alice: string;

const details = (overrides: Partial<ResourceDetails> = {}): ResourceDetails => ({
  name: "Council Chamber",
  kind: "room",
  description: null,
  capacity: 60,
  building: "Town Hall",
  floor: "1",
  wheelchairAccessible: true,
  equipmentNotes: null,
  whoCanBook: "staff",
  showOnBookingPage: true,
  ...overrides,
});

beforeEach(async () => {
  await control().reset();
  await resetResourceData();
  admin = await resetOffice365Data();
  staff = await createUser({ email: "desk@example.gov.uk", password: "a staff passphrase", role: "staff" });
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  alice = (await db.connectedAccount.findFirstOrThrow()).id;
});

/** The council chamber, reached as a calendar shared with Alice (with edit rights, as seeded). */
async function chamber(overrides: Partial<ResourceDetails> = {}) {
  const calendarId = (await listCalendars({ accountId: alice, mailbox: USERS.room.email }))[0]!.id;
  return createResource(admin, details(overrides), { how: "shared", accountId: alice, sharedMailbox: USERS.room.email, calendarId });
}

/** Rooms reached with application access after admin consent, as a council usually does. */
async function applicationRoom(email: string, name: string, capacity: number) {
  const mailbox = await addApplicationMailbox(admin, email);
  return createResource(admin, details({ name, capacity }), { how: "application", mailboxId: mailbox.id });
}

const day = "2027-01-05";
const slotAt = (answer: Awaited<ReturnType<typeof resourcesAvailability>>, time: string) => slotStartingAt(answer.resources[0]!, at(`${day}T${time}`).toMillis());

describe("a resource's calendar", () => {
  it("is read from Microsoft before it is saved, and named as Microsoft names it", async () => {
    const resource = await chamber();
    expect(resource.calendar).toMatchObject({ how: "shared", address: USERS.room.email, calendarName: "Calendar", isDefaultCalendar: true, sharedMailbox: USERS.room.email });
    expect(resource.rules).toEqual(DEFAULT_RULES);
  });

  it("is refused, with nothing saved, when the hub cannot read it", async () => {
    await expect(
      createResource(admin, details({ name: "Bob's diary" }), { how: "shared", accountId: alice, sharedMailbox: USERS.bob.email, calendarId: "AAMkAGNotShared=" }),
    ).rejects.toMatchObject({ field: "calendarId" });
    expect(await db.resource.count()).toBe(0);
  });

  it("cannot be made into a second resource", async () => {
    await chamber();
    await expect(chamber({ name: "Chamber again" })).rejects.toMatchObject({ code: "resource_exists" });
  });
});

describe("availability under the rules", () => {
  it("says why each slot is not free: closed, too soon, busy in Outlook", async () => {
    const resource = await chamber();
    await control().setMailboxEvents(USERS.room.email, [{ subject: "Full council", start: at(`${day}T10:00`).toUTC().toISO()!, end: at(`${day}T11:00`).toUTC().toISO()! }]);
    const answer = await resourcesAvailability(staff, { resources: [resource.id], start: at(`${day}T00:00`), end: at(`${day}T00:00`).plus({ days: 1 }), timeZone: ZONE });
    expect(answer.resources[0]).toMatchObject({ name: "Council Chamber", status: "ok", slotMinutes: 30 });
    expect(slotAt(answer, "07:30")).toBeUndefined();
    expect(answer.resources[0]!.periods[0]).toMatchObject({ status: "closed", reason: "Outside opening hours" });
    expect([slotAt(answer, "09:30")?.status, slotAt(answer, "10:00")?.status, slotAt(answer, "10:30")?.status, slotAt(answer, "11:00")?.status]).toEqual(["free", "busy", "busy", "free"]);
    // The meeting's two busy slots are one period; so are the free slots either side of it.
    const iso = (time: string) => at(`${day}T${time}`).toISO({ suppressMilliseconds: true });
    expect(answer.resources[0]!.periods.filter((period) => period.status === "busy")).toEqual([{ start: iso("10:00"), end: iso("11:00"), status: "busy" }]);
    expect(answer.resources[0]!.periods.map((period) => period.status)).toEqual(["closed", "free", "busy", "free", "closed"]);
    const saturday = await resourcesAvailability(staff, { resources: [resource.id], start: at("2027-01-09T00:00"), end: at("2027-01-10T00:00"), timeZone: ZONE });
    expect(saturday.resources[0]!.periods).toEqual([expect.objectContaining({ status: "closed", reason: "Closed on Saturdays" })]);
  });

  it("is refused to staff for a resource only administrators may book, and answered to administrators", async () => {
    const resource = await chamber({ whoCanBook: "admin" });
    const request = { resources: [resource.id], start: at(`${day}T09:00`), end: at(`${day}T10:00`), timeZone: ZONE };
    await expect(resourcesAvailability(staff, request)).rejects.toMatchObject({ code: "resource_admins_only", field: "resources.0" });
    expect((await resourcesAvailability(admin, request)).resources).toHaveLength(1);
  });

  it("is unknown, saying why, when the calendar's account has gone — never free", async () => {
    const resource = await chamber();
    await db.connectedAccount.deleteMany();
    const answer = await resourcesAvailability(staff, { resources: [resource.id], start: at(`${day}T09:00`), end: at(`${day}T12:00`), timeZone: ZONE });
    expect(answer.resources[0]).toMatchObject({ status: "unknown", error: { code: "unknown_account" } });
    expect(answer.resources[0]!.periods.every((period) => period.status !== "free")).toBe(true);
  });

  it("is unknown only for the resources whose account needs reconnecting, when asked for with others", async () => {
    await control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
    const small = await applicationRoom("room.civic-b@council.example", "Meeting Room B", 6);
    const resource = await chamber();
    const twelve = await applicationRoom("room.committee-1@council.example", "Committee Room 1", 12);
    await db.connectedAccount.updateMany({ data: { status: "reconnect_required" } });
    const answer = await resourcesAvailability(staff, { resources: [small.id, resource.id, twelve.id], start: at(`${day}T09:00`), end: at(`${day}T12:00`), timeZone: ZONE });
    expect(answer.resources.map((each) => [each.name, each.status, each.error?.code])).toEqual([
      ["Meeting Room B", "ok", undefined],
      ["Council Chamber", "unknown", "reconnect_required"],
      ["Committee Room 1", "ok", undefined],
    ]);
    expect(answer.resources[1]!.error?.message).toContain(USERS.alice.email);
    expect(answer.resources[0]!.periods.some((period) => period.status === "free")).toBe(true);
  });
});

describe("booking a resource", () => {
  it("refuses a booking that breaks a rule, naming it, and books one that keeps them", async () => {
    const resource = await chamber();
    const book = (start: string, end: string) => bookResource(staff, { resourceId: resource.id, subject: "Surgery", start: at(start), end: at(end), timeZone: ZONE });
    await expect(book(`${day}T07:00`, `${day}T08:00`)).rejects.toMatchObject({ code: "rule_outside_hours", message: expect.stringContaining("open from 08:00 to 18:00 on Tuesdays") });
    await expect(book(`${day}T09:00`, `${day}T14:00`)).rejects.toMatchObject({ code: "rule_too_long" });
    await expect(book("2027-01-09T10:00", "2027-01-09T11:00")).rejects.toMatchObject({ code: "rule_closed" });
    const booked = await book(`${day}T10:00`, `${day}T11:00`);
    expect(booked.status).toBe("confirmed");
    expect(await db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } })).toMatchObject({ resourceId: resource.id, location: "Council Chamber" });
    await expect(book(`${day}T10:30`, `${day}T11:30`)).rejects.toMatchObject({ code: "slot_taken" });
    expect(await control().mailboxEvents(USERS.room.email)).toHaveLength(1);
  });

  it("keeps buffers around bookings, and lets the hub's own bookings share a slot up to its places", async () => {
    const resource = await chamber({ name: "Drop-in advice" });
    await updateResourceRules(admin, resource.id, { ...DEFAULT_RULES, placesPerSlot: 2, bufferAfterMinutes: 15 }, true);
    const book = (subject: string, start: string, end: string) => bookResource(staff, { resourceId: resource.id, subject, start: at(start), end: at(end), timeZone: ZONE });
    await book("First", `${day}T10:00`, `${day}T10:30`);
    await book("Second", `${day}T10:00`, `${day}T10:30`);
    await expect(book("Third", `${day}T10:00`, `${day}T10:30`)).rejects.toMatchObject({ code: "rule_full" });
    // An event not made by the hub blocks, buffer included.
    await control().addMailboxEvents(USERS.room.email, [{ subject: "Cleaning", start: at(`${day}T14:00`).toUTC().toISO()!, end: at(`${day}T14:30`).toUTC().toISO()! }]);
    await expect(book("Too close", `${day}T13:30`, `${day}T14:00`)).rejects.toMatchObject({ code: "rule_buffer" });
    await expect(book("Overlaps", `${day}T14:00`, `${day}T14:30`)).rejects.toMatchObject({ code: "slot_taken" });
    const answer = await resourcesAvailability(staff, { resources: [resource.id], start: at(`${day}T10:00`), end: at(`${day}T11:00`), timeZone: ZONE });
    expect(slotAt(answer, "10:00")).toMatchObject({ status: "full", placesLeft: 0 });
  });

  it("moves a booking only within the rules, and only for whoever may change it", async () => {
    const resource = await chamber();
    const booked = await bookResource(staff, { resourceId: resource.id, subject: "Surgery", start: at(`${day}T10:00`), end: at(`${day}T11:00`), timeZone: ZONE });
    const move = (start: string, end: string, actor = staff) =>
      changeBooking(actor, { bookingId: booked.bookingId, time: { start: at(start), end: at(end), timeZone: ZONE } });
    await expect(move(`${day}T17:30`, `${day}T18:30`)).rejects.toMatchObject({ code: "rule_outside_hours" });
    const other = await createUser({ email: "other@example.gov.uk", password: "another staff passphrase", role: "staff" });
    await expect(move(`${day}T12:00`, `${day}T13:00`, other)).rejects.toMatchObject({ code: "not_your_booking" });
    // Its own time is free to the person moving it, and only to them.
    const window = { resources: [resource.id], start: at(`${day}T10:00`), end: at(`${day}T11:00`), timeZone: ZONE };
    expect(slotAt(await resourcesAvailability(staff, window), "10:00")).toMatchObject({ status: "busy" });
    expect(slotAt(await resourcesAvailability(staff, { ...window, ignoreBookingId: booked.bookingId }), "10:00")).toMatchObject({ status: "free" });
    await expect(resourcesAvailability(other, { ...window, ignoreBookingId: booked.bookingId })).rejects.toMatchObject({ code: "not_your_booking" });
    // Moving onto its own time (overlapping itself) is fine.
    expect(await move(`${day}T10:30`, `${day}T11:30`)).toMatchObject({ status: "confirmed" });
    expect((await control().mailboxEvents(USERS.room.email))[0]).toMatchObject({ start: at(`${day}T10:30`).toUTC().toISO() });
  });

  it("stays, in Outlook and in the hub, when its resource is removed", async () => {
    const resource = await chamber();
    const booked = await bookResource(staff, { resourceId: resource.id, subject: "Surgery", start: at(`${day}T10:00`), end: at(`${day}T11:00`), timeZone: ZONE });
    expect(await removeResource(admin, resource.id)).toEqual({ name: "Council Chamber", bookings: 1 });
    expect(await db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } })).toMatchObject({ status: "confirmed", resourceId: null });
    expect(await control().mailboxEvents(USERS.room.email)).toHaveLength(1);
  });
});

describe("find a room", { timeout: 30_000 }, () => {
  it("lists the rooms free for the whole time, best fit first, and those Microsoft did not answer for apart", async () => {
    await control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
    const small = await applicationRoom("room.civic-b@council.example", "Meeting Room B", 6);
    const twelve = await applicationRoom("room.committee-1@council.example", "Committee Room 1", 12);
    const twenty = await applicationRoom("room.training-suite@council.example", "Training Suite", 20);
    const sixty = await applicationRoom("room.council-chamber@council.example", "Council Chamber", 60);
    await control().setMailboxEvents("room.training-suite@council.example", [{ subject: "Induction", start: at(`${day}T09:00`).toUTC().toISO()!, end: at(`${day}T12:00`).toUTC().toISO()! }]);
    const found = await findFreeResources(staff, { start: at(`${day}T10:00`), end: at(`${day}T11:00`), minCapacity: 12 });
    expect(found.free.map((room) => room.name)).toEqual(["Committee Room 1", "Council Chamber"]);
    expect(found.free.map((room) => room.id)).toEqual([twelve.id, sixty.id]);
    expect(found.free.map((room) => room.id)).not.toContain(small.id);
    expect(found.free.map((room) => room.id)).not.toContain(twenty.id);
    // 20 addresses a request at most: four rooms, one request.
    const schedules = (await control().requests()).filter((request) => request.path.endsWith("/getSchedule"));
    expect(schedules.at(-1)?.json).toMatchObject({ schedules: expect.arrayContaining(["room.committee-1@council.example"]) });

    await control().addFault({ service: "graph", pathPattern: "getSchedule", status: 503, headers: { "Retry-After": "0" }, times: 10 });
    const outage = await findFreeResources(staff, { start: at(`${day}T10:00`), end: at(`${day}T11:00`), minCapacity: 12 });
    expect(outage.free).toEqual([]);
    expect(outage.unknown.map((room) => room.name).sort()).toEqual(["Committee Room 1", "Council Chamber", "Training Suite"]);
  });
});

describe("earlier bookings", () => {
  it("become resources named after their calendar, once, so nothing disappears for staff", async () => {
    const calendarId = (await listCalendars({ accountId: alice, mailbox: USERS.room.email }))[0]!.id;
    await createBooking(admin, { accountId: alice, mailbox: USERS.room.email, calendarId, subject: "Before resources", start: at(`${day}T10:00`), end: at(`${day}T11:00`), timeZone: ZONE, attendees: [] });
    expect(await adoptEarlierBookings()).toEqual({ created: 1, linked: 1 });
    const resource = await db.resource.findFirstOrThrow();
    expect(resource).toMatchObject({ name: "Council Chamber", calendarOwner: USERS.room.email, sharedMailbox: USERS.room.email, whoCanBook: "staff" });
    expect((await db.booking.findFirstOrThrow()).resourceId).toBe(resource.id);
    expect(await adoptEarlierBookings()).toEqual({ created: 0, linked: 0 });
  });
});
