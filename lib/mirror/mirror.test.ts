import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, resetOffice365Data } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { forgetEnvironment } from "../config";
import { db } from "../db";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { resourcesAvailability, slotStartingAt } from "../resources/availability";
import { bookResource } from "../resources/bookings";
import { MAX_AVAILABILITY_EVENTS } from "../integrations/office365/calendar/availability";
import { cancelBooking } from "../integrations/office365/calendar/bookings";
import { createResource, removeResource, type Resource } from "../resources/resources";
import type { ResourceDetails } from "../resources/schemas";
import { notificationRoute } from "./notification-route";
import { notificationCollection, receiveNotifications } from "./notifications";
import { ensureMirrors, requestRounds } from "./scheduler";
import { hashClientState, LIFECYCLE_PATH, NOTIFICATION_PATH, syncMirror } from "./sync";

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
const statusAt = (answer: Awaited<ReturnType<typeof dayAvailability>>, time: string) => slotStartingAt(answer.resources[0]!, at(`${day}T${time}`).toMillis())?.status;

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

  it("save nothing over a round another instance saved while this one ran, and ask to run again at once", async () => {
    await control().setMailboxEvents(ROOM, [event("Kept", "09:00")]);
    await syncMirror(room.id);
    await control().setMailboxEvents(ROOM, [event("Kept", "09:00"), event("New", "11:00")]);
    await control().addFault({ service: "graph", pathPattern: "calendarView/delta", delayMs: 1_000, times: 1 });
    const round = syncMirror(room.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Meanwhile the other instance's round (it took the job over) saved its own snapshot.
    const other = new Date();
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { lastSyncAt: other } });
    expect(await round).toMatchObject({ superseded: true });
    expect((await mirror()).lastSyncAt).toEqual(other);
    expect(await mirrored()).toHaveLength(1);
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

  it("reads the copy's events once for a range while the copy stands; a round saved shows Outlook's change at once", async () => {
    await control().setMailboxEvents(ROOM, [event("Planning", "10:00")]);
    await syncMirror(room.id);
    const reads = vi.spyOn(db.mirrorEvent, "findMany");
    try {
      expect(statusAt(await dayAvailability(), "10:00")).toBe("busy");
      expect(statusAt(await dayAvailability(), "10:00")).toBe("busy");
      // A narrower range within it, too, is answered from what was read.
      const morning = await resourcesAvailability(admin, { resources: [room.id], start: at(`${day}T09:00`), end: at(`${day}T12:00`), timeZone: ZONE });
      expect(statusAt(morning, "10:00")).toBe("busy");
      expect(reads).toHaveBeenCalledTimes(1);

      // Moved in Outlook; the next round saves it (the copy's version moves), and the next answer has it.
      await control().setMailboxEvents(ROOM, [event("Planning", "15:00")]);
      await syncMirror(room.id);
      await control().clearRequests();
      const moved = await dayAvailability();
      expect([statusAt(moved, "10:00"), statusAt(moved, "15:00")]).toEqual(["free", "busy"]);
      expect(reads).toHaveBeenCalledTimes(2);
      expect(await graphRequests()).toHaveLength(0);
    } finally {
      reads.mockRestore();
    }
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
    expect(answer.resources[0]!.periods.some((period) => period.status === "free")).toBe(false);
  });

  it("reads no more of the copy than a live read would: over MAX_AVAILABILITY_EVENTS in the window is unknown, saying why", async () => {
    await syncMirror(room.id);
    const start = at(`${day}T00:00`).toMillis();
    await db.mirrorEvent.createMany({
      data: Array.from({ length: MAX_AVAILABILITY_EVENTS + 1 }, (_, i) => ({
        resourceId: room.id,
        eventId: `crowded-${i}`,
        start: new Date(start + (i % 1440) * 60_000),
        end: new Date(start + (i % 1440) * 60_000 + 60_000),
        showAs: "busy",
      })),
    });
    await control().clearRequests();
    const answer = await dayAvailability();
    expect(answer.resources[0]).toMatchObject({ status: "unknown", error: { code: "too_many_events" } });
    expect(answer.resources[0]!.periods.some((period) => period.status === "free")).toBe(false);
    expect(await graphRequests()).toHaveLength(0);
  });

  it("counts a booking of the hub's that the copy does not show as busy (the copy has event ids, unlike getSchedule)", async () => {
    await syncMirror(room.id);
    const start = at(`${day}T11:00`);
    const booked = await bookResource(admin, { resourceId: room.id, subject: "Not yet in the copy", start, end: start.plus({ hours: 1 }), timeZone: ZONE });
    // As for an invitation whose room copy has not come yet: the copy lacks it, and is fresh.
    await db.mirrorEvent.deleteMany({ where: { eventId: booked.eventId! } });
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { syncRequestedAt: null } });
    await control().clearRequests();
    expect(statusAt(await dayAvailability(), "11:00")).toBe("busy");
    expect(await graphRequests()).toHaveLength(0);
  });

  it("keeps a change told while a round runs waiting for the next round (a round cannot clear what began after it)", async () => {
    await syncMirror(room.id);
    await control().addFault({ service: "graph", pathPattern: "calendarView/delta", delayMs: 600, times: 1 });
    // The notification that starts the round, then another change told while it reads.
    await requestRounds([room.id], { changed: true });
    const round = syncMirror(room.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await requestRounds([room.id], { changed: true });
    await round;
    expect((await mirror()).syncRequestedAt).not.toBeNull();
    await syncMirror(room.id);
    expect((await mirror()).syncRequestedAt).toBeNull();
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

/**
 * Change notifications: the emulator validates, delivers and sends lifecycle events to a small local server standing
 * in for the hub's two routes (it answers validation with the route's own code and hands notifications to the same
 * function the route persists them with).
 */
describe("change notifications", { timeout: 30_000 }, () => {
  let server: Server;
  let validation: "route" | "wrong" = "route";
  const received: { kind: "change" | "lifecycle"; accepted: string[]; dropped: number }[] = [];

  beforeAll(async () => {
    const route = notificationRoute("change");
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void (async () => {
          const url = new URL(req.url ?? "/", "http://127.0.0.1");
          if (url.searchParams.has("validationToken")) {
            const answer = validation === "route" ? await route(new Request(url, { method: "POST" })) : new Response("not the token", { status: 200 });
            res.writeHead(answer.status, Object.fromEntries(answer.headers));
            res.end(await answer.text());
            return;
          }
          const kind = url.pathname.endsWith("/lifecycle") ? "lifecycle" : "change";
          const result = await receiveNotifications(notificationCollection.parse(JSON.parse(Buffer.concat(chunks).toString("utf8"))), kind);
          received.push({ kind, ...result });
          res.writeHead(202);
          res.end();
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    validation = "route";
    received.length = 0;
    process.env.HUB_NOTIFICATIONS = "on";
    process.env.AUTH_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    forgetEnvironment();
  });

  afterEach(() => {
    delete process.env.AUTH_URL;
    forgetEnvironment();
  });

  const until = async (done: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i++) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Waited 5 s for ${what}`);
  };

  it("subscribe to the calendar's events with a secret the hub keeps only as a hash; a change makes the copy wait for its round", async () => {
    await syncMirror(room.id);
    const [subscription] = await control().subscriptions();
    const state = await mirror();
    expect(state).toMatchObject({ mode: "notifications", subscriptionId: subscription!.id, problem: null });
    expect(subscription!.resource).toBe(`users/${encodeURIComponent(ROOM)}/calendars/${encodeURIComponent(room.calendar.calendarId)}/events`);
    expect(subscription!.changeType).toBe("created,updated,deleted");
    expect(subscription!.notificationUrl).toBe(`${process.env.AUTH_URL}${NOTIFICATION_PATH}`);
    expect(subscription!.lifecycleNotificationUrl).toBe(`${process.env.AUTH_URL}${LIFECYCLE_PATH}`);
    // ≤ 4,230 minutes, asked for a little less.
    expect(new Date(subscription!.expirationDateTime).getTime() - Date.now()).toBeGreaterThan(4100 * 60_000);
    expect(subscription!.clientState!.length).toBeLessThanOrEqual(128);
    expect(state.clientStateHash).toBe(hashClientState(subscription!.clientState!));
    expect(JSON.stringify(await db.calendarMirror.findMany())).not.toContain(subscription!.clientState!);
    expect((await control().deliveries()).filter((delivery) => delivery.kind === "validation").map((delivery) => delivery.status)).toEqual([200, 200]);

    // Fresh: answered from the copy. Then a change in Outlook: Microsoft's notification arrives, the copy waits.
    expect(statusAt(await dayAvailability(), "13:00")).toBe("free");
    await control().addMailboxEvents(ROOM, [event("Booked in Outlook", "13:00")]);
    await until(async () => (await mirror()).syncRequestedAt !== null, "the notification");
    expect(received.at(-1)).toMatchObject({ kind: "change", accepted: [room.id], dropped: 0 });
    expect(statusAt(await dayAvailability(), "13:00")).toBe("busy");
    await syncMirror(room.id);
    expect((await mirror()).syncRequestedAt).toBeNull();
    await control().clearRequests();
    expect(statusAt(await dayAvailability(), "13:00")).toBe("busy");
    expect(await graphRequests()).toHaveLength(0);
  });

  it("drop a notification whose clientState does not match, and one for a subscription the hub does not have", async () => {
    await syncMirror(room.id);
    const id = (await mirror()).subscriptionId!;
    const wrong = await receiveNotifications({ value: [{ subscriptionId: id, clientState: "guessed", changeType: "created" }, { subscriptionId: "someone-else's", clientState: "x" }] }, "change");
    expect(wrong).toEqual({ accepted: [], dropped: 2 });
    expect((await mirror()).syncRequestedAt).toBeNull();
  });

  it("answer lifecycle events: reauthorize, re-create after removal, read what was missed", async () => {
    await syncMirror(room.id);
    const first = (await mirror()).subscriptionId!;

    await control().sendLifecycleEvent(first, "reauthorizationRequired");
    await until(async () => (await mirror()).lifecyclePending === "reauthorizationRequired", "reauthorizationRequired");
    // Not fresh until handled.
    await control().clearRequests();
    await dayAvailability();
    expect((await graphRequests()).some((request) => /calendarView|getSchedule/.test(request.path))).toBe(true);
    await syncMirror(room.id);
    expect((await control().requests()).some((request) => request.method === "POST" && request.path.endsWith(`/subscriptions/${first}/reauthorize`))).toBe(true);
    expect((await control().subscriptions()).find((subscription) => subscription.id === first)?.reauthorizationRequired).toBe(false);
    expect(await mirror()).toMatchObject({ lifecyclePending: null, subscriptionId: first, mode: "notifications" });

    // Changes whose notifications Microsoft lost, then "missed": the next round reads them.
    await control().setSubscriptionDelivery(first, "drop");
    await control().addMailboxEvents(ROOM, [event("Lost notification", "16:00")]);
    await control().sendLifecycleEvent(first, "missed");
    await until(async () => (await mirror()).lifecyclePending === "missed", "missed");
    await syncMirror(room.id);
    expect((await mirrored()).some((row) => row.start.toISOString() === at(`${day}T16:00`).toUTC().toISO())).toBe(true);
    expect((await mirror()).lifecyclePending).toBeNull();

    await control().sendLifecycleEvent(first, "subscriptionRemoved");
    await until(async () => (await mirror()).lifecyclePending === "subscriptionRemoved", "subscriptionRemoved");
    await syncMirror(room.id);
    const second = (await mirror()).subscriptionId!;
    expect(second).not.toBe(first);
    expect((await control().subscriptions()).filter((subscription) => !subscription.expired).map((subscription) => subscription.id)).toEqual([second]);
  });

  it("renew the subscription well before it expires, and make a new one once it has", async () => {
    await syncMirror(room.id);
    const id = (await mirror()).subscriptionId!;
    // A day left: renewed by the next round.
    await control().setSubscriptionExpiry(id, new Date(Date.now() + 24 * 3600_000).toISOString());
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { subscriptionExpiresAt: new Date(Date.now() + 24 * 3600_000) } });
    await syncMirror(room.id);
    const renewed = await mirror();
    expect(renewed.subscriptionId).toBe(id);
    expect(renewed.subscriptionExpiresAt!.getTime() - Date.now()).toBeGreaterThan(60 * 3600_000);
    expect(new Date((await control().subscriptions())[0]!.expirationDateTime).getTime()).toBe(renewed.subscriptionExpiresAt!.getTime());

    // Expired unrenewed (the hub was down for days): not fresh, then a new subscription.
    await control().setSubscriptionExpiry(id, new Date(Date.now() - 1000).toISOString());
    await db.calendarMirror.update({ where: { resourceId: room.id }, data: { subscriptionExpiresAt: new Date(Date.now() - 1000) } });
    await control().clearRequests();
    await dayAvailability();
    expect((await graphRequests()).length).toBeGreaterThan(0);
    await syncMirror(room.id);
    expect((await mirror()).subscriptionId).not.toBe(id);
  });

  it("poll instead, saying why, when Microsoft cannot validate the notification URL", async () => {
    validation = "wrong";
    await syncMirror(room.id);
    const state = await mirror();
    expect(state).toMatchObject({ mode: "polling", subscriptionId: null, problemCode: "notification_url_unreachable" });
    expect(state.problem).toContain(`${process.env.AUTH_URL}${NOTIFICATION_PATH}`);
    // Polled meanwhile: the round itself succeeded.
    expect(state.lastSyncAt).not.toBeNull();
  });

  it("remove a resource while a round saves its copy: both finish (the same order of locks, so no deadlock)", async () => {
    await control().setMailboxEvents(ROOM, [event("Planning", "10:00"), event("Budget", "14:00")]);
    await syncMirror(room.id);
    const [first] = await mirrored();
    expect(first).toBeDefined();
    let removal: Promise<unknown> | undefined;
    // As saveRound does: the copy's events first, then its own row, in one transaction; the removal starts between.
    await db.$transaction(
      async (tx) => {
        await tx.mirrorEvent.deleteMany({ where: { resourceId: room.id, eventId: first!.eventId } });
        removal = removeResource(admin, room.id);
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tx.calendarMirror.updateMany({ where: { resourceId: room.id }, data: { lastSyncAt: new Date() } });
      },
      { timeout: 20_000 },
    );
    await expect(removal).resolves.toMatchObject({ name: details.name });
    expect(await db.calendarMirror.count({ where: { resourceId: room.id } })).toBe(0);
    expect(await db.mirrorEvent.count({ where: { resourceId: room.id } })).toBe(0);
  });

  it("remove the subscription at Microsoft when the resource is removed", async () => {
    await syncMirror(room.id);
    expect(await control().subscriptions()).toHaveLength(1);
    await removeResource(admin, room.id);
    expect((await control().subscriptions()).filter((subscription) => !subscription.expired)).toHaveLength(0);
  });
});
