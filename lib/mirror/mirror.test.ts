import { DateTime } from "luxon";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, resetOffice365Data } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { forgetEnvironment } from "../config";
import { db } from "../db";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { resourcesAvailability } from "../resources/availability";
import { bookResource } from "../resources/bookings";
import { cancelBooking } from "../integrations/office365/calendar/bookings";
import { createResource, type Resource } from "../resources/resources";
import type { ResourceDetails } from "../resources/schemas";
import { ensureMirrors } from "./scheduler";
import { syncMirror } from "./sync";

/**
 * The mirror against the emulator's calendarView delta: a full read page by page, then only the changes; removals;
 * Microsoft letting the state go (410); the window moving with the date; availability answered from the mirror with no
 * Graph request while it is fresh, and live — or unknown — when it is not; the hub's own bookings at once.
 */
const { control } = emulatorForThisFile();
const ZONE = "Europe/London";
const ROOM = "room.committee-1@council.example";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE });
const day = "2027-01-05";
let admin: SessionUser;
let room: Resource;

const details: ResourceDetails = {
  name: "Committee Room 1",
  kind: "room",
  description: null,
  capacity: 12,
  building: "Town Hall",
  floor: null,
  wheelchairAccessible: true,
  equipmentNotes: null,
  whoCanBook: "staff",
  showOnBookingPage: true,
};

const event = (subject: string, start: string, minutes = 60) => ({
  subject,
  start: at(`${day}T${start}`).toUTC().toISO()!,
  end: at(`${day}T${start}`).plus({ minutes }).toUTC().toISO()!,
});
const deltaRequests = async () => (await control().requests()).filter((request) => request.service === "graph" && /calendarView\/delta/i.test(request.path));
const graphRequests = async () => (await control().requests()).filter((request) => request.service === "graph");
const mirrored = () => db.mirrorEvent.findMany({ where: { resourceId: room.id }, orderBy: { start: "asc" } });
const mirror = () => db.calendarMirror.findUniqueOrThrow({ where: { resourceId: room.id } });
const dayAvailability = () =>
  resourcesAvailability(admin, { resources: [room.id], start: at(`${day}T00:00`), end: at(`${day}T00:00`).plus({ days: 1 }), timeZone: ZONE });
const statusAt = (answer: Awaited<ReturnType<typeof dayAvailability>>, time: string) =>
  answer.resources[0]!.slots.find((slot) => slot.start === at(`${day}T${time}`).toISO({ suppressMilliseconds: true }))?.status;

beforeEach(async () => {
  process.env.HUB_NOTIFICATIONS = "off";
  forgetEnvironment();
  await control().reset();
  await resetResourceData();
  admin = await resetOffice365Data();
  await configure(admin);
  await control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
  const mailbox = await addApplicationMailbox(admin, ROOM);
  room = await createResource(admin, details, { how: "application", mailboxId: mailbox.id });
  await ensureMirrors();
});

afterAll(() => {
  delete process.env.HUB_NOTIFICATIONS;
  forgetEnvironment();
});

describe("delta rounds", { timeout: 30_000 }, () => {
  it("read the window page by page to the deltaLink, then only what changed; removed and cancelled events leave", async () => {
    await control().setConfig({ maxPageSize: 4 });
    const seeds = Array.from({ length: 10 }, (_, i) => event(`Meeting ${i + 1}`, `${String(8 + i).padStart(2, "0")}:00`, 30));
    const stored = await control().setMailboxEvents(ROOM, seeds);
    await control().clearRequests();
    await syncMirror(room.id);
    expect((await mirrored()).map((row) => row.start.toISOString())).toEqual(seeds.map((seed) => new Date(seed.start).toISOString()));
    // 10 events, 4 a page: three pages, the last with the deltaLink.
    expect(await deltaRequests()).toHaveLength(3);
    expect((await mirror()).deltaLink).toMatch(/^https:\/\//);
    expect((await mirror()).eventCount).toBe(10);

    // Behind the hub's back: one moved, one deleted, one added.
    await control().changeMailboxEvent(ROOM, stored[0]!.id, { start: at(`${day}T18:00`).toUTC().toISO()!, end: at(`${day}T19:00`).toUTC().toISO()! });
    await control().deleteMailboxEvent(ROOM, stored[1]!.id);
    await control().addMailboxEvents(ROOM, [event("Added", "20:00")]);
    await control().clearRequests();
    await syncMirror(room.id);
    const rows = await mirrored();
    expect(rows).toHaveLength(10);
    expect(rows.find((row) => row.eventId === stored[0]!.id)?.start.toISOString()).toBe(at(`${day}T18:00`).toUTC().toISO());
    expect(rows.some((row) => row.eventId === stored[1]!.id)).toBe(false);
    // Only the changes came: one page.
    expect(await deltaRequests()).toHaveLength(1);
  });

  it("read the whole window again when Microsoft has let the round's state go (410 Gone)", async () => {
    await control().setMailboxEvents(ROOM, [event("Kept", "09:00")]);
    await syncMirror(room.id);
    const first = await mirror();
    await control().expireDeltaTokens();
    await control().setMailboxEvents(ROOM, [event("Kept", "09:00"), event("New", "11:00")]);
    await syncMirror(room.id);
    const after = await mirror();
    expect(after.problem).toBeNull();
    expect(after.lastFullSyncAt!.getTime()).toBeGreaterThan(first.lastFullSyncAt!.getTime());
    expect((await mirrored()).map((row) => row.start.toISOString())).toEqual([at(`${day}T09:00`).toUTC().toISO(), at(`${day}T11:00`).toUTC().toISO()]);
  });

  it("re-base the window when the date changes: a full read from the new yesterday", async () => {
    await syncMirror(room.id);
    const before = await mirror();
    const tomorrow = Date.now() + 24 * 3600_000;
    await syncMirror(room.id, tomorrow);
    const after = await mirror();
    expect(after.windowStart!.getTime() - before.windowStart!.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(after.lastFullSyncAt!.getTime()).toBe(tomorrow);
  });

  it("record a failed round in words and change nothing", async () => {
    await control().setMailboxEvents(ROOM, [event("Kept", "09:00")]);
    await syncMirror(room.id);
    await control().addFault({ service: "graph", pathPattern: "calendarView/delta", status: 503, times: 10 });
    await syncMirror(room.id);
    const after = await mirror();
    expect(after.problemCode).toBe("graph_unavailable");
    expect(after.problem).toMatch(/not answering/);
    expect(await mirrored()).toHaveLength(1);
  });
});

describe("availability from the mirror", { timeout: 30_000 }, () => {
  it("is answered without asking Microsoft while the mirror is fresh", async () => {
    await control().setMailboxEvents(ROOM, [event("Planning", "10:00")]);
    await syncMirror(room.id);
    await control().clearRequests();
    const answer = await dayAvailability();
    expect(answer.resources[0]!.status).toBe("ok");
    expect(statusAt(answer, "10:00")).toBe("busy");
    expect(statusAt(answer, "11:00")).toBe("free");
    expect(await graphRequests()).toHaveLength(0);
  });

  it("is read live when the mirror is stale, so a change not yet copied is never offered as free", async () => {
    await syncMirror(room.id);
    // Made in Outlook after the round; Microsoft's notification says something changed (the round has not run yet).
    await control().setMailboxEvents(ROOM, [event("Booked in Outlook", "14:00")]);
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { syncRequestedAt: new Date() } });
    await control().clearRequests();
    const pending = await dayAvailability();
    expect(statusAt(pending, "14:00")).toBe("busy");
    expect((await graphRequests()).length).toBeGreaterThan(0);

    // Too long since the last round (polling: twice the interval).
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { syncRequestedAt: null, lastSyncAt: new Date(Date.now() - 10 * 60_000) } });
    expect(statusAt(await dayAvailability(), "14:00")).toBe("busy");
  });

  it("is unknown — never free — when the mirror is stale and Microsoft cannot be read", async () => {
    await syncMirror(room.id);
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { lastSyncAt: new Date(Date.now() - 10 * 60_000) } });
    await control().addFault({ service: "graph", pathPattern: ".*", status: 503, times: 100 });
    const answer = await dayAvailability();
    expect(answer.resources[0]!.status).toBe("unknown");
    expect(answer.resources[0]!.slots.some((slot) => slot.status === "free")).toBe(false);
  });

  it("shows the hub's own bookings at once, and their cancellation", async () => {
    await syncMirror(room.id);
    const start = at(`${day}T15:00`);
    const booked = await bookResource(admin, { resourceId: room.id, subject: "Interviews", start, end: start.plus({ hours: 1 }), timeZone: ZONE });
    const row = (await mirrored()).find((entry) => entry.eventId === booked.eventId);
    expect(row).toMatchObject({ ours: true, showAs: "busy" });
    // The round asked for by the booking has not run: the mirror answers (the booking is in it), no Graph request.
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { syncRequestedAt: null } });
    await control().clearRequests();
    expect(statusAt(await dayAvailability(), "15:00")).toBe("busy");
    expect(await graphRequests()).toHaveLength(0);
    await cancelBooking(admin, booked.bookingId);
    expect((await mirrored()).some((entry) => entry.eventId === booked.eventId)).toBe(false);
    expect(statusAt(await dayAvailability(), "15:00")).toBe("free");
  });
});

it("keeps no mirror of a removed resource", async () => {
  await syncMirror(room.id);
  await db.resource.delete({ where: { id: room.id } });
  expect(await db.calendarMirror.count()).toBe(0);
  expect(USERS.room.email).toBeTruthy();
});
