import { expect, test, type Locator, type Page } from "@playwright/test";
import { submitAndWait } from "./support/actions";
import { ZONE, expectAccessible } from "./support/bookings";
import { sqlScript } from "./support/database";
import { USERS, microsoft } from "./support/emulator";
import { HUB } from "./support/hub";
import { BASE_TUESDAY, dayPlus, longDate, shortDate, utc } from "./support/days";
import { addResource, freshCouncilChamber, resetBookingsAndResources, staffPage } from "./support/resources";
import { CALENDAR_ACTIONS, callAction } from "./support/server-actions";

/**
 * My bookings: each person's upcoming bookings (an administrator's: everyone's, by resource), and from there a
 * booking's time changed, or the booking — or the rest of its series — cancelled, after a confirmation.
 */
type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
type Booked = { bookingId: string; joinUrl: string | null; roomResponse: string | null; series?: { bookingIds: string[] } };

let aliceId: string;
let chamberId: string;

test.beforeEach(async ({ page }) => {
  ({ aliceId, chamberId } = await freshCouncilChamber(page));
});

/** axe (WCAG 2.2 AA) on the page as it is, and no sideways scrolling on it, nor on a 390 px phone. */
async function check(page: Page) {
  await expectAccessible(page);
  const size = page.viewportSize();
  if (!size || size.width === 390) return;
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.setViewportSize(size);
}

/** Books through the calendar action, as the site's own code would, as whoever `page` is signed in as. */
async function book(page: Page, input: Record<string, unknown>): Promise<Booked> {
  const answer = await callAction<Result<Booked>>(page.request, HUB.url, CALENDAR_ACTIONS.createBooking, { resourceId: chamberId, timeZone: ZONE, ...input });
  if (!answer.result.ok) throw new Error(answer.result.error.message);
  return answer.result.data;
}

const card = (page: Page, subject: string): Locator => page.getByTestId("booking-card").filter({ has: page.getByRole("heading", { level: 2, name: subject, exact: true }) });
/** A card's Change time and Cancel links: "Change time" and "Cancel", named in full for screen readers. */
const changeLink = (within: Locator) => within.getByRole("link", { name: /^Change time for / });
const cancelLink = (within: Locator) => within.getByRole("link", { name: /^Cancel booking for / });
const cardTitles = (page: Page) => page.getByTestId("booking-card").getByRole("heading", { level: 2 });
// The journeys' base Tuesday (at least two weeks ahead, clear of bank holidays), the Wednesday after it, and the
// Tuesdays of the three weeks after it.
const DAY = BASE_TUESDAY;
const NEXT_DAY = dayPlus(1);
const [WEEK_2, WEEK_3, WEEK_4] = [dayPlus(7), dayPlus(14), dayPlus(21)];
const masters = async () => (await microsoft.mailboxEvents(USERS.room.email)).filter((event) => event.type === "seriesMaster");

test("staff see only their own bookings, soonest first; administrators see everyone's, by resource, and who made each", async ({ page, browser }) => {
  const committee = await addResource({ name: "Committee Room 1", mailbox: USERS.alice.email, accountId: aliceId, capacity: 12, building: "Town Hall" });
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const kim = await staffPage(browser, "kim@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  await book(sam, { subject: "Sam's surgery", start: `${DAY}T10:00`, end: `${DAY}T11:00` });
  await book(sam, { resourceId: committee, subject: "Sam's briefing", start: `${DAY}T09:00`, end: `${DAY}T09:30` });
  await book(kim, { resourceId: committee, subject: "Kim's interviews", start: `${NEXT_DAY}T09:00`, end: `${NEXT_DAY}T09:30` });

  await sam.goto("/bookings");
  await sam.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My bookings" }).click();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("My bookings");
  await expect(sam).toHaveTitle(/My bookings/);
  await expect(cardTitles(sam)).toHaveText(["Sam's briefing", "Sam's surgery"]);
  const surgery = card(sam, "Sam's surgery");
  await expect(surgery.getByTestId("booking-when")).toContainText(`${longDate(DAY)}, 10:00 to 11:00`);
  await expect(surgery).toContainText("Council Chamber");
  await expect(surgery.getByRole("link", { name: /Open in Outlook/ })).toHaveAttribute("href", /outlook\.office365\.com/);
  // The links repeat on every card: each says, to a screen reader, which booking it is about.
  await expect(surgery.getByRole("link", { name: `Change time for Council Chamber on ${shortDate(DAY)} at 10:00`, exact: true })).toBeVisible();
  await expect(surgery.getByRole("link", { name: `Cancel booking for Council Chamber on ${shortDate(DAY)} at 10:00`, exact: true })).toBeVisible();
  // Staff are not told who booked: it is always them. Nor is there anything to filter.
  await expect(sam.getByTestId("booked-by")).toHaveCount(0);
  await expect(sam.getByLabel("Resource")).toHaveCount(0);
  await check(sam);

  await kim.goto("/bookings/mine");
  await expect(cardTitles(kim)).toHaveText(["Kim's interviews"]);
  await check(kim);
  const newcomer = await staffPage(browser, "lee@example.gov.uk");
  await newcomer.goto("/bookings/mine");
  await expect(newcomer.getByTestId("no-bookings")).toContainText("You have no upcoming bookings.");
  await expect(newcomer.getByTestId("no-bookings").getByRole("link", { name: "Book a room or resource" })).toHaveAttribute("href", "/bookings");
  await check(newcomer);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My bookings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My bookings");
  await expect(page.getByText("Everyone's upcoming bookings made through the hub")).toBeVisible();
  await expect(cardTitles(page)).toHaveText(["Sam's briefing", "Sam's surgery", "Kim's interviews"]);
  await expect(card(page, "Kim's interviews").getByTestId("booked-by")).toContainText("kim@example.gov.uk");
  // An administrator may change or cancel anyone's.
  await expect(cancelLink(card(page, "Kim's interviews"))).toBeVisible();
  await check(page);

  await page.getByLabel("Resource").selectOption({ label: "Committee Room 1 (Town Hall)" });
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expect(page).toHaveURL(new RegExp(`/bookings/mine\\?resource=${committee}$`));
  await expect(cardTitles(page)).toHaveText(["Sam's briefing", "Kim's interviews"]);
  await expect(page.getByLabel("Resource")).toHaveValue(committee);
  // Cancel and Change time come back to the same filter.
  await expect(cancelLink(card(page, "Kim's interviews"))).toHaveAttribute("href", new RegExp(`from=mine&resource=${committee}`));
  await expect(changeLink(card(page, "Kim's interviews"))).toHaveAttribute("href", new RegExp(`from=mine&resource=${committee}`));
  await check(page);
  await changeLink(card(page, "Kim's interviews")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change the time of a booking");
  await expect(page.getByTestId("booking-summary")).toContainText("Kim's interviews");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "My bookings" })).toHaveAttribute("href", `/bookings/mine?resource=${committee}`);

  // The filter is a plain GET form: it works without JavaScript too.
  const noScript = await browser.newContext({ baseURL: HUB.url, javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/bookings/mine");
  await plain.getByLabel("Resource").selectOption({ label: "Council Chamber (Town Hall)" });
  await plain.getByRole("button", { name: "Show bookings" }).click();
  await expect(plain).toHaveURL(new RegExp(`/bookings/mine\\?resource=${chamberId}$`));
  await expect(cardTitles(plain)).toHaveText(["Sam's surgery"]);
  await noScript.close();

  await page.goto(`/bookings/mine?resource=cres${"0".repeat(20)}`);
  await expect(page.getByTestId("error-summary")).toContainText("Choose a resource from the list");
  await expect(page.locator("#resource-error")).toContainText("Choose a resource from the list");
  await check(page);
});

test("a repeating booking: one date cancelled (the series keeps the others), then the rest of the series", async ({ browser }) => {
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  await book(sam, { subject: "Weekly surgery", start: `${DAY}T10:00`, end: `${DAY}T11:00`, repeat: { frequency: "weekly", count: 4 } });
  await sam.goto("/bookings/mine");
  await expect(sam.getByTestId("booking-when")).toHaveText([
    `${longDate(DAY)}, 10:00 to 11:00`,
    `${longDate(WEEK_2)}, 10:00 to 11:00`,
    `${longDate(WEEK_3)}, 10:00 to 11:00`,
    `${longDate(WEEK_4)}, 10:00 to 11:00`,
  ]);
  await expect(sam.getByTestId("booking-repeat")).toHaveText(Array(4).fill(/Every week on Tuesday, 4 dates/));
  await check(sam);

  await cancelLink(sam.getByTestId("booking-card").nth(1)).click();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Are you sure you want to cancel this booking?");
  await expect(sam.getByTestId("booking-summary")).toContainText(`${longDate(WEEK_2)}, 10:00 to 11:00`);
  const scope = sam.getByRole("group", { name: "What do you want to cancel?" });
  await expect(scope.getByRole("radio", { name: `Only this date (${longDate(WEEK_2)})` })).not.toBeChecked();
  // Not the first date left: the other choice says that it takes the earlier dates too.
  await expect(scope.getByRole("radio", { name: "Every date left in the series" })).not.toBeChecked();
  await check(sam);

  // Nothing is assumed when the question is not answered.
  await submitAndWait(sam, "Cancel booking");
  await expect(sam.getByTestId("error-summary")).toContainText("Choose whether to cancel only this date or the rest of the series");
  await expect(sam.locator("#scope-error")).toContainText("Choose whether to cancel only this date or the rest of the series");
  await expect(sam).toHaveTitle(/^Error: /);
  expect((await masters())[0]!.deletedOccurrences).toEqual([]);
  await check(sam);

  await scope.getByRole("radio", { name: `Only this date (${longDate(WEEK_2)})` }).check();
  await submitAndWait(sam, "Cancel booking");
  await expect(sam).toHaveURL(/\/bookings\/mine\?cancelled=date$/);
  const banner = sam.getByTestId("booking-cancelled");
  await expect(banner).toContainText("The date was cancelled");
  await expect(banner).toContainText("The other dates of the series are still booked.");
  await expect(banner).toBeFocused();
  await expect(sam.getByTestId("booking-when")).toHaveText([new RegExp(longDate(DAY)), new RegExp(longDate(WEEK_3)), new RegExp(longDate(WEEK_4))]);
  await expect(sam.getByTestId("booking-repeat")).toHaveText(Array(3).fill(/Every week on Tuesday, 3 dates/));
  const [series] = await masters();
  expect(series!.deletedOccurrences).toEqual([utc(WEEK_2, "10:00")]);
  await check(sam);

  await cancelLink(sam.getByTestId("booking-card").first()).click();
  const rest = sam.getByRole("group", { name: "What do you want to cancel?" }).getByRole("radio", { name: "This date and the rest of the series" });
  await expect(sam.getByText(`3 dates, ${longDate(DAY)} to ${longDate(WEEK_4)}`)).toBeVisible();
  await rest.check();
  await check(sam);
  await submitAndWait(sam, "Cancel booking");
  await expect(sam.getByTestId("booking-cancelled")).toContainText("The rest of the series was cancelled");
  await expect(sam.getByTestId("booking-cancelled")).toBeFocused();
  await expect(sam.getByTestId("no-bookings")).toContainText("You have no upcoming bookings.");
  expect(await masters()).toEqual([]);
  await check(sam);
});

test("change the time: its own time offered, a refusal beside the field and nothing moved, then moved in Outlook", async ({ browser }) => {
  await microsoft.setMailboxEvents(USERS.room.email, [{ subject: "Full council", start: utc(NEXT_DAY, "14:00", { milliseconds: false }), end: utc(NEXT_DAY, "15:00", { milliseconds: false }) }]);
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const { bookingId } = await book(sam, { subject: "Licensing committee", start: `${DAY}T10:00`, end: `${DAY}T11:00` });
  await sam.goto("/bookings/mine");
  await changeLink(card(sam, "Licensing committee")).click();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Change the time of a booking");
  await expect(sam.getByTestId("booking-summary")).toContainText(`${longDate(DAY)}, 10:00 to 11:00`);
  await expect(sam.getByRole("heading", { level: 2, name: longDate(DAY) })).toBeVisible();
  const times = sam.getByRole("group", { name: "New start time" });
  // Its own time counts as free and is said to be the current one; nothing is chosen for the user but its length.
  await expect(times.getByRole("radio", { name: "10:00 to 10:30 (current start)" })).not.toBeChecked();
  await expect(times.getByRole("radio", { name: "10:30 to 11:00" })).toBeVisible();
  await expect(sam.getByLabel("Duration")).toHaveValue("60");
  await check(sam);

  await submitAndWait(sam, "Change time");
  await expect(sam.getByTestId("error-summary")).toBeFocused();
  await expect(sam.getByTestId("error-summary").getByRole("link", { name: "Choose a new start time" })).toHaveAttribute("href", "#start");
  await expect(sam.locator("#start-error")).toContainText("Choose a new start time");
  await expect(sam).toHaveTitle(/^Error: /);
  await check(sam);

  await sam.getByTestId("next-day").click();
  await expect(sam.getByRole("heading", { level: 2, name: longDate(NEXT_DAY) })).toBeVisible();
  await expect(sam.getByTestId("unavailable-times")).toContainText("14:00 to 15:00: Booked");
  await expect(times.getByRole("radio", { name: /^14:00/ })).toHaveCount(0);
  // 13:30 for an hour runs into the council meeting: refused with the reason, beside the start time.
  await times.getByRole("radio", { name: "13:30 to 14:00" }).check();
  await sam.getByLabel("Duration").selectOption({ label: "1 hour" });
  await submitAndWait(sam, "Change time");
  await expect(sam.getByTestId("error-summary")).toContainText("That time is no longer free in Council Chamber");
  await expect(sam.locator("#start-error")).toContainText("That time is no longer free in Council Chamber");
  await expect(times.getByRole("radio", { name: "13:30 to 14:00" })).toBeChecked();
  expect((await microsoft.mailboxEvents(USERS.room.email)).find((event) => event.subject === "Licensing committee")).toMatchObject({ start: utc(DAY, "10:00") });
  await check(sam);

  await times.getByRole("radio", { name: "11:00 to 11:30" }).check();
  await sam.getByLabel("Duration").selectOption({ label: "1 hour 30 minutes" });
  await submitAndWait(sam, "Change time");
  await expect(sam).toHaveURL(new RegExp(`/bookings/mine\\?changed=${bookingId}$`));
  const banner = sam.getByTestId("booking-changed");
  await expect(banner).toContainText("Booking changed: Licensing committee");
  await expect(banner).toContainText(`Council Chamber, ${longDate(NEXT_DAY)}, 11:00 to 12:30`);
  await expect(banner).toBeFocused();
  await expect(card(sam, "Licensing committee").getByTestId("booking-when")).toHaveText(`${longDate(NEXT_DAY)}, 11:00 to 12:30`);
  expect((await microsoft.mailboxEvents(USERS.room.email)).find((event) => event.subject === "Licensing committee")).toMatchObject({
    start: utc(NEXT_DAY, "11:00"),
    end: utc(NEXT_DAY, "12:30"),
  });
  await check(sam);

  // A date typed wrongly is said beside the date input and in the summary.
  await sam.goto(`/bookings/${bookingId}/change?from=mine`);
  await sam.getByLabel("Day", { exact: true }).fill("31");
  await sam.getByLabel("Month", { exact: true }).fill("2");
  await sam.getByLabel("Year", { exact: true }).fill("2027");
  await sam.getByRole("button", { name: "Show times" }).click();
  await expect(sam.getByTestId("error-summary")).toContainText("Date must be a real date, like 4 1 2027");
  await expect(sam.locator("#on-error")).toContainText("Date must be a real date");
  await check(sam);
});

test("rooms booked by invitation: accepted and declined said plainly, and a declined booking moved is asked again", async ({ browser }) => {
  // The chamber again, booked instead by inviting the room from Alice's calendar (Utilities › Resources › Booking
  // mode): the room answers for itself.
  await resetBookingsAndResources();
  chamberId = await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId, capacity: 60, building: "Town Hall", invitationFrom: aliceId });
  await microsoft.setCalendarProcessing(USERS.room.email, { maximumDurationInMinutes: 60 });
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const invite = (subject: string, start: string, end: string) => book(sam, { subject, start, end });
  expect(await invite("Budget scrutiny", `${DAY}T10:00`, `${DAY}T11:00`)).toMatchObject({ roomResponse: "accepted" });
  expect(await invite("Away day planning", `${DAY}T13:00`, `${DAY}T15:00`)).toMatchObject({ roomResponse: "declined" });

  await sam.goto("/bookings/mine");
  const accepted = card(sam, "Budget scrutiny").getByTestId("room-answer");
  await expect(accepted).toContainText("Accepted");
  await expect(accepted).toContainText("The room accepted: it is booked.");
  const declined = card(sam, "Away day planning").getByTestId("room-answer");
  await expect(declined).toContainText("Declined");
  await expect(declined).toContainText("The room is not booked: it declined this time. Change the time, or cancel the booking.");
  await check(sam);

  await changeLink(card(sam, "Away day planning")).click();
  await expect(sam.getByText("The room is asked again and answers the new time itself")).toBeVisible();
  await sam.getByRole("group", { name: "New start time" }).getByRole("radio", { name: "13:00 to 13:30" }).check();
  await sam.getByLabel("Duration").selectOption({ label: "1 hour" });
  await check(sam);
  await submitAndWait(sam, "Change time");
  const banner = sam.getByTestId("booking-changed");
  await expect(banner).toBeFocused();
  await expect(banner).toContainText(`Council Chamber, ${longDate(DAY)}, 13:00 to 14:00`);
  await expect(banner).toContainText("The room has been asked again and answers the new time itself");
  await expect(card(sam, "Away day planning").getByTestId("room-answer")).toContainText("Accepted");
  const invitation = (await microsoft.mailboxEvents(USERS.alice.email)).find((event) => event.subject === "Away day planning");
  expect(invitation).toMatchObject({ start: utc(DAY, "13:00"), end: utc(DAY, "14:00"), attendeeResponses: [{ address: USERS.room.email, type: "resource", response: "accepted" }] });
  await check(sam);

  // A room whose requests wait for a person (Exchange's AutomateProcessing None) has not answered yet.
  await microsoft.setCalendarProcessing(USERS.room.email, { automateProcessing: "None" });
  expect(await invite("Licensing hearing", `${NEXT_DAY}T10:00`, `${NEXT_DAY}T11:00`)).toMatchObject({ roomResponse: "none" });
  await sam.goto("/bookings/mine");
  await expect(card(sam, "Licensing hearing").getByTestId("room-answer")).toContainText("Waiting for the room's answer");
  await check(sam);
});

test("a Teams booking shows its join link, which opens Microsoft's meeting", async ({ browser }) => {
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const booked = await book(sam, { subject: "Hybrid briefing", start: `${DAY}T10:00`, end: `${DAY}T11:00`, teams: true });
  const [event] = await microsoft.mailboxEvents(USERS.room.email);
  expect(event!.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  expect(booked.joinUrl).toBe(event!.joinUrl);
  await book(sam, { subject: "In the room only", start: `${DAY}T14:00`, end: `${DAY}T15:00` });

  await sam.goto("/bookings/mine");
  const join = card(sam, "Hybrid briefing").getByRole("link", { name: /Join the Teams meeting/ });
  await expect(join).toHaveAttribute("href", event!.joinUrl!);
  await expect(join).toHaveAttribute("target", "_blank");
  await expect(card(sam, "In the room only").getByTestId("booking-teams")).toHaveCount(0);
  await check(sam);
});

test("another staff user's booking is neither listed, changed nor cancelled for them: the pages and the server refuse", async ({ browser }) => {
  const sam = await staffPage(browser, "sam@example.gov.uk");
  const kim = await staffPage(browser, "kim@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const { bookingId } = await book(sam, { subject: "Sam's surgery", start: `${DAY}T10:00`, end: `${DAY}T11:00` });

  await kim.goto("/bookings/mine");
  await expect(kim.getByTestId("booking-card")).toHaveCount(0);
  await expect(kim.getByRole("link", { name: /Change time|Cancel/ })).toHaveCount(0);
  await check(kim);
  // Someone else's booking is not found, exactly as a booking that does not exist: nothing says it is there.
  for (const page of ["change", "cancel"]) {
    for (const id of [bookingId, `c${"0".repeat(24)}`]) {
      const response = await kim.goto(`/bookings/${id}/${page}?from=mine`);
      expect(response?.status()).toBe(404);
      await expect(kim.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(kim.getByText("Sam's surgery")).toHaveCount(0);
    }
  }
  for (const [action, input] of [
    [CALENDAR_ACTIONS.updateBooking, { bookingId, start: `${DAY}T12:00`, end: `${DAY}T13:00`, timeZone: ZONE }],
    [CALENDAR_ACTIONS.cancelBooking, { bookingId }],
    [CALENDAR_ACTIONS.cancelBooking, { bookingId, scope: "series" }],
    [CALENDAR_ACTIONS.getAvailability, { resources: [chamberId], start: `${DAY}T00:00`, end: `${NEXT_DAY}T00:00`, timeZone: ZONE, ignoreBookingId: bookingId }],
  ] as const) {
    expect((await callAction<Result>(kim.request, HUB.url, action, input)).result).toMatchObject({ ok: false, error: { code: "not_your_booking" } });
  }
  expect(await microsoft.mailboxEvents(USERS.room.email)).toEqual([expect.objectContaining({ subject: "Sam's surgery", start: utc(DAY, "10:00") })]);
  await sam.goto("/bookings/mine");
  await expect(changeLink(card(sam, "Sam's surgery"))).toBeVisible();
});

test("a booking whose resource was removed can be cancelled, but its time is not changed here", async ({ browser }) => {
  const sam = await staffPage(browser, "sam@example.gov.uk", undefined, { viewport: { width: 390, height: 844 } });
  const { bookingId } = await book(sam, { subject: "Old room booking", start: `${DAY}T10:00`, end: `${DAY}T11:00` });
  // As Utilities › Resources › Remove leaves it: the booking stays, without its resource. (The copy first, as removeResource
  // takes it, so that a round of the copy saving meanwhile waits instead of deadlocking on PostgreSQL.)
  await sqlScript(`DELETE FROM "MirrorEvent"; DELETE FROM "CalendarMirror"; UPDATE "Booking" SET "resourceId" = NULL; DELETE FROM "Resource";`);

  await sam.goto("/bookings/mine");
  const old = card(sam, "Old room booking");
  await expect(old).toContainText("No longer a resource in the hub: its time cannot be changed here, only cancelled.");
  await expect(old.getByRole("link", { name: /Change time/ })).toHaveCount(0);
  await check(sam);
  await sam.goto(`/bookings/${bookingId}/change?from=mine`);
  await expect(sam.getByTestId("cannot-change")).toContainText("The time of this booking can't be changed here");
  await expect(sam.getByRole("radio")).toHaveCount(0);
  await check(sam);
  await sam.getByRole("link", { name: "Cancel this booking" }).click();
  await submitAndWait(sam, "Cancel booking");
  await expect(sam.getByTestId("booking-cancelled")).toBeFocused();
  expect(await microsoft.mailboxEvents(USERS.room.email)).toEqual([]);
});

test("keyboard only: a booking is cancelled from My bookings with Tab and Enter, focus always visible", async ({ browser }) => {
  const sam = await staffPage(browser, "sam@example.gov.uk");
  await book(sam, { subject: "Keyboard booking", start: `${DAY}T10:00`, end: `${DAY}T11:00` });
  await sam.goto("/bookings/mine");
  const focusOn = async (name: string) => {
    for (let presses = 0; presses < 40; presses++) {
      await sam.keyboard.press("Tab");
      const focused = await sam.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element ? { name: element.innerText.replace(/\s+/g, " ").trim(), background: getComputedStyle(element).backgroundColor } : null;
      });
      if (focused?.name === name) return focused;
    }
    throw new Error(`Tab never reached "${name}"`);
  };
  // GOV.UK's focus style: yellow behind the focused link or button.
  expect((await focusOn(`Cancel booking for Council Chamber on ${shortDate(DAY)} at 10:00`)).background).toBe("rgb(255, 221, 0)");
  await sam.keyboard.press("Enter");
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Are you sure you want to cancel this booking?");
  expect((await focusOn("Cancel booking")).background).toBe("rgb(255, 221, 0)");
  const answered = sam.waitForResponse((response) => response.request().method() === "POST");
  await sam.keyboard.press("Enter");
  await answered;
  await expect(sam.getByTestId("booking-cancelled")).toBeFocused();
  await expect(sam.getByTestId("booking-cancelled")).toContainText("The booking was cancelled");
  expect(await microsoft.mailboxEvents(USERS.room.email)).toEqual([]);
});
