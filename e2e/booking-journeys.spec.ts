import { DateTime } from "luxon";
import { expect, test, type Page } from "@playwright/test";
import { signIn, submitAndWait } from "./support/actions";
import { ZONE, expectAccessible, openDay } from "./support/bookings";
import { resetOffice365 } from "./support/database";
import { USERS, microsoft } from "./support/emulator";
import { BASE_TUESDAY, dayPlus, longDate } from "./support/days";
import { addResource, connectAlice, resetBookingsAndResources, staffPage } from "./support/resources";

/**
 * The booking page's further journeys, on a desk and on a phone: a weekly booking with a week that is not free, a
 * Teams meeting, a room booked by invitation that accepts or declines, and a booking made with the keyboard alone.
 */
// The journeys' base Tuesday (a few weeks ahead, clear of bank holidays), and the Tuesdays after it.
const DAY = BASE_TUESDAY;
const WEEK_2 = dayPlus(7);
const WEEK_3 = dayPlus(14);
const WEEK_4 = dayPlus(21);
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO()!;

let aliceId: string;

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await resetBookingsAndResources();
  await microsoft.reset();
  await signIn(page);
  aliceId = await connectAlice(page);
});

/** Chooses a start time, a duration and a subject on the open day. */
async function describeBooking(page: Page, start: string, duration: string, subject: string) {
  await page.getByRole("group", { name: "Start time" }).getByRole("radio", { name: new RegExp(`^${start} to`) }).check();
  await page.getByLabel("Duration").selectOption({ label: duration });
  await page.getByLabel("Subject").fill(subject);
}

for (const [device, viewport] of [
  ["a desk", { width: 1280, height: 900 }],
  ["a 390 px phone", { width: 390, height: 844 }],
] as const) {
  test(`on ${device}: every Tuesday for four weeks, one week already taken: the taken week is named, the other three are one Outlook series`, async ({ browser }) => {
    await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId, capacity: 60, building: "Town Hall" });
    await microsoft.setMailboxEvents(USERS.room.email, [{ subject: "Budget scrutiny", start: at(WEEK_2, "10:30"), end: at(WEEK_2, "11:30") }]);
    const staff = await staffPage(browser, `weekly.${viewport.width}@example.gov.uk`, undefined, { viewport });
    await openDay(staff, "Council Chamber", DAY);
    await expectAccessible(staff);

    await describeBooking(staff, "10:00", "1 hour", "Planning surgery");
    // The end of a repeat is asked only once it repeats.
    await expect(staff.getByRole("group", { name: "Ends" })).toBeHidden();
    await staff.getByRole("group", { name: "Repeat" }).getByRole("radio", { name: "Every week on Tuesday" }).check();
    await staff.getByRole("group", { name: "Ends" }).getByRole("radio", { name: "After a number of times" }).check();
    await staff.getByRole("textbox", { name: "Number of times" }).fill("4");
    await submitAndWait(staff, "Book");

    const conflicts = staff.getByTestId("repeat-conflicts");
    await expect(conflicts).toBeFocused();
    await expect(conflicts.getByRole("heading")).toHaveText("1 of the 4 dates is not free");
    await expect(conflicts.getByRole("listitem")).toHaveText([`${longDate(WEEK_2)}: already booked`]);
    await expect(conflicts).toContainText("Nothing has been booked yet.");
    expect((await microsoft.mailboxEvents(USERS.room.email)).map((event) => event.subject)).toEqual(["Budget scrutiny"]);
    await expectAccessible(staff);

    await submitAndWait(staff, "Book the 3 free dates");
    const confirmation = staff.getByTestId("booking-confirmed");
    await expect(confirmation).toBeFocused();
    await expect(confirmation).toContainText("Booked: Planning surgery");
    await expect(confirmation.getByTestId("booking-repeat")).toHaveText(`Every week on Tuesday, 3 dates to ${longDate(WEEK_4)}.`);
    await expect(confirmation.getByTestId("not-booked")).toHaveText(`Not booked: ${longDate(WEEK_2)}.`);
    await expectAccessible(staff);

    // One series in Outlook, the taken week deleted from it; its other dates are booked, the taken one is not double-booked.
    const ours = (await microsoft.mailboxEvents(USERS.room.email)).filter((event) => event.subject === "Planning surgery");
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ type: "seriesMaster", start: at(DAY, "10:00"), end: at(DAY, "11:00") });
    expect(ours[0]!.recurrence?.pattern).toMatchObject({ type: "weekly", interval: 1, daysOfWeek: ["tuesday"] });
    expect(ours[0]!.deletedOccurrences).toEqual([new Date(at(WEEK_2, "10:00")).toISOString()]);
    await openDay(staff, "Council Chamber", WEEK_3);
    await expect(staff.getByTestId("unavailable-times")).toContainText("10:00 to 11:00: Booked");
  });
}

test("a Teams meeting where the calendar allows one: the join link is in the confirmation; where it does not, it is not offered", async ({ browser }) => {
  await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  const staff = await staffPage(browser, "teams.booker@example.gov.uk");
  await openDay(staff, "Council Chamber", DAY);
  await describeBooking(staff, "14:00", "30 minutes", "Resident call");
  await staff.getByLabel("Add a Microsoft Teams meeting").check();
  await submitAndWait(staff, "Book");
  const confirmation = staff.getByTestId("booking-confirmed");
  await expect(confirmation).toBeFocused();
  const [event] = await microsoft.mailboxEvents(USERS.room.email);
  expect(event).toMatchObject({ subject: "Resident call", isOnlineMeeting: true });
  await expect(confirmation.getByTestId("teams-link")).toHaveAttribute("href", event!.joinUrl!);

  // A mailbox whose calendar allows no online meetings (a tenant without Teams): no checkbox to tick in vain.
  await microsoft.setOnlineMeetingProviders(USERS.bob.email, { allowedOnlineMeetingProviders: [] });
  await addResource({ name: "Interview Room", mailbox: USERS.bob.email, accountId: aliceId });
  await openDay(staff, "Interview Room", DAY);
  await expect(staff.getByRole("group", { name: "Start time" })).toBeVisible();
  await expect(staff.getByLabel("Add a Microsoft Teams meeting")).toHaveCount(0);
});

test("a room booked by invitation answers: accepted is said in the confirmation; declined is an alert, and the time stays free", async ({ browser }) => {
  await addResource({ name: "Committee Room", mailbox: USERS.room.email, accountId: aliceId, invitationFrom: aliceId });
  const staff = await staffPage(browser, "invites@example.gov.uk");
  await openDay(staff, "Committee Room", DAY);
  await describeBooking(staff, "09:00", "1 hour", "Ward surgery");
  await submitAndWait(staff, "Book");
  const confirmation = staff.getByTestId("booking-confirmed");
  await expect(confirmation).toBeFocused();
  await expect(confirmation.getByTestId("room-response")).toHaveText("Committee Room has accepted.");
  // The invitation is Alice's meeting with the room as its resource; the room's calendar has the accepted copy.
  const [invitation] = (await microsoft.mailboxEvents(USERS.alice.email)).filter((event) => event.subject === "Ward surgery");
  expect(invitation!.attendeeResponses).toContainEqual(expect.objectContaining({ address: USERS.room.email, type: "resource", response: "accepted" }));
  // (Exchange's default for rooms puts the organiser's name in place of the subject on the room's copy.)
  expect(await microsoft.mailboxEvents(USERS.room.email)).toContainEqual(
    expect.objectContaining({ organizer: USERS.alice.email, start: at(DAY, "09:00"), responseStatus: "accepted", showAs: "busy" }),
  );

  // The room turns down meetings over an hour, by its own rules in Exchange.
  await microsoft.setCalendarProcessing(USERS.room.email, { maximumDurationInMinutes: 60 });
  await describeBooking(staff, "13:00", "2 hours", "Long hearing");
  await submitAndWait(staff, "Book");
  const declined = staff.getByTestId("booking-declined");
  await expect(declined).toBeFocused();
  await expect(declined).toContainText("Committee Room declined: Long hearing");
  await expect(declined).toContainText("The room is not booked");
  await expect(staff.getByTestId("booking-confirmed")).toHaveCount(0);
  await expectAccessible(staff);
  // A declined invitation does not hold the room: 13:00 is still offered, and the accepted 09:00 is not.
  const times = staff.getByRole("group", { name: "Start time" });
  await expect(times.getByRole("radio", { name: "13:00 to 13:30" })).toBeVisible();
  await expect(times.getByRole("radio", { name: "09:00 to 09:30" })).toHaveCount(0);
});

test("booked with the keyboard alone: arrow keys choose the time, focus is visible at each step, the confirmation takes focus", async ({ browser }) => {
  await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId });
  const staff = await staffPage(browser, "keyboard@example.gov.uk");
  await openDay(staff, "Council Chamber", DAY);

  /** Presses Tab until the focused element is the one wanted (at most 60 presses), as a keyboard user would. */
  async function tabTo(matches: (element: Element) => boolean, description: string) {
    for (let presses = 0; presses < 60; presses += 1) {
      await staff.keyboard.press("Tab");
      const focused = await staff.evaluateHandle(() => document.activeElement);
      if (await focused.evaluate(matches)) return;
    }
    throw new Error(`Tab never reached ${description}`);
  }
  const focusIsVisible = () =>
    staff.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    });

  await tabTo((element) => element instanceof HTMLInputElement && element.name === "start", "the first start time");
  expect(await focusIsVisible()).toBe(true);
  await expect(staff.getByRole("radio", { name: "08:00 to 08:30" })).toBeFocused();
  await staff.keyboard.press("ArrowDown");
  await staff.keyboard.press("ArrowDown");
  await expect(staff.getByRole("radio", { name: "09:00 to 09:30" })).toBeChecked();
  await tabTo((element) => element.id === "subject", "Subject");
  expect(await focusIsVisible()).toBe(true);
  await staff.keyboard.type("Keyboard surgery");
  await tabTo((element) => element instanceof HTMLButtonElement && element.textContent === "Book", "Book");
  expect(await focusIsVisible()).toBe(true);
  const answered = staff.waitForResponse((response) => response.request().method() === "POST");
  await staff.keyboard.press("Enter");
  await answered;
  const confirmation = staff.getByTestId("booking-confirmed");
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toContainText(`Council Chamber, ${longDate(DAY)}, 09:00 to 09:30`);
  expect(await microsoft.mailboxEvents(USERS.room.email)).toContainEqual(expect.objectContaining({ subject: "Keyboard surgery", start: at(DAY, "09:00") }));
});
