import { DateTime } from "luxon";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { saveOffice365Settings, signIn, submitAndWait } from "./support/actions";
import { accountRows, resetOffice365, withDatabase } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";

const ZONE = "Europe/London";
// A week well in the future, so every slot can be booked: Monday 4 January 2027.
const WEEK = "2027-01-04";
const local = (value: string) => DateTime.fromISO(value, { zone: ZONE });

async function connectAlice(page: Page) {
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await microsoft.nextSignIn({ email: USERS.alice.email });
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByTestId("account-connected")).toBeVisible();
  return accountRows()[0]!.id;
}

/** Chooses the account (and shared mailbox) and the week on the booking page, as a person would. */
async function openWeek(page: Page, options: { sourceId: string; mailbox?: string; calendarLabel?: string | RegExp }) {
  await page.goto("/bookings");
  await page.getByLabel("Account or mailbox").selectOption(options.sourceId);
  if (options.mailbox) await page.getByLabel("Shared mailbox (optional)").fill(options.mailbox);
  await page.getByRole("button", { name: "Show calendars" }).click();
  await expect(page.getByLabel("Calendar", { exact: true })).toBeVisible();
  if (options.calendarLabel) await page.getByLabel("Calendar", { exact: true }).selectOption({ label: options.calendarLabel as string });
  await page.getByLabel("Week beginning").fill(WEEK);
  await page.getByRole("button", { name: "Show availability" }).click();
  await expect(page).toHaveURL(new RegExp(`week=${WEEK}`));
  await expect(page.getByRole("heading", { name: /week of 4 January to 10 January 2027/ })).toBeVisible();
  await expect(page.getByTestId("week-grid")).toBeVisible();
}

const cell = (page: Page, start: string) => page.locator(`td[data-start="${local(start).toISO({ suppressMilliseconds: true })}"]`);

async function bookSlot(page: Page, slot: string, subject: string) {
  const start = local(slot);
  await page.getByRole("radio", { name: `${start.toFormat("cccc d MMMM, HH:mm")} to ${start.plus({ minutes: 30 }).toFormat("HH:mm")}, free` }).check();
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Attendee email (optional)").fill("resident@example.org");
  await submitAndWait(page, "Book");
}

test.beforeEach(async ({ page }) => {
  resetOffice365();
  withDatabase((database) => database.exec(`DELETE FROM "Booking"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings";`));
  await microsoft.reset();
  await signIn(page);
});

test("a week with 30 events read over several pages: every event blocks its slots, the rest is free", async ({ page }) => {
  const aliceId = await connectAlice(page);
  await microsoft.setConfig({ maxPageSize: 10 });
  const seeds = Array.from({ length: 30 }, (_, i) => {
    const start = local(`${WEEK}T08:00`).plus({ days: Math.floor(i / 5), hours: (i % 5) * 2 });
    return { subject: `Surgery ${i + 1}`, start: start.toUTC().toISO()!, end: start.plus({ minutes: 30 }).toUTC().toISO()! };
  });
  await microsoft.setMailboxEvents(USERS.alice.email, seeds);
  await microsoft.clearRequests();
  await openWeek(page, { sourceId: aliceId });

  const stored = await microsoft.mailboxEvents(USERS.alice.email);
  expect(stored).toHaveLength(30);
  for (const event of stored) {
    await expect(cell(page, DateTime.fromISO(event.start).setZone(ZONE).toISO()!)).toHaveAttribute("data-status", "busy");
  }
  await expect(page.locator('td[data-status="busy"]')).toHaveCount(30);
  // The week's events as Microsoft holds them, in the site's zone.
  await expect(page.getByTestId("week-event")).toHaveCount(30);
  await expect(page.getByTestId("week-event").first()).toContainText("Mon 4 Jan, 08:00 to 08:30");
  await expect(page.getByTestId("week-event").first()).toContainText("Surgery 1");
  await expect(page.getByTestId("week-event").last()).toContainText("Surgery 30");
  await expect(page.locator('td[data-status="free"]')).toHaveCount(7 * 20 - 30);
  const views = (await microsoft.requests()).filter((request) => request.path.endsWith("/calendarView"));
  expect(views.length).toBeGreaterThanOrEqual(3);
});

test("book a room shared with a connected account, see it in Outlook and in the list, then cancel it", async ({ page }) => {
  const aliceId = await connectAlice(page);
  await openWeek(page, { sourceId: aliceId, mailbox: USERS.room.email });
  await bookSlot(page, `${WEEK}T10:00`, "Licensing committee");
  const confirmation = page.getByTestId("booking-confirmed");
  await expect(confirmation).toContainText("Booked: Licensing committee");
  await expect(confirmation).toContainText("Monday 4 January 2027, 10:00");
  await expect(confirmation.getByRole("link", { name: /Open it in Outlook/ })).toHaveAttribute("href", /outlook\.office365\.com/);
  await expect(cell(page, `${WEEK}T10:00`)).toHaveAttribute("data-status", "busy");

  const roomEvents = await microsoft.mailboxEvents(USERS.room.email);
  expect(roomEvents).toEqual([
    expect.objectContaining({ subject: "Licensing committee", start: "2027-01-04T10:00:00.000Z", end: "2027-01-04T10:30:00.000Z", attendees: ["resident@example.org"] }),
  ]);
  const create = (await microsoft.requests()).find((request) => request.method === "POST" && request.path.endsWith("/events"));
  expect(create?.path).toContain(encodeURIComponent(USERS.room.email));
  expect((create?.json as { transactionId?: string }).transactionId).toMatch(/^[0-9a-f-]{36}$/);

  const row = page.getByTestId("booking-row").filter({ hasText: "Licensing committee" });
  await expect(row).toContainText(USERS.room.email);
  await row.getByRole("button", { name: /Cancel/ }).click();
  await expect(page.getByRole("heading", { name: "Are you sure you want to cancel this booking?" })).toBeVisible();
  await submitAndWait(page, "Cancel booking");
  await expect(page.getByTestId("booking-cancelled")).toBeVisible();
  await expect(page.getByTestId("no-bookings")).toBeVisible();
  expect(await microsoft.mailboxEvents(USERS.room.email)).toHaveLength(0);
});

test("a mailbox with application access: refused before admin consent, added after it, then booked", async ({ page }) => {
  await connectAlice(page);
  await page.getByLabel("Mailbox address").fill(USERS.room.email);
  await submitAndWait(page, "Add mailbox");
  await expect(page.getByTestId("error-summary")).toContainText("lacks permission");
  await expect(page.getByTestId("mailbox-row")).toHaveCount(0);

  await page.getByRole("button", { name: "Grant admin consent" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("admin-consented")).toContainText("Admin consent granted");
  await expect(page.getByTestId("admin-consent-status")).toContainText("11111111-1111-4111-8111-111111111111");

  await page.getByLabel("Mailbox address").fill(USERS.room.email);
  await submitAndWait(page, "Add mailbox");
  await expect(page.getByTestId("mailbox-added")).toContainText(`${USERS.room.email} was added with application access`);
  const row = page.getByTestId("mailbox-row").filter({ hasText: USERS.room.email });
  await expect(row).toContainText("Application access");
  await expect(row).toContainText("Council Chamber");

  const mailboxId = withDatabase((database) => (database.prepare(`SELECT "id" FROM "ApplicationMailbox"`).get() as { id: string }).id);
  await openWeek(page, { sourceId: mailboxId });
  await bookSlot(page, `${WEEK}T14:00`, "Citizenship ceremony");
  await expect(page.getByTestId("booking-confirmed")).toContainText("Booked: Citizenship ceremony");
  expect(await microsoft.mailboxEvents(USERS.room.email)).toEqual([expect.objectContaining({ subject: "Citizenship ceremony", start: "2027-01-04T14:00:00.000Z" })]);
  const token = (await microsoft.requests()).find((request) => request.form.grant_type === "client_credentials");
  expect(token?.path).toMatch(/\/(council\.example|11111111-1111-4111-8111-111111111111)\/oauth2\/v2\.0\/token$/);
});

test("throttling (429 with Retry-After) while reading availability is retried and the week is still right", async ({ page }) => {
  const aliceId = await connectAlice(page);
  await microsoft.setMailboxEvents(USERS.alice.email, [{ subject: "Busy", start: local(`${WEEK}T09:00`).toUTC().toISO()!, end: local(`${WEEK}T10:00`).toUTC().toISO()! }]);
  await microsoft.addFault({
    service: "graph",
    pathPattern: "calendarView",
    status: 429,
    headers: { "Retry-After": "2" },
    body: { error: { code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." } },
    times: 1,
  });
  await openWeek(page, { sourceId: aliceId });
  await expect(cell(page, `${WEEK}T09:00`)).toHaveAttribute("data-status", "busy");
  await expect(cell(page, `${WEEK}T09:30`)).toHaveAttribute("data-status", "busy");
  await expect(cell(page, `${WEEK}T10:00`)).toHaveAttribute("data-status", "free");
  await expect(page.getByTestId("availability-unknown")).toHaveCount(0);
  const statuses = (await microsoft.requests()).filter((request) => request.path.endsWith("/calendarView")).map((request) => request.status);
  expect(statuses).toContain(429);
  expect(statuses.at(-1)).toBe(200);
});

test("when Microsoft cannot answer, the week is shown as unknown and nothing is offered", async ({ page }) => {
  const aliceId = await connectAlice(page);
  await microsoft.addFault({ service: "graph", pathPattern: "calendarView", status: 503, times: 20 });
  await openWeek(page, { sourceId: aliceId });
  await expect(page.getByTestId("availability-unknown")).toContainText("is unknown");
  await expect(page.locator('td[data-status="unknown"]')).toHaveCount(7 * 20);
  await expect(page.getByRole("radio")).toHaveCount(0);
});

test("the same slot cannot be booked twice, and a lost answer does not make a second event", async ({ page, context }) => {
  const aliceId = await connectAlice(page);
  await openWeek(page, { sourceId: aliceId });
  const stale = await context.newPage();
  await stale.goto(page.url());

  await microsoft.addFault({ service: "graph", method: "POST", pathPattern: "/events$", status: 504, afterHandling: true, times: 1 });
  await bookSlot(page, `${WEEK}T11:00`, "Budget review");
  await expect(page.getByTestId("booking-confirmed")).toBeVisible();
  expect(await microsoft.mailboxEvents(USERS.alice.email)).toHaveLength(1);
  expect((await microsoft.requests()).filter((request) => request.method === "POST" && request.path.endsWith("/events"))).toHaveLength(2);

  await bookSlot(stale, `${WEEK}T11:00`, "Someone else");
  await expect(stale.getByTestId("error-summary")).toContainText("no longer free");
  expect(await microsoft.mailboxEvents(USERS.alice.email)).toHaveLength(1);
});

test("the booking page passes axe (WCAG 2.2 AA)", async ({ page }) => {
  const aliceId = await connectAlice(page);
  await openWeek(page, { sourceId: aliceId });
  await page.getByRole("button", { name: "Book" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Choose a free slot");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations).toEqual([]);
});
