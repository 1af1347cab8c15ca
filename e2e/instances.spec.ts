import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { saveOffice365Settings, signIn } from "./support/actions";
import { accountRows, expireStoredAccessTokens, sql, sqlRow } from "./support/database";
import { APPS, USERS, microsoft, outlook, outOfDateCopies } from "./support/emulator";
import { HUB } from "./support/hub";
import { jsonLines, startInstance, type Instance } from "./support/instances";
import { addDirectoryRoom, addResource, connectAlice, createHubUser, resetForBookingJourney } from "./support/resources";
import { BASE_TUESDAY, dayPlus, utc } from "./support/days";
import { CALENDAR_ACTIONS, callAction } from "./support/server-actions";

/**
 * Two instances, one system (issue 11): the journeys' hub (A, started by playwright.config.ts) and a second `npm start`
 * (B, started here) on its own port, on the same PostgreSQL database with the same two secrets, the same Microsoft
 * and the same public address (AUTH_URL, as behind a load balancer). Requests are sent to one or the other on purpose.
 * Both sweep for unfinished bookings every 2 seconds (HUB_RECOVERY_INTERVAL_SECONDS).
 */
type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

test.skip(!HUB.databaseUrl.startsWith("postgres"), "Several instances need PostgreSQL (TEST_DATABASE_URL): SQLite is the embedded database of one server.");

const CALLBACK_PATH = "/jadu/integrations/office365/callback";
const STAFF_PASSWORD = "a staff passphrase 2026";
let b: Instance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  b = await startInstance(HUB.port + 1, { HUB_RECOVERY_INTERVAL_SECONDS: "2" });
});

test.afterAll(async () => {
  await b?.stop();
});

test.beforeEach(async ({ page }) => {
  await resetForBookingJourney();
  await signIn(page);
});

/** Requests a server logged for a path (each request is one `request` line). */
const served = (lines: Record<string, unknown>[], path: string) => lines.filter((line) => line.msg === "request" && line.path === path).length;

/** One sign-in through Auth.js's credentials endpoint of one instance; where it sends the browser next. */
async function attemptSignIn(client: APIRequestContext, base: string, email: string, password: string): Promise<string> {
  const { csrfToken } = (await (await client.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const answer = await client.post(`${base}/api/auth/callback/credentials`, { form: { email, password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  return answer.headers()["location"] ?? "";
}

/** `count` staff users (one made by npm run admin, the others copies of its row), each signed in in a client of its own. */
async function signedInStaff(playwright: PlaywrightWorkerArgs["playwright"], count: number): Promise<APIRequestContext[]> {
  const tag = randomBytes(3).toString("hex");
  const first = `staff.${tag}.0@example.gov.uk`;
  await createHubUser(first, STAFF_PASSWORD, "staff");
  for (let i = 1; i < count; i++) {
    await sql(`INSERT INTO "User" ("id", "email", "role", "passwordHash", "createdAt", "updatedAt") SELECT ?, ?, "role", "passwordHash", "createdAt", "updatedAt" FROM "User" WHERE "email" = ?`, [
      `cuser${tag}${i}`,
      `staff.${tag}.${i}@example.gov.uk`,
      first,
    ]);
  }
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const client = await playwright.request.newContext();
      // Alternately on each instance: where someone signed in does not matter afterwards.
      expect(await attemptSignIn(client, i % 2 ? b.url : HUB.url, `staff.${tag}.${i}@example.gov.uk`, STAFF_PASSWORD)).not.toContain("error");
      return client;
    }),
  );
}

const availability = (resourceId: string) => ({ resources: [resourceId], start: `${dayPlus(-1)}T09:00`, end: `${dayPlus(-1)}T17:00`, timeZone: "Europe/London" });

test("signed in on A, the session works on B; a Connect account begun on A is finished by B's callback", async ({ page }) => {
  await page.goto(`${b.url}/utilities/integrations/office365`);
  await expect(page).toHaveURL(`${b.url}/utilities/integrations/office365`);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(served(b.logLines(), "/utilities/integrations/office365")).toBeGreaterThan(0);

  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  // A made the state and sends the browser to Microsoft; Microsoft sends it back to the public address, and there the
  // load balancer picks B (here: the emulator's redirect is pointed at B's port).
  await page.route(/\/login\/.*\/authorize\?/, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    const location = answer.headers()["location"]!;
    expect(location.startsWith(`${HUB.url}${CALLBACK_PATH}?`)).toBe(true);
    await route.fulfill({ status: answer.status(), headers: { location: location.replace(HUB.url, b.url) } });
  });
  await microsoft.nextSignIn({ email: USERS.alice.email });
  const callbacksOnA = served(jsonLines(HUB.logFile), CALLBACK_PATH);
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByTestId("account-connected")).toContainText(`${USERS.alice.email} is connected`);

  expect(served(b.logLines(), CALLBACK_PATH)).toBe(1);
  expect(served(jsonLines(HUB.logFile), CALLBACK_PATH)).toBe(callbacksOnA);
  expect((await accountRows()).map((account) => account.email)).toEqual([USERS.alice.email]);
  // The state was used up by B: nothing is left to replay on A.
  expect(await sqlRow(`SELECT COUNT(*) AS count FROM "OAuthState"`)).toEqual({ count: 0 });
});

test("sign-in throttling is shared: failures on A and on B add up, and B then refuses even the right password", async ({ playwright }) => {
  const email = "shared.lock@example.gov.uk";
  const password = "the right passphrase 2026";
  await createHubUser(email, password, "admin");
  const client = await playwright.request.newContext();
  for (let i = 0; i < 10; i++) {
    expect(await attemptSignIn(client, i % 2 ? b.url : HUB.url, email, `wrong guess ${i}`)).toContain("error");
  }
  expect(await sqlRow(`SELECT "failures" FROM "SignInThrottle" WHERE "key" = ?`, [`email:${email}`])).toEqual({ failures: 10 });
  expect(await attemptSignIn(client, b.url, email, password)).toContain("code=locked");
  expect(await attemptSignIn(client, HUB.url, email, password)).toContain("code=locked");
  expect(b.logLines().filter((line) => line.msg === "signin.refused_locked")).not.toHaveLength(0);
});

test("a hub user's budget of calls to Microsoft is one budget across instances", async ({ page, playwright }) => {
  const aliceId = await connectAlice(page);
  const chamber = await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  const [staff] = await signedInStaff(playwright, 1);
  const ask = (base: string) => Promise.all(Array.from({ length: 20 }, () => callAction<Result>(staff!, base, CALENDAR_ACTIONS.getAvailability, availability(chamber))));
  // The burst of 20 spent on A; then 20 more on B, which alone would allow them all.
  const started = Date.now();
  expect((await ask(HUB.url)).filter((answer) => !answer.result.ok)).toHaveLength(0);
  const onB = await ask(b.url);
  const passed = onB.filter((answer) => answer.result.ok).length;
  // Only what refilled meanwhile (one a second) gets through on B.
  expect(passed).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000));
  expect(onB.filter((answer) => !answer.result.ok)[0]?.result).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  expect(await sqlRow(`SELECT COUNT(*) AS count FROM "RateLimit"`)).toEqual({ count: 1 });
});

test("an expired access token is renewed once for 200 concurrent calls spread over both instances", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const aliceId = await connectAlice(page);
  const office = await addResource({ name: "Alice's office", mailbox: USERS.alice.email, accountId: aliceId });
  // 20 people making 10 calls each (within everyone's budget), half of them on each instance.
  const staff = await signedInStaff(playwright, 20);
  // Read from Microsoft, not from the hub's copy of the calendar (which needs no token): the copy is out of date.
  await outOfDateCopies();
  await expireStoredAccessTokens();
  await microsoft.clearRequests();

  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => callAction<Result>(staff[i % 20]!, i % 2 ? b.url : HUB.url, CALENDAR_ACTIONS.getAvailability, availability(office))),
  );
  expect(answers.filter((answer) => !answer.result.ok).map((answer) => JSON.stringify(answer.result).slice(0, 200))).toEqual([]);
  const tokenRequests = (await microsoft.requests()).filter((request) => request.service === "login" && request.path.endsWith("/token"));
  expect(tokenRequests).toHaveLength(1);
  expect(tokenRequests[0]!.form.grant_type).toBe("refresh_token");
  expect(await sqlRow(`SELECT "renewalLeaseUntil" FROM "AccountToken" WHERE "accountId" = ?`, [aliceId])).toEqual({ renewalLeaseUntil: null });
});

/** A booking of the council chamber through one instance; its answer (which may never come). */
const bookChamber = (client: APIRequestContext, base: string, resourceId: string, subject: string) =>
  callAction<Result<{ bookingId: string; status: string }>>(client, base, CALENDAR_ACTIONS.createBooking, {
    resourceId,
    subject,
    start: `${BASE_TUESDAY}T10:00`,
    end: `${BASE_TUESDAY}T10:30`,
    timeZone: "Europe/London",
  });

/** The booking's lease and last change moved back, as if the minutes a sweep waits for had passed. */
const ageBooking = (subject: string) =>
  sql(`UPDATE "Booking" SET "leaseUntil" = ?, "updatedAt" = ? WHERE "subject" = ?`, [new Date(Date.now() - 1_000), new Date(Date.now() - 60_000), subject]);

const bookingRow = (subject: string) => sqlRow<{ id: string; status: string; eventId: string | null }>(`SELECT "id", "status", "eventId" FROM "Booking" WHERE "subject" = ?`, [subject]);

test("the recovery sweep runs on one instance at a time: a booking whose answer was lost is settled once", async ({ page }) => {
  const aliceId = await connectAlice(page);
  const chamber = await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  // Microsoft makes the event, and the answer is lost (each retry's too).
  await microsoft.addFault({ service: "graph", method: "POST", pathPattern: "/events$", status: 504, afterHandling: true, times: 3 });
  const answer = await bookChamber(page.request, b.url, chamber, "Lost answer");
  expect(answer.result).toMatchObject({ ok: false, error: { code: "booking_pending" } });
  expect(await microsoft.mailboxEvents(USERS.room.email)).toHaveLength(1);
  const { id } = (await bookingRow("Lost answer"))!;

  await microsoft.clearRequests();
  await ageBooking("Lost answer");
  await expect.poll(async () => (await bookingRow("Lost answer"))?.status, { timeout: 20_000 }).toBe("confirmed");

  const events = await microsoft.mailboxEvents(USERS.room.email);
  expect(events).toHaveLength(1);
  expect((await bookingRow("Lost answer"))?.eventId).toBe(events[0]!.id);
  // Found again by its transactionId, not created a second time; by one instance.
  expect((await microsoft.requests()).filter((request) => request.method === "POST" && request.path.endsWith("/events"))).toHaveLength(0);
  // The log line follows the saved status (an instance's output reaches its log file a moment later).
  const recoveries = () => [...jsonLines(HUB.logFile), ...b.logLines()].filter((line) => line.msg === "booking.recovered" && line.bookingId === id);
  await expect.poll(() => recoveries().length).toBeGreaterThan(0);

  // Both instances keep looking every half second; the job itself starts at most once per 2-second period.
  const starts = new Set<string>();
  for (const until = Date.now() + 7_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const job = await sqlRow<{ lastStartedAt: string }>(`SELECT "lastStartedAt" FROM "Job" WHERE "name" = 'office365.booking-recovery'`);
    if (job) starts.add(job.lastStartedAt);
  }
  const times = [...starts].map((text) => Date.parse(text)).sort((x, y) => x - y);
  expect(times.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_900);
  // Seven seconds of sweeps on both instances later, the booking has still been settled once.
  expect(recoveries()).toHaveLength(1);
});

test("the copy of a room's calendar belongs to the installation: one subscription for both, kept across a restart; a notification reaching B starts one round", async ({ page }) => {
  test.setTimeout(180_000);
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  const resourceId = await addDirectoryRoom(page, "Committee Room 1");
  const live = async () => (await microsoft.subscriptions()).filter((subscription) => !subscription.expired);
  // Both instances look for due rounds every second; the resource has one subscription, not one per instance.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const [subscription, ...others] = await live();
  expect(others).toEqual([]);
  expect(await sqlRow(`SELECT "subscriptionId" FROM "CalendarMirror" WHERE "resourceId" = ?`, [resourceId])).toEqual({ subscriptionId: subscription!.id });

  // Microsoft's notifications go to the public address; one can reach any instance (a load balancer): sent to B here.
  await microsoft.setSubscriptionDelivery(subscription!.id, "pause");
  // (Through the emulator untouched: the journeys' own control would tell the hub itself.)
  const [event] = await outlook.addMailboxEvents(subscription!.mailbox, [{ subject: "Told B", start: utc(BASE_TUESDAY, "10:00", { milliseconds: false }), end: utc(BASE_TUESDAY, "11:00", { milliseconds: false }) }]);
  await microsoft.clearRequests();
  const notified = await fetch(`${b.url}/jadu/integrations/office365/notifications`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value: [{ subscriptionId: subscription!.id, clientState: subscription!.clientState, changeType: "created", resource: `Users/x/Events/${event!.id}` }] }),
  });
  expect(notified.status).toBe(202);
  await expect
    .poll(async () => (await sqlRow<{ n: number }>(`SELECT COUNT(*) AS n FROM "MirrorEvent" WHERE "resourceId" = ? AND "eventId" = ?`, [resourceId, event!.id]))?.n, { timeout: 10_000 })
    .toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // One round for one notification, on one of the two.
  const rounds = (await microsoft.requests()).filter((request) => request.service === "graph" && /calendarView\/delta/.test(request.path));
  expect(rounds).toHaveLength(1);

  // Restarted, B finds the installation's subscription and keeps it.
  await b.stop();
  b = await startInstance(HUB.port + 1, { HUB_RECOVERY_INTERVAL_SECONDS: "2" });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect((await live()).map((kept) => kept.id)).toEqual([subscription!.id]);
});

test("an instance killed after asking Microsoft for the event, before saving its answer: the other's sweep settles it", async ({ page }) => {
  test.setTimeout(120_000);
  const aliceId = await connectAlice(page);
  const chamber = await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  // Microsoft makes the event at once and holds its answer back for a minute.
  await microsoft.addFault({ service: "graph", method: "POST", pathPattern: "/events$", afterHandling: true, delayMs: 60_000 });
  const answer = bookChamber(page.request, b.url, chamber, "Killed mid-booking").catch((error: unknown) => error);
  await expect.poll(async () => (await microsoft.mailboxEvents(USERS.room.email)).length, { timeout: 30_000 }).toBe(1);
  b.kill();
  expect(await answer).toBeInstanceOf(Error);
  // B's lease still holds it: nobody else touches it until the lease runs out.
  const left = await sqlRow<{ status: string; leaseUntil: string | null }>(`SELECT "status", "leaseUntil" FROM "Booking" WHERE "subject" = ?`, ["Killed mid-booking"]);
  expect(left?.status).toBe("pending");
  expect(Date.parse(left!.leaseUntil!)).toBeGreaterThan(Date.now());

  await ageBooking("Killed mid-booking");
  await expect.poll(async () => (await bookingRow("Killed mid-booking"))?.status, { timeout: 20_000 }).toBe("confirmed");
  const events = await microsoft.mailboxEvents(USERS.room.email);
  expect(events).toHaveLength(1);
  expect((await bookingRow("Killed mid-booking"))?.eventId).toBe(events[0]!.id);
  const { id } = (await bookingRow("Killed mid-booking"))!;
  expect(jsonLines(HUB.logFile).filter((line) => line.msg === "booking.recovered" && line.bookingId === id)).toMatchObject([{ from: "pending", status: "confirmed" }]);
});
