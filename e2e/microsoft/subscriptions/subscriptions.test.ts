import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { USERS } from "../directory";
import { dateAhead, graphClient, london } from "../graph/test-client";
import { ROOMS } from "../places/seed";
import { eventually, startTestHub, type TestHub } from "./test-hub";

/**
 * Change-notification subscriptions over HTTPS, with a local http server as the hub: creation with the validation
 * handshake, Microsoft's refusals, renewal and deletion, change notifications from every kind of write, lifecycle
 * notifications, and the acknowledgement times the control API records.
 */
const { emulator, control } = emulatorForThisFile();
const { graph, delegatedToken, appToken } = graphClient(emulator, control);

const DAY = dateAhead(2, 2);
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

let hub: TestHub;
let alice: string;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.close();
});
beforeEach(async () => {
  await control().reset();
  await control().setNotificationSettings({ deliveryDelayMs: 20, retryBaseDelayMs: 50 });
  Object.assign(hub.behaviour, { validation: "echo", status: 202, delayMs: 0 });
  hub.received.length = 0;
  alice = await delegatedToken(USERS.alice.email);
});

const subscriptionRequest = (extra: Record<string, unknown> = {}) => ({
  changeType: "created,updated,deleted",
  notificationUrl: hub.url(),
  lifecycleNotificationUrl: hub.url("/lifecycle"),
  resource: "me/events",
  expirationDateTime: inMinutes(120),
  clientState: "secret-client-state",
  ...extra,
});

async function subscribe(token = alice, extra: Record<string, unknown> = {}) {
  const created = await graph(token, "POST", "/subscriptions", subscriptionRequest(extra));
  expect(created.status).toBe(201);
  return created.body as Record<string, unknown> & { id: string };
}

const createEvent = (token: string, subject: string, path = "/me/events", extra: Record<string, unknown> = {}) =>
  graph(token, "POST", path, { subject, start: london(DAY, "10:00"), end: london(DAY, "11:00"), ...extra });

describe("creating a subscription", () => {
  it("validates the notification and lifecycle URLs, then answers 201 with the subscription", async () => {
    const created = await subscribe();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resource: "me/events",
      changeType: "created,updated,deleted",
      clientState: "secret-client-state",
      notificationUrl: hub.url(),
      lifecycleNotificationUrl: hub.url("/lifecycle"),
      applicationId: expect.any(String),
      creatorId: USERS.alice.id,
      latestSupportedTlsVersion: "v1_2",
      encryptionCertificate: null,
      notificationQueryOptions: null,
    });
    const validations = hub.received.filter((entry) => entry.validationToken !== null);
    expect(validations.map((entry) => entry.path)).toEqual(["/notifications", "/lifecycle"]);
    // The token must be URL-decoded: it has spaces and colons.
    expect(validations[0]?.validationToken).toMatch(/^Validation: Testing client application reachability for subscription Request-Id: [0-9a-f-]{36}$/);
    expect(validations[0]?.contentType).toMatch(/^text\/plain/);
    expect(validations[0]?.body).toBe("");
    const recorded = (await control().deliveries()).filter((delivery) => delivery.kind === "validation");
    expect(recorded).toEqual([
      expect.objectContaining({ subscriptionId: created.id, status: 200, error: null }),
      expect.objectContaining({ subscriptionId: created.id, status: 200, error: null }),
    ]);
    expect((await graph(alice, "GET", `/subscriptions/${created.id}`)).body).toMatchObject({ id: created.id });
    expect((await graph(alice, "GET", "/subscriptions")).body.value?.map((entry) => entry.id)).toEqual([created.id]);
  });

  it("refuses with 400 when the endpoint does not echo the token", async () => {
    for (const validation of ["refuse", "wrong"] as const) {
      hub.behaviour.validation = validation;
      const refused = await graph(alice, "POST", "/subscriptions", subscriptionRequest());
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: "InvalidRequest",
        message: "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
      });
    }
    expect(await control().subscriptions()).toEqual([]);
  });

  it("refuses a delegated subscription to another user's mailbox (even a shared one) with 403", async () => {
    for (const resource of [`users/${USERS.bob.email}/events`, `/users/${USERS.room.email}/events`]) {
      const refused = await graph(alice, "POST", "/subscriptions", subscriptionRequest({ resource }));
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: "ExtensionError", message: expect.stringMatching(/^Operation: Create; Exception: \[Status Code: Forbidden; Reason: /) });
    }
    // Application permissions reach any mailbox of the tenant.
    const app = await appToken();
    expect((await graph(app, "POST", "/subscriptions", subscriptionRequest({ resource: `users/${USERS.room.email}/events` }))).status).toBe(201);
  });

  it("checks the expiry (at most 4230 minutes, raised to 45), the change types, the clientState and the URL's scheme", async () => {
    const tooLong = await graph(alice, "POST", "/subscriptions", subscriptionRequest({ expirationDateTime: inMinutes(4231) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ message: "Subscription expiration can only be 4230 minutes in the future." });
    expect((await graph(alice, "POST", "/subscriptions", subscriptionRequest({ expirationDateTime: inMinutes(-1) }))).status).toBe(400);
    expect((await graph(alice, "POST", "/subscriptions", subscriptionRequest({ changeType: "created,moved" }))).status).toBe(400);
    expect((await graph(alice, "POST", "/subscriptions", subscriptionRequest({ clientState: "x".repeat(129) }))).status).toBe(400);
    expect((await graph(alice, "POST", "/subscriptions", subscriptionRequest({ notificationUrl: "http://hub.example/notify" }))).status).toBe(400);
    expect((await graph(alice, "POST", "/subscriptions", subscriptionRequest({ resource: "me/messages" }))).status).toBe(400);

    const short = await subscribe(alice, { expirationDateTime: inMinutes(5) });
    const minutes = (new Date(String(short.expirationDateTime)).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(44);
    expect(minutes).toBeLessThanOrEqual(45);
  });
});

describe("managing a subscription", () => {
  it("renews, reauthorizes and deletes; expired or deleted ones are 404", async () => {
    const { id } = await subscribe();
    const renewed = await graph(alice, "PATCH", `/subscriptions/${id}`, { expirationDateTime: inMinutes(4000) });
    expect(renewed.status).toBe(200);
    expect(new Date(String(renewed.body.expirationDateTime)).getTime()).toBeGreaterThan(Date.now() + 3999 * 60_000);
    expect((await graph(alice, "PATCH", `/subscriptions/${id}`, { expirationDateTime: inMinutes(5000) })).status).toBe(400);

    await control().sendLifecycleEvent(id, "reauthorizationRequired");
    expect((await control().subscriptions())[0]?.reauthorizationRequired).toBe(true);
    expect((await graph(alice, "POST", `/subscriptions/${id}/reauthorize`)).status).toBe(204);
    expect((await control().subscriptions())[0]?.reauthorizationRequired).toBe(false);

    // Another user of the same app sees none of Alice's subscriptions.
    const bob = await delegatedToken(USERS.bob.email);
    expect((await graph(bob, "GET", `/subscriptions/${id}`)).status).toBe(404);
    expect((await graph(bob, "GET", "/subscriptions")).body.value).toEqual([]);

    await control().setSubscriptionExpiry(id, inMinutes(-1));
    expect((await graph(alice, "PATCH", `/subscriptions/${id}`, { expirationDateTime: inMinutes(60) })).status).toBe(404);
    expect((await graph(alice, "GET", "/subscriptions")).body.value).toEqual([]);
    expect((await control().subscriptions())[0]).toMatchObject({ id, expired: true });

    const second = await subscribe();
    expect((await graph(alice, "DELETE", `/subscriptions/${second.id}`)).status).toBe(204);
    expect((await graph(alice, "PATCH", `/subscriptions/${second.id}`, { expirationDateTime: inMinutes(60) })).status).toBe(404);
  });
});

describe("change notifications", () => {
  it("are posted with the clientState for created, updated and deleted events, only for the types asked for", async () => {
    const { id } = await subscribe();
    await subscribe(alice, { changeType: "deleted", clientState: "deletes-only", lifecycleNotificationUrl: undefined });
    const created = await createEvent(alice, "Planning");
    const eventId = String(created.body.id);
    await eventually(() => expect(hub.notifications()).toHaveLength(1));
    expect((await graph(alice, "PATCH", `/me/events/${encodeURIComponent(eventId)}`, { subject: "Planning (moved)" })).status).toBe(200);
    await eventually(() => expect(hub.notifications()).toHaveLength(2));
    expect((await graph(alice, "DELETE", `/me/events/${encodeURIComponent(eventId)}`)).status).toBe(204);
    await eventually(() => expect(hub.notifications()).toHaveLength(4));

    const path = `Users/${USERS.alice.id}/Events/${eventId}`;
    const mine = hub.notifications().filter((notification) => notification.subscriptionId === id);
    expect(mine.map((notification) => notification.changeType)).toEqual(["created", "updated", "deleted"]);
    expect(mine[0]).toEqual({
      subscriptionId: id,
      subscriptionExpirationDateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/),
      changeType: "created",
      resource: path,
      resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": path, "@odata.etag": expect.stringMatching(/^W\/"/), id: eventId },
      clientState: "secret-client-state",
      tenantId: expect.any(String),
    });
    const deletesOnly = hub.notifications().filter((notification) => notification.clientState === "deletes-only");
    expect(deletesOnly.map((notification) => notification.changeType)).toEqual(["deleted"]);
  });

  it("come from every path: control-API seeds and changes, and a room's calendar filled by its own answer", async () => {
    const app = await appToken();
    const room = await subscribe(app, { resource: `users/${ROOMS.committeeRoom.email}/events`, lifecycleNotificationUrl: undefined });
    const teamEvents = (await control().mailboxCalendars(USERS.alice.email)).find((calendar) => !calendar.isDefault);
    const team = await subscribe(alice, { resource: `me/calendars/${teamEvents?.id}/events`, lifecycleNotificationUrl: undefined });

    const [seeded] = await control().addMailboxEvents(USERS.alice.email, [{ subject: "Seeded", start: `${DAY}T09:00:00Z`, end: `${DAY}T10:00:00Z` }], { calendar: teamEvents?.name });
    await control().changeMailboxEvent(USERS.alice.email, seeded?.id ?? "", { start: `${DAY}T12:00:00Z`, end: `${DAY}T13:00:00Z` });
    await control().deleteMailboxEvent(USERS.alice.email, seeded?.id ?? "");
    // Alice invites the room: the room's answer writes its copy into the room's calendar.
    await createEvent(alice, "With the room", "/me/events", { attendees: [{ emailAddress: { address: ROOMS.committeeRoom.email }, type: "resource" }] });

    await eventually(() => {
      expect(hub.notifications().filter((notification) => notification.subscriptionId === team.id).map((notification) => notification.changeType)).toEqual(["created", "updated", "deleted"]);
      expect(hub.notifications().filter((notification) => notification.subscriptionId === room.id).map((notification) => notification.changeType)).toContain("created");
    });
  });

  it("are not sent for an expired subscription, held while paused, lost while dropped (then 'missed')", async () => {
    const { id } = await subscribe();
    await control().setSubscriptionDelivery(id, "pause");
    await createEvent(alice, "Held");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.notifications()).toEqual([]);
    expect((await control().setSubscriptionDelivery(id, "deliver")).held).toBe(0);
    await eventually(() => expect(hub.notifications().map((notification) => notification.changeType)).toEqual(["created"]));

    await control().setSubscriptionDelivery(id, "drop");
    await createEvent(alice, "Lost");
    expect((await control().subscriptions())[0]?.dropped).toBe(1);
    const missed = await control().sendLifecycleEvent(id, "missed");
    expect(missed).toMatchObject({ kind: "lifecycle", status: 202, value: [{ subscriptionId: id, lifecycleEvent: "missed", clientState: "secret-client-state" }] });

    await control().setSubscriptionDelivery(id, "deliver");
    await control().setSubscriptionExpiry(id, inMinutes(-1));
    await createEvent(alice, "Too late");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.notifications().filter((notification) => notification.changeType)).toHaveLength(1);
  });

  it("record how long the hub took to acknowledge, and are retried a few times when it does not answer 2xx", async () => {
    const { id } = await subscribe();
    hub.behaviour.delayMs = 150;
    await createEvent(alice, "Slow hub");
    await eventually(async () => expect((await control().deliveries()).filter((delivery) => delivery.kind === "notification")).toHaveLength(1));
    const [slow] = (await control().deliveries()).filter((delivery) => delivery.kind === "notification");
    expect(slow).toMatchObject({ subscriptionId: id, status: 202, attempt: 1, error: null, url: hub.url() });
    expect(slow?.ackMs).toBeGreaterThanOrEqual(140);

    await control().clearDeliveries();
    Object.assign(hub.behaviour, { delayMs: 0, status: 500 });
    await createEvent(alice, "Failing hub");
    await eventually(async () => expect((await control().deliveries()).map((delivery) => delivery.attempt)).toEqual([1, 2, 3, 4]), 5000);
    expect((await control().deliveries()).every((delivery) => delivery.status === 500 && delivery.error === "HTTP 500")).toBe(true);
  });
});

describe("lifecycle notifications", () => {
  it("go to the lifecycle URL in Microsoft's shape; subscriptionRemoved deletes the subscription", async () => {
    const { id } = await subscribe();
    for (const lifecycleEvent of ["reauthorizationRequired", "missed", "subscriptionRemoved"] as const) {
      const delivery = await control().sendLifecycleEvent(id, lifecycleEvent);
      expect(delivery).toMatchObject({ kind: "lifecycle", url: hub.url("/lifecycle"), status: 202, error: null });
    }
    const lifecycle = hub.received.filter((entry) => entry.path === "/lifecycle" && entry.validationToken === null).flatMap((entry) => entry.json?.value ?? []);
    expect(lifecycle.map((entry) => entry.lifecycleEvent)).toEqual(["reauthorizationRequired", "missed", "subscriptionRemoved"]);
    expect(lifecycle[0]).toEqual({
      subscriptionId: id,
      subscriptionExpirationDateTime: expect.any(String),
      tenantId: expect.any(String),
      clientState: "secret-client-state",
      lifecycleEvent: "reauthorizationRequired",
    });
    expect((await graph(alice, "PATCH", `/subscriptions/${id}`, { expirationDateTime: inMinutes(60) })).status).toBe(404);
    expect(await control().subscriptions()).toEqual([]);
  });
});

describe("a reset", () => {
  it("forgets subscriptions and stops deliveries still due", async () => {
    await subscribe();
    await control().setNotificationSettings({ deliveryDelayMs: 200 });
    await createEvent(alice, "Never delivered");
    await control().reset();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.notifications()).toEqual([]);
    expect(await control().subscriptions()).toEqual([]);
  });
});
