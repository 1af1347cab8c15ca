import { DateTime } from "luxon";
import { expect, test, type Page } from "@playwright/test";
import { ROOMS } from "./microsoft/places/seed";
import { saveOffice365Settings, signIn } from "./support/actions";
import { ZONE, openDay } from "./support/bookings";
import { resetOffice365, sql, sqlRow } from "./support/database";
import { APPS, USERS, isMirrorRound, outlook } from "./support/emulator";
import { BASE_TUESDAY } from "./support/days";
import { addDirectoryRoom, addResource, connectAlice, resetBookingsAndResources, staffPage } from "./support/resources";
import { axeViolations } from "./support/axe";

/**
 * The hub's copy of each resource's busy time (lib/mirror/), as people meet it: a change made in Outlook behind the
 * hub's back reaches the booking page by Microsoft's change notification (the emulator's, delivered to the hub) and is
 * then answered from the copy, without asking Microsoft; moved and deleted events likewise; a lost notification is
 * caught up after "missed"; a removed subscription is made again; a calendar Microsoft sends no notifications for is
 * polled; and a copy that is out of date is never used: its times are read live, or unknown, never offered as free.
 * `outlook` is the emulator untouched: nothing here tells the hub of a change but Microsoft.
 */
const OFFICE365 = "/utilities/integrations/office365";
const ROOM = ROOMS.committeeRoom;
// The journeys' base Tuesday (at least two weeks ahead, clear of bank holidays).
const DAY = BASE_TUESDAY;
const at = (time: string) => DateTime.fromISO(`${DAY}T${time}`, { zone: ZONE }).toUTC().toISO()!;

type CopyRow = { mode: string; lastSyncAt: string | null; subscriptionId: string | null; syncRequestedAt: string | null };
const copyOf = (name: string) =>
  sqlRow<CopyRow>(`SELECT m."mode", m."lastSyncAt", m."subscriptionId", m."syncRequestedAt" FROM "CalendarMirror" m JOIN "Resource" r ON r."id" = m."resourceId" WHERE r."name" = ?`, [name]);

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await resetBookingsAndResources();
  await outlook.reset();
  await signIn(page);
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
});

/** Committee Room 1 from the room directory: a room mailbox reached with application access, so notified. */
async function addCommitteeRoom(page: Page) {
  await addDirectoryRoom(page, ROOM.displayName);
  expect((await copyOf(ROOM.displayName))?.mode).toBe("notifications");
}

const startTime = (page: Page, time: string) => page.getByRole("group", { name: "Start time" }).getByRole("radio", { name: new RegExp(`^${time} to`) });

/** Reloads the open day until the time is offered (or not), as someone refreshing the page would. */
async function untilOffered(page: Page, time: string, offered: boolean) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return startTime(page, time).count();
      },
      { timeout: 15_000, intervals: [250] },
    )
    .toBe(offered ? 1 : 0);
}

/** Graph requests other than the copy's own rounds: what a page view asked Microsoft. */
const calendarReads = async () => (await outlook.requests()).filter((request) => request.service === "graph" && !isMirrorRound(request));

test("a meeting made, moved and deleted in Outlook reaches the booking page by Microsoft's notification, then answered from the hub's copy", async ({ page, browser }) => {
  await addCommitteeRoom(page);
  const office = page.getByTestId("live-row").filter({ hasText: ROOM.displayName });
  await page.goto(OFFICE365);
  await expect(office.getByTestId("live-mode")).toContainText("Notifications");
  await expect(office.getByTestId("live-expiry")).toContainText("expires");
  await expect(office.getByTestId("live-state")).toHaveText("From the hub's copy");

  const staff = await staffPage(browser, "copy.staff@example.gov.uk");
  await openDay(staff, ROOM.displayName, DAY);
  await expect(startTime(staff, "10:00")).toHaveCount(1);

  const [meeting] = await outlook.addMailboxEvents(ROOM.email, [{ subject: "Budget briefing", start: at("10:00"), end: at("11:00") }]);
  await untilOffered(staff, "10:00", false);
  await expect(staff.getByTestId("unavailable-times")).toContainText("10:00 to 11:00: Booked");
  // The notification was acknowledged with 202, carrying the subscription's secret.
  const delivered = (await outlook.deliveries()).filter((delivery) => delivery.kind === "notification");
  expect(delivered.length).toBeGreaterThan(0);
  expect(delivered.every((delivery) => delivery.status === 202)).toBe(true);

  // Once the round has run, a view asks Microsoft nothing.
  await expect.poll(async () => (await copyOf(ROOM.displayName))?.syncRequestedAt ?? null).toBeNull();
  await outlook.clearRequests();
  await staff.reload();
  await expect(startTime(staff, "10:00")).toHaveCount(0);
  expect(await calendarReads()).toEqual([]);

  await outlook.changeMailboxEvent(ROOM.email, meeting!.id, { start: at("14:00"), end: at("15:00") });
  await untilOffered(staff, "14:00", false);
  await expect(startTime(staff, "10:00")).toHaveCount(1);
  await outlook.deleteMailboxEvent(ROOM.email, meeting!.id);
  await untilOffered(staff, "14:00", true);
});

test("notifications lost, then Microsoft's 'missed': the next round catches up; a removed subscription is made again", async ({ page, browser }) => {
  await addCommitteeRoom(page);
  const first = (await copyOf(ROOM.displayName))!.subscriptionId!;
  const staff = await staffPage(browser, "copy.missed@example.gov.uk");
  await openDay(staff, ROOM.displayName, DAY);

  await outlook.setSubscriptionDelivery(first, "drop");
  await outlook.addMailboxEvents(ROOM.email, [{ subject: "Not notified", start: at("09:00"), end: at("10:00") }]);
  await outlook.sendLifecycleEvent(first, "missed");
  await untilOffered(staff, "09:00", false);

  await outlook.sendLifecycleEvent(first, "subscriptionRemoved");
  await expect.poll(async () => (await copyOf(ROOM.displayName))?.subscriptionId, { timeout: 15_000 }).not.toBe(first);
  const second = (await copyOf(ROOM.displayName))!.subscriptionId!;
  expect((await outlook.subscriptions()).filter((subscription) => !subscription.expired).map((subscription) => subscription.id)).toEqual([second]);
  // The new one delivers.
  await outlook.addMailboxEvents(ROOM.email, [{ subject: "Notified again", start: at("11:00"), end: at("12:00") }]);
  await untilOffered(staff, "11:00", false);
});

test("a copy out of date is never used: with Microsoft unreachable the day is unknown, not free, and the Office 365 page says why", async ({ page, browser }) => {
  await addCommitteeRoom(page);
  // Microsoft stops answering; the copy's last round was an hour ago (its rounds fail meanwhile).
  await outlook.addFault({ service: "graph", pathPattern: "calendarView|getSchedule", status: 503, headers: { "Retry-After": "0" }, times: 1_000 });
  await sql(`UPDATE "CalendarMirror" SET "lastSyncAt" = ?`, [new Date(Date.now() - 3600_000)]);
  await sql(`UPDATE "Job" SET "nextRunAt" = ? WHERE "name" LIKE 'calendar-sync:%'`, [new Date()]);

  const staff = await staffPage(browser, "copy.stale@example.gov.uk");
  await openDay(staff, ROOM.displayName, DAY);
  await expect(staff.getByTestId("availability-unknown")).toContainText(`The availability of ${ROOM.displayName} is unknown`);
  await expect(staff.getByRole("radio")).toHaveCount(0);

  await page.goto(OFFICE365);
  const office = page.getByTestId("live-row").filter({ hasText: ROOM.displayName });
  await expect(office.getByTestId("live-state")).toContainText("From Microsoft (the copy has not caught up recently)");
  await expect.poll(async () => (await sqlRow<{ problemCode: string | null }>(`SELECT "problemCode" FROM "CalendarMirror"`))?.problemCode).toBe("graph_unavailable");
  await page.reload();
  await expect(office.getByTestId("live-problem")).toContainText("Microsoft Graph is not answering properly");
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
});

test("a calendar shared with an account is polled, and the Office 365 page says why", async ({ page, browser }) => {
  const aliceId = await connectAlice(page);
  await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  await expect.poll(async () => (await copyOf("Council Chamber"))?.lastSyncAt ?? null, { timeout: 15_000 }).not.toBeNull();
  await page.goto(OFFICE365);
  const office = page.getByTestId("live-row").filter({ hasText: "Council Chamber" });
  await expect(office.getByTestId("live-mode")).toHaveText("Polling");
  await expect(office.getByTestId("live-problem")).toContainText("not for calendars shared with an account");
  await expect(office.getByTestId("live-expiry")).toHaveCount(0);

  const staff = await staffPage(browser, "copy.poll@example.gov.uk");
  await openDay(staff, "Council Chamber", DAY);
  await outlook.addMailboxEvents(USERS.room.email, [{ subject: "Polled", start: at("15:00"), end: at("16:00") }]);
  // Polled every 10 seconds in the journeys (HUB_SYNC_INTERVAL_SECONDS): seen within one interval or so.
  await expect
    .poll(
      async () => {
        await staff.reload();
        return startTime(staff, "15:00").count();
      },
      { timeout: 25_000, intervals: [500] },
    )
    .toBe(0);
});
