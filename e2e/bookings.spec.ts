import { DateTime } from "luxon";
import { expect, test, type Page } from "@playwright/test";
import { submitAndWait } from "./support/actions";
import { USERS, microsoft, outOfDateCopies } from "./support/emulator";
import { HUB } from "./support/hub";
import { ZONE, expectAccessible, openDay as openDate } from "./support/bookings";
import { BASE_TUESDAY, dateFields, dayPlus, longDate, shortDate } from "./support/days";
import { addResource, freshCouncilChamber, staffPage } from "./support/resources";
import { CALENDAR_ACTIONS, callAction } from "./support/server-actions";

/** Staff book resources on /bookings: a day's free times, the rest with reasons, Find a room, and nothing else. */
// The journeys' base Tuesday (at least two weeks ahead, clear of bank holidays): far enough ahead for every rule but the horizon.
const DAY = BASE_TUESDAY;
const local = (time: string) => DateTime.fromISO(`${DAY}T${time}`, { zone: ZONE });
const openDay = (page: Page, resource: string, date = DAY) => openDate(page, resource, date);
type Result = { ok: boolean; data?: unknown; error?: { code: string; message: string; field?: string } };

let aliceId: string;
let chamberId: string;

test.beforeEach(async ({ page }) => {
  ({ aliceId, chamberId } = await freshCouncilChamber(page, { wheelchairAccessible: true }));
});

test("a day's free start times, booked with a duration: in Outlook, confirmed where the eyes are, cancelled back to the same day", async ({ browser }) => {
  await microsoft.setMailboxEvents(USERS.room.email, [{ subject: "Full council", start: local("14:00").toUTC().toISO()!, end: local("15:00").toUTC().toISO()! }]);
  const staff = await staffPage(browser, "desk.officer@example.gov.uk");
  await staff.goto("/bookings");
  const choice = staff.getByTestId("resource-choice").filter({ hasText: "Council Chamber" });
  await expect(choice).toContainText("seats 60");
  await expect(choice).toContainText("wheelchair accessible");
  await expect(staff.getByRole("heading", { name: "Town Hall" })).toBeVisible();
  await openDay(staff, "Council Chamber");

  const times = staff.getByRole("group", { name: "Start time" });
  await expect(times.getByRole("radio", { name: "08:00 to 08:30" })).toBeVisible();
  // The council meeting's time is not offered, and says why instead.
  await expect(times.getByRole("radio", { name: "14:00 to 14:30" })).toHaveCount(0);
  await expect(staff.getByTestId("unavailable-times")).toContainText("14:00 to 15:00: Booked");
  await expect(staff.getByTestId("opening")).toHaveText("Open 08:00 to 18:00.");

  await times.getByRole("radio", { name: "10:00 to 10:30" }).check();
  await staff.getByLabel("Duration").selectOption({ label: "1 hour" });
  await staff.getByLabel("Subject").fill("Licensing committee");
  await staff.getByLabel("Attendees (optional)").fill("resident@example.org");
  await submitAndWait(staff, "Book");
  const confirmation = staff.getByTestId("booking-confirmed");
  await expect(confirmation).toContainText("Booked: Licensing committee");
  await expect(confirmation).toContainText(`Council Chamber, ${longDate(DAY)}, 10:00 to 11:00`);
  await expect(confirmation).toBeFocused();
  await expect(confirmation.getByRole("link", { name: /Open it in Outlook/ })).toHaveAttribute("href", /outlook\.office365\.com/);
  expect(await microsoft.mailboxEvents(USERS.room.email)).toContainEqual(
    expect.objectContaining({ subject: "Licensing committee", start: local("10:00").toUTC().toISO(), end: local("11:00").toUTC().toISO(), attendees: ["resident@example.org"] }),
  );
  await expect(staff.getByTestId("unavailable-times")).toContainText("10:00 to 11:00: Booked");

  const row = staff.getByTestId("booking-row").filter({ hasText: "Licensing committee" });
  await expect(row).toContainText("Council Chamber");
  await row.getByRole("button", { name: /Cancel/ }).click();
  await submitAndWait(staff, "Cancel booking");
  await expect(staff.getByTestId("booking-cancelled")).toBeFocused();
  await expect(staff).toHaveURL(new RegExp(`resource=${chamberId}&date=${DAY}`));
  await expect(staff.getByRole("heading", { level: 1, name: "Council Chamber" })).toBeVisible();
  expect((await microsoft.mailboxEvents(USERS.room.email)).map((event) => event.subject)).toEqual(["Full council"]);
});

test("without JavaScript, staff choose a room, a day and a time, and book it", async ({ browser }) => {
  const staff = await staffPage(browser, "desk.plain@example.gov.uk", undefined, { javaScriptEnabled: false });
  await openDay(staff, "Council Chamber");
  await staff.getByRole("group", { name: "Start time" }).getByRole("radio", { name: "09:00 to 09:30" }).check();
  await staff.getByLabel("Subject").fill("Planning surgery");
  await staff.getByRole("button", { name: "Book" }).click();
  await expect(staff.getByTestId("booking-confirmed")).toContainText(`Council Chamber, ${longDate(DAY)}, 09:00 to 09:30`);
  expect((await microsoft.mailboxEvents(USERS.room.email)).map((event) => event.subject)).toEqual(["Planning surgery"]);
  await staff.getByTestId("next-day").click();
  await expect(staff.getByRole("heading", { level: 2, name: longDate(dayPlus(1)) })).toBeVisible();
});

test("closed, too soon and too far ahead are shown as such, never as free; the week is a table of links", async ({ page }) => {
  // The Saturday after the base Tuesday.
  await openDay(page, "Council Chamber", dayPlus(4));
  await expect(page.getByTestId("opening")).toHaveText("Closed on Saturdays.");
  await expect(page.getByRole("radio")).toHaveCount(0);
  const week = page.getByTestId("week-overview");
  await expect(week.getByRole("link")).toHaveCount(7);
  await expect(week.locator(`tr[data-date="${dayPlus(5)}"]`)).toContainText("Closed on Sundays");
  await expect(week.locator(`tr[data-date="${DAY}"]`)).toContainText("20 free times");
  await week.getByRole("link", { name: shortDate(DAY) }).click();
  await expect(page.getByRole("group", { name: "Start time" }).getByRole("radio")).toHaveCount(20);

  // Today: what has passed or is within the hour's notice is not offered.
  const now = DateTime.now().setZone(ZONE);
  await page.goto(`/bookings?resource=${chamberId}&date=${now.toISODate()}`);
  const weekday = now.weekday <= 5;
  if (weekday && now.hour >= 8 && now.hour < 17) {
    await expect(page.getByTestId("unavailable-times")).toContainText(/In the past|Too soon to book/);
  }
  // Beyond the 180 days the resource may be booked ahead.
  const far = now.plus({ days: 200 }).startOf("week").plus({ days: 1 }).toISODate()!;
  await page.goto(`/bookings?resource=${chamberId}&date=${far}`);
  await expect(page.getByTestId("unavailable-times")).toContainText("Too far ahead to book");
  await expect(page.getByRole("radio")).toHaveCount(0);
});

test("a booking that breaks a rule is refused with the rule named, beside the field, and nothing is written", async ({ page }) => {
  await openDay(page, "Council Chamber");
  await page.getByRole("group", { name: "Start time" }).getByRole("radio", { name: "16:00 to 16:30" }).check();
  await page.getByLabel("Duration").selectOption({ label: "4 hours" });
  await page.getByLabel("Subject").fill("Too late");
  await submitAndWait(page, "Book");
  await expect(page.getByTestId("error-summary")).toContainText("open from 08:00 to 18:00 on Tuesdays");
  expect(await microsoft.mailboxEvents(USERS.room.email)).toEqual([]);
  // The chosen time is kept after a refusal; on a fresh page, every invalid field is reported at once.
  await expect(page.getByRole("radio", { name: "16:00 to 16:30" })).toBeChecked();
  await expect(page.getByLabel("Duration")).toHaveValue("240");
  await page.reload();
  await page.getByLabel("Subject").fill("");
  await page.getByLabel("Attendees (optional)").fill("not-an-address");
  await submitAndWait(page, "Book");
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Choose a start time");
  await expect(summary).toContainText("Enter a subject");
  await expect(summary).toContainText("Each attendee must be an email address");
});

test("when Microsoft cannot answer (and the hub's copy is out of date), the day says which resource and why, and offers no times and no Book", async ({ page }) => {
  await microsoft.addFault({ service: "graph", pathPattern: "getSchedule|calendarView", status: 503, headers: { "Retry-After": "0" }, times: 20 });
  await outOfDateCopies();
  await openDay(page, "Council Chamber");
  const warning = page.getByTestId("availability-unknown");
  await expect(warning).toContainText("The availability of Council Chamber is unknown");
  await expect(warning.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Book" })).toHaveCount(0);
  await expectAccessible(page);
});

test("while Microsoft is slow to answer, the link that was used says it is checking availability", async ({ page }) => {
  await openDay(page, "Council Chamber");
  await microsoft.addFault({ service: "graph", pathPattern: "getSchedule", delayMs: 2500 });
  // Read from Microsoft, not from the hub's copy (which answers at once).
  await outOfDateCopies();
  await page.getByTestId("next-day").click();
  const pending = page.getByTestId("next-day").getByRole("status");
  await expect(pending).toHaveText("Checking availability with Microsoft…");
  const next = DateTime.fromISO(DAY).plus({ days: 1 }).toFormat("cccc d MMMM yyyy");
  await expect(page.getByRole("heading", { level: 2, name: next })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("pending")).toHaveCount(0);
});

test("staff book resources only: not one for administrators, and not the raw accounts and calendars", async ({ browser }) => {
  const adminsOnly = await addResource({ name: "Mayor's Parlour", mailbox: USERS.alice.email, accountId: aliceId, whoCanBook: "admin" });
  const staff = await staffPage(browser, "desk.two@example.gov.uk");
  await staff.goto("/bookings");
  await expect(staff.getByRole("link", { name: "Mayor's Parlour" })).toHaveCount(0);
  await staff.goto(`/bookings?resource=${adminsOnly}&date=${DAY}`);
  await expect(staff.getByTestId("resource-unavailable")).toBeVisible();
  const refused = await callAction<Result>(staff.request, HUB.url, CALENDAR_ACTIONS.createBooking, {
    resourceId: adminsOnly,
    subject: "Sneaked in",
    start: `${DAY}T10:00`,
    end: `${DAY}T11:00`,
    timeZone: ZONE,
  });
  expect(refused.result).toMatchObject({ ok: false, error: { code: "resource_admins_only" } });
  for (const [action, input] of [
    [CALENDAR_ACTIONS.listCalendars, { accountId: aliceId, mailbox: USERS.events.email }],
    [{ file: "app/actions/calendar.ts", name: "listEvents" }, { accountId: aliceId, calendarId: "AAMkAGAny=", start: `${DAY}T00:00`, end: `${DAY}T23:00`, timeZone: ZONE }],
    [{ file: "app/actions/calendar.ts", name: "getCalendarAvailability" }, { calendars: [{ accountId: aliceId }], start: `${DAY}T09:00`, end: `${DAY}T10:00`, timeZone: ZONE }],
  ] as const) {
    expect((await callAction<Result>(staff.request, HUB.url, action, input)).result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  }
  expect(await microsoft.mailboxEvents(USERS.alice.email)).toEqual([]);
});

test("find a room for 12 people: the free rooms that seat them, best fit first, each with Book", async ({ page }) => {
  await addResource({ name: "Committee Room 1", mailbox: USERS.alice.email, accountId: aliceId, capacity: 12, building: "Town Hall", wheelchairAccessible: true });
  await addResource({ name: "Interview Room", mailbox: USERS.bob.email, accountId: aliceId, capacity: 4, building: "Town Hall" });
  await page.goto("/bookings");
  const form = page.getByRole("form", { name: "Find a room" });
  const typed = dateFields(DAY);
  await form.getByLabel("Day", { exact: true }).fill(typed.day);
  await form.getByLabel("Month", { exact: true }).fill(typed.month);
  await form.getByLabel("Year", { exact: true }).fill(typed.year);
  await form.getByLabel("Start time").fill("10:00");
  await form.getByLabel("Duration").selectOption({ label: "1 hour" });
  await form.getByLabel("Number of people (optional)").fill("12");
  await form.getByRole("button", { name: "Find a room" }).click();
  await expect(page.getByTestId("find-results")).toBeVisible();
  await expect(page.getByTestId("free-room")).toHaveText([/Committee Room 1.*seats 12/, /Council Chamber.*seats 60/]);
  await page.getByRole("link", { name: "Book Committee Room 1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Committee Room 1" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`date=${DAY}`));
});

test("the booking journey passes axe at every step and fits a 390 px phone", async ({ browser }) => {
  const staff = await staffPage(browser, "desk.three@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const axe = () => expectAccessible(staff);
  await staff.goto("/bookings");
  await axe();
  await openDay(staff, "Council Chamber");
  await axe();
  await staff.getByRole("button", { name: "Book" }).click();
  await expect(staff.getByTestId("error-summary")).toBeVisible();
  await axe();
  await staff.getByRole("group", { name: "Start time" }).getByRole("radio", { name: "09:00 to 09:30" }).check();
  await staff.getByLabel("Subject").fill("Surgery");
  await submitAndWait(staff, "Book");
  await expect(staff.getByTestId("booking-confirmed")).toBeFocused();
  await axe();
});
