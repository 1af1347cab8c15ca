import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { bankHolidays } from "../lib/resources/closed-dates";
import { SEED_APPLICATION_PERMISSIONS } from "./microsoft/directory";
import { ROOMS } from "./microsoft/places/seed";
import { saveOffice365Settings, signIn, submitAndWait } from "./support/actions";
import { accountRows, resetOffice365, sql, sqlRow, sqlScript } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";
import { HUB } from "./support/hub";
import { callAction, CALENDAR_ACTIONS } from "./support/server-actions";
import { axeViolations } from "./support/axe";

/**
 * The administrators' side of resources: Utilities › Resources, Add resource each of the three ways, a resource's
 * rules and closed dates, how bookings of it are made (directly or as an invitation), rooms from the directory, and
 * removing a resource while bookings exist.
 */
const RESOURCES = "/utilities/resources";
const OFFICE365 = "/utilities/integrations/office365";
const ZONE = "Europe/London";
const PHONE = { width: 390, height: 844 };
const STAFF = { email: "resources.staff@example.gov.uk", password: "resources staff passphrase" };


async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} is wider than the window`).toBeLessThanOrEqual(innerWidth);
}

/** axe on the page as it is, then the same page on a 390 px phone without sideways scrolling. */
async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page);
  if (size) await page.setViewportSize(size);
}

async function expectFocused(result: Locator) {
  await expect(result).toBeFocused();
  await expect(result).toBeInViewport();
}

/** The administrator, signed in in a browser context of its own without JavaScript. */
async function adminWithoutJavaScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await signIn(plain);
  return { context, plain };
}

/** Microsoft refuses to show the calendar at matching Graph paths (403 ErrorAccessDenied), for the next five requests. */
const refuseCalendarReads = (pathPattern: string) =>
  microsoft.addFault({
    service: "graph",
    method: "GET",
    pathPattern,
    status: 403,
    body: { error: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." } },
    times: 5,
  });

async function configure(page: Page) {
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
}

async function connectAlice(page: Page) {
  await page.goto(OFFICE365);
  await microsoft.nextSignIn({ email: USERS.alice.email });
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByTestId("account-connected")).toBeVisible();
}

/** Grant admin consent on the Office 365 page, accepting at Microsoft's (the emulator's) consent page. */
async function grantAdminConsent(page: Page) {
  await page.goto(OFFICE365);
  await page.getByRole("button", { name: "Grant admin consent" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("admin-consented")).toBeVisible();
}

async function addMailbox(page: Page, address: string) {
  await page.goto(OFFICE365);
  await page.getByLabel("Mailbox address").fill(address);
  await submitAndWait(page, "Add mailbox");
  await expect(page.getByTestId("mailbox-added")).toBeVisible();
}

/** Add rooms from the directory: tick the rooms by name and add them in one step. */
async function addRoomsFromDirectory(page: Page, names: string[]) {
  await page.goto(`${RESOURCES}/directory`);
  for (const name of names) await page.getByRole("checkbox", { name }).check();
  await submitAndWait(page, "Add selected rooms");
  await expect(page.getByTestId("rooms-added")).toContainText(`${names.length} room${names.length === 1 ? "" : "s"} added`);
}

const row = (page: Page, name: string) => page.getByTestId("resource-row").filter({ has: page.getByRole("link", { name, exact: true }) });
const choose = (page: Page, label: string | RegExp) => page.getByRole("radio", { name: label }).check();
const resourceRows = () => sql(`SELECT * FROM "Resource" ORDER BY "name"`);
const resourceId = async (name: string) => String((await resourceRows()).find((resource) => resource.name === name)!.id);

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await sqlScript(`DELETE FROM "MirrorEvent"; DELETE FROM "CalendarMirror"; DELETE FROM "Booking"; DELETE FROM "Resource"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings"; DELETE FROM "User" WHERE "email" = '${STAFF.email}';`);
  await microsoft.reset();
  await signIn(page);
});

// Leave no resources behind for the journeys that run after these (the booking page lists them).
test.afterAll(async () => {
  await sqlScript(`DELETE FROM "MirrorEvent"; DELETE FROM "CalendarMirror"; DELETE FROM "Booking"; DELETE FROM "Resource"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings";`);
});

test("an administrator adds a resource each of the three ways and sees each in the list", async ({ page }) => {
  test.setTimeout(120_000);
  await configure(page);
  await connectAlice(page);
  await grantAdminConsent(page);
  await addMailbox(page, ROOMS.committeeRoom.email);

  await page.goto(RESOURCES);
  await expect(page.getByTestId("no-resources")).toBeVisible();
  await expectAccessible(page);

  // 1. A room mailbox with application access: its default calendar.
  await page.getByRole("link", { name: "Add resource" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add resource");
  await expectAccessible(page);
  await choose(page, "A room or shared mailbox with application access");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/how=application/);
  await choose(page, "Committee Room 1");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("chosen-calendar")).toContainText(ROOMS.committeeRoom.email);
  await expect(page.getByLabel("Name")).toHaveValue("Committee Room 1");
  await expect(page.getByRole("radio", { name: "Room" })).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("Capacity (optional)").fill("12");
  await page.getByLabel("Building (optional)").fill("Town Hall");
  await submitAndWait(page, "Add resource");
  await expect(page).toHaveURL(/\/utilities\/resources\?done=added/);
  await expectFocused(page.getByTestId("resource-added"));
  await expect(page.getByTestId("resource-added")).toContainText("Committee Room 1 was added");
  const committee = row(page, "Committee Room 1");
  await expect(committee).toContainText(ROOMS.committeeRoom.email);
  await expect(committee).toContainText("Application access");
  await expect(committee.getByTestId("resource-capacity")).toHaveText("12");
  await expect(committee).toContainText("Town Hall");

  // 2. A connected account's own calendar, chosen from the calendars Microsoft lists.
  await page.getByRole("link", { name: "Add resource" }).click();
  await choose(page, "A connected account's own calendar");
  await page.getByRole("button", { name: "Continue" }).click();
  await choose(page, USERS.alice.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("radio")).toHaveCount(2);
  await choose(page, "Team events");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Team events");
  await expect(page.getByRole("radio", { name: "Calendar" })).toBeChecked();
  await choose(page, "Administrators only");
  await page.getByLabel("Show on the booking page").uncheck();
  await submitAndWait(page, "Add resource");
  await expectFocused(page.getByTestId("resource-added"));
  const team = row(page, "Team events");
  await expect(team).toContainText(USERS.alice.email);
  await expect(team).toContainText("Account's own calendar");
  await expect(team).toContainText("Administrators only");
  await expect(team).toContainText("Hidden");

  // 3. A calendar shared with a connected account: the council chamber's, shared with Alice in Outlook.
  await page.getByRole("link", { name: "Add resource" }).click();
  await choose(page, "A calendar shared with a connected account");
  await page.getByRole("button", { name: "Continue" }).click();
  await choose(page, USERS.alice.email);
  await page.getByLabel("The shared mailbox's address").fill(USERS.room.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await choose(page, "Calendar");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Council Chamber");
  await choose(page, "Room");
  await submitAndWait(page, "Add resource");
  await expectFocused(page.getByTestId("resource-added"));
  const chamber = row(page, "Council Chamber");
  await expect(chamber).toContainText(USERS.room.email);
  await expect(chamber).toContainText("Shared with an account");
  await expect(chamber).toContainText(`through ${USERS.alice.email}`);
  await expect(page.getByTestId("resource-row")).toHaveCount(3);
  await expectAccessible(page);

  expect((await resourceRows()).map((resource) => [resource.name, resource.calendarOwner, resource.mailboxId !== null, resource.sharedMailbox])).toEqual([
    ["Committee Room 1", ROOMS.committeeRoom.email, true, null],
    ["Council Chamber", USERS.room.email, false, USERS.room.email],
    ["Team events", USERS.alice.email, false, null],
  ]);
});

test("a calendar that cannot be read is refused beside its field, and nothing is saved", async ({ page }) => {
  await configure(page);
  await connectAlice(page);
  await page.goto(`${RESOURCES}/new?how=shared`);
  // Nothing chosen: both fields of the step at once.
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText(["Choose a connected account", "Enter the shared mailbox's address, like room.chamber@example.gov.uk"]);
  await expectFocused(summary);

  // A mailbox not shared with Alice: Microsoft refuses to list its calendars.
  await choose(page, USERS.alice.email);
  await page.getByLabel("The shared mailbox's address").fill(ROOMS.committeeRoom.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary).toContainText(`${ROOMS.committeeRoom.email} is not shared with ${USERS.alice.email}`);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#sharedMailbox");
  await expect(page.locator("#sharedMailbox-error")).toContainText("is not shared with");
  await expect(page.getByLabel("The shared mailbox's address")).toHaveValue(ROOMS.committeeRoom.email);
  await expectAccessible(page);

  // A readable calendar that Microsoft refuses by the time Add resource is pressed.
  await page.getByLabel("The shared mailbox's address").fill(USERS.room.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await choose(page, "Calendar");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Council Chamber");
  await refuseCalendarReads("/calendars/[^/]+$");
  await page.getByLabel("Name").fill("");
  await submitAndWait(page, "Add resource");
  // The details are checked before Microsoft is asked again.
  await expect(summary.getByRole("link")).toHaveText(["Enter a name, like Council Chamber"]);
  await page.getByLabel("Name").fill("The chamber");
  await submitAndWait(page, "Add resource");
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#calendarId");
  await expect(page.locator("#calendarId-error")).not.toBeEmpty();
  await expect(page).toHaveURL(/\/utilities\/resources\/new\?/);
  await expect(page.getByLabel("Name")).toHaveValue("The chamber");
  await expectAccessible(page);
  expect(await resourceRows()).toEqual([]);
});

test("the rules form saves, and refuses invalid input with every error at once", async ({ page }) => {
  await configure(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Meeting Room A"]);
  const id = await resourceId("Meeting Room A");
  await page.goto(`${RESOURCES}/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meeting Room A");
  await expect(page.getByTestId("resource-calendar")).toContainText("A room or shared mailbox with application access");
  await expect(page.getByTestId("next-bank-holidays")).toContainText("The next:");
  await expect(page.getByRole("link", { name: "Utilities › Settings" })).toHaveAttribute("href", "/utilities/settings");

  const day = (name: string) => page.getByTestId(`hours-${name}`);
  await day("monday").getByLabel("Opens").fill("8am");
  await day("tuesday").getByLabel("Opens").fill("17:00");
  await day("tuesday").getByLabel("Closes").fill("09:00");
  await page.getByLabel("Buffer before").fill("-5");
  await page.getByLabel("Book up to").fill("0");
  await page.getByLabel("Places per slot").fill("lots");
  await submitAndWait(page, "Save rules");
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText([
    "Enter the time Monday opens, like 08:00",
    "Tuesday must close after it opens",
    "Buffer before must be 0 minutes or more",
    "Book up to must be 1 day or more",
    "Places per slot must be a number of places",
  ]);
  await expectFocused(summary);
  await expect(day("monday").getByLabel("Opens")).toHaveValue("8am");
  await expectAccessible(page);
  expect((await resourceRows())[0]).toMatchObject({ bufferBeforeMinutes: 0, bookUpToDays: 180, placesPerSlot: 1 });

  await day("monday").getByLabel("Opens").fill("08:30");
  await day("tuesday").getByLabel("Opens").fill("09:00");
  await day("tuesday").getByLabel("Closes").fill("17:00");
  await day("saturday").getByLabel("Open", { exact: true }).check();
  await day("saturday").getByLabel("Opens").fill("09:00");
  await day("saturday").getByLabel("Closes").fill("12:30");
  await day("friday").getByLabel("Open", { exact: true }).uncheck();
  await page.getByRole("radio", { name: "15 minutes" }).check();
  await page.getByLabel("Buffer before").fill("15");
  await page.getByLabel("Buffer after").fill("10");
  await page.getByLabel("Minimum notice").fill("1440");
  await page.getByLabel("Book up to").fill("90");
  await page.getByLabel("Longest booking").fill("120");
  await page.getByLabel("Places per slot").fill("10");
  await page.getByLabel("Closed on bank holidays").uncheck();
  await submitAndWait(page, "Save rules");
  await expectFocused(page.getByTestId("rules-saved"));
  expect((await resourceRows())[0]).toMatchObject({
    slotMinutes: 15,
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 1440,
    bookUpToDays: 90,
    longestBookingMinutes: 120,
    placesPerSlot: 10,
    closedOnBankHolidays: 0,
  });
  expect(JSON.parse(String((await resourceRows())[0]!.openingHours))).toEqual({
    monday: { opens: "08:30", closes: "18:00" },
    tuesday: { opens: "09:00", closes: "17:00" },
    wednesday: { opens: "08:00", closes: "18:00" },
    thursday: { opens: "08:00", closes: "18:00" },
    friday: null,
    saturday: { opens: "09:00", closes: "12:30" },
    sunday: null,
  });
  await page.reload();
  await expect(page.getByRole("radio", { name: "15 minutes" })).toBeChecked();
  await expect(day("friday").getByLabel("Open", { exact: true })).not.toBeChecked();
  await expect(page.getByLabel("Places per slot")).toHaveValue("10");

  // Change: the details, on their own page, back with a focused banner.
  await page.getByRole("link", { name: "Change details of Meeting Room A" }).click();
  await page.getByLabel("Capacity (optional)").fill("none");
  await submitAndWait(page, "Save details");
  await expect(page.getByTestId("error-summary")).toContainText("Capacity must be a number of people");
  await page.getByLabel("Capacity (optional)").fill("14");
  await page.getByLabel("Description (optional)").fill("Second floor, by the lifts");
  await submitAndWait(page, "Save details");
  await expectFocused(page.getByTestId("details-saved"));
  await expect(page.getByTestId("resource-details")).toContainText("14 people");
  await expect(page.getByTestId("resource-details")).toContainText("Second floor, by the lifts");
});

test("a closed date is added with GOV.UK's date input, then removed after confirmation", async ({ page }) => {
  await configure(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Training Suite"]);
  await page.goto(`${RESOURCES}/${await resourceId("Training Suite")}`);
  await expect(page.getByTestId("no-closed-dates")).toBeVisible();

  await page.getByRole("group", { name: "Date" }).getByLabel("Day").fill("24");
  await page.getByRole("group", { name: "Date" }).getByLabel("Month").fill("12");
  await submitAndWait(page, "Add closed date");
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveText(["Date must include a year", "Enter why it is closed, like Building closed for repairs"]);
  await expect(page.getByRole("group", { name: "Date" }).getByLabel("Day")).toHaveValue("24");

  await page.getByRole("group", { name: "Date" }).getByLabel("Year").fill("2027");
  await page.getByLabel("Reason").fill("Christmas Eve closure");
  await submitAndWait(page, "Add closed date");
  await expectFocused(page.getByTestId("closed-date-added"));
  await expect(page.getByTestId("closed-date-added")).toContainText("Friday 24 December 2027: Christmas Eve closure");
  const closed = page.getByTestId("closed-date-row");
  await expect(closed).toHaveCount(1);
  await expect(closed).toContainText("Friday 24 December 2027");
  await expect(closed).toContainText("Christmas Eve closure");
  expect(JSON.parse(String((await resourceRows())[0]!.closedDates))).toEqual([{ date: "2027-12-24", reason: "Christmas Eve closure" }]);

  await closed.getByRole("button", { name: "Remove Friday 24 December 2027" }).click();
  await expect(page.getByRole("heading", { name: "Are you sure you want to remove this closed date?" })).toBeVisible();
  await expect(page.getByTestId("remove-date")).toHaveText("Friday 24 December 2027");
  await submitAndWait(page, "Remove");
  await expectFocused(page.getByTestId("closed-date-removed"));
  await expect(page.getByTestId("no-closed-dates")).toBeVisible();
  expect(JSON.parse(String((await resourceRows())[0]!.closedDates))).toEqual([]);
});

test("add rooms from the directory: two Town Hall rooms in one step, the reserved one not tickable, the hidden one absent", async ({ page }) => {
  await configure(page);
  await grantAdminConsent(page);
  await page.goto(RESOURCES);
  await page.getByRole("button", { name: "Add rooms from the directory" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add rooms from the directory");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Civic Centre", "Town Hall", "Other rooms"]);
  await expect(page.getByTestId("hidden-rooms-note")).toContainText("hidden from the address list");

  const townHall = page.getByRole("region", { name: "Town Hall" });
  const parlour = townHall.getByTestId("directory-room").filter({ hasText: "Mayor's Parlour" });
  await expect(parlour).toContainText("Cannot be booked");
  await expect(parlour).toContainText("reserved");
  await expect(parlour.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByText("Interview Room 1")).toHaveCount(0);
  await expect(townHall.getByRole("checkbox")).toHaveCount(2);
  await expect(townHall.getByTestId("directory-room").filter({ hasText: "Council Chamber" })).toContainText("60 people");
  await expect(townHall.getByTestId("directory-room").filter({ hasText: "Committee Room 1" })).toContainText("Video: Teams Room camera");
  await expect(page.getByRole("region", { name: "Other rooms" })).toContainText("Depot Meeting Room");
  await expectAccessible(page);

  // Nothing ticked: said beside the first room.
  await submitAndWait(page, "Add selected rooms");
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveText(["Select at least one room to add"]);

  await page.getByRole("checkbox", { name: "Council Chamber" }).check();
  await page.getByRole("checkbox", { name: "Committee Room 1" }).check();
  await submitAndWait(page, "Add selected rooms");
  const added = page.getByTestId("rooms-added");
  await expectFocused(added);
  await expect(added).toContainText("2 rooms added");
  await expect(added.getByRole("link")).toHaveText(["Committee Room 1", "Council Chamber"]);
  // Now marked as resources, and no longer tickable.
  await expect(townHall.getByRole("checkbox")).toHaveCount(0);
  await expect(townHall.getByTestId("room-status").filter({ hasText: "Already a resource" })).toHaveCount(2);
  await expectAccessible(page);

  await page.goto(RESOURCES);
  await expect(row(page, "Council Chamber").getByTestId("resource-capacity")).toHaveText("60");
  await expect(row(page, "Council Chamber")).toContainText("Town Hall");
  await expect(row(page, "Committee Room 1").getByTestId("resource-capacity")).toHaveText("12");
  await expect(row(page, "Committee Room 1")).toContainText("First floor");
  const mailboxes = await sql<{ address: string }>(`SELECT "address" FROM "ApplicationMailbox" ORDER BY "address"`);
  expect(mailboxes.map((mailbox) => mailbox.address)).toEqual([ROOMS.committeeRoom.email, ROOMS.councilChamber.email]);
  expect((await resourceRows()).map((resource) => [resource.name, resource.kind, resource.directoryAddress, resource.equipmentNotes])).toEqual([
    ["Committee Room 1", "room", ROOMS.committeeRoom.email, "Ceiling microphones, Teams Room camera, 75-inch screen"],
    ["Council Chamber", "room", ROOMS.councilChamber.email, "Chamber PA, Projector"],
  ]);
});

test("without Place.Read.All the directory page says what to grant, and that rooms can still be added by address", async ({ page }) => {
  await microsoft.updateApp(APPS.multi.clientId, { applicationPermissions: SEED_APPLICATION_PERMISSIONS.filter((name) => name !== "Place.Read.All") });
  await configure(page);
  await grantAdminConsent(page);
  await page.goto(`${RESOURCES}/directory`);
  const warning = page.getByTestId("directory-unreadable");
  await expect(warning).toContainText("The hub cannot read the room directory");
  await expect(warning).toContainText("the app lacks Place.Read.All");
  await expect(warning).toContainText("add the Microsoft Graph permission Place.Read.All to the app registration as an application permission, then choose Grant admin consent");
  await expect(warning.getByRole("link", { name: "Add resource" })).toHaveAttribute("href", `${RESOURCES}/new?how=application`);
  await expect(warning.getByRole("link", { name: /Mailboxes with application access/ })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectAccessible(page);
});

/** A weekday at 10:00 in London at least two days ahead, not a bank holiday: inside the default rules. */
function bookableMorning(): DateTime {
  let day = DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf("day");
  const holidays = bankHolidays("england-and-wales", day.toISODate()!, day.plus({ days: 30 }).toISODate()!);
  while (day.weekday > 5 || holidays.has(day.toISODate()!)) day = day.plus({ days: 1 });
  return day.set({ hour: 10 });
}

test("a room removed while bookings exist: the booking stays in Outlook and in the hub's list", async ({ page }) => {
  await configure(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Council Chamber"]);
  const id = await resourceId("Council Chamber");
  const start = bookableMorning();
  const booked = await callAction<{ ok: boolean; data?: { bookingId: string; status: string } }>(page.request, HUB.url, CALENDAR_ACTIONS.createBooking, {
    resourceId: id,
    subject: "Licensing committee",
    start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
    end: start.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    timeZone: ZONE,
  });
  expect(booked.result).toMatchObject({ ok: true, data: { status: "confirmed" } });
  expect(await microsoft.mailboxEvents(ROOMS.councilChamber.email)).toEqual([expect.objectContaining({ subject: "Licensing committee" })]);

  await page.goto(`${RESOURCES}/${id}`);
  await page.getByRole("button", { name: "Remove resource Council Chamber" }).click();
  await expect(page.getByRole("heading", { name: "Are you sure you want to remove this resource?" })).toBeVisible();
  await expect(page.getByTestId("remove-name")).toHaveText("Council Chamber");
  await expect(page.getByTestId("remove-bookings")).toContainText("It has 1 upcoming booking made through the hub. It stays in Outlook and in the hub's list of bookings");
  await expectAccessible(page);
  await submitAndWait(page, "Remove");
  await expect(page).toHaveURL(/\/utilities\/resources\?done=removed$/);
  await expectFocused(page.getByTestId("resource-removed"));
  await expect(page.getByTestId("no-resources")).toBeVisible();

  expect(await microsoft.mailboxEvents(ROOMS.councilChamber.email)).toEqual([expect.objectContaining({ subject: "Licensing committee" })]);
  const bookings = await sql(`SELECT "subject", "status", "resourceId" FROM "Booking"`);
  expect(bookings).toEqual([{ subject: "Licensing committee", status: "confirmed", resourceId: null }]);
  const list = await callAction<{ ok: boolean; data: { subject: string; resource: string | null; calendar: string }[] }>(
    page.request,
    HUB.url,
    CALENDAR_ACTIONS.listBookings,
    { timeZone: ZONE },
  );
  expect(list.result).toMatchObject({ ok: true, data: [{ subject: "Licensing committee", resource: null }] });
});

async function addStaff(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  await page.goto("/utilities/users");
  await page.getByLabel("Email").fill(STAFF.email);
  await page.getByLabel("Staff", { exact: true }).check();
  await page.getByLabel("Password").fill(STAFF.password);
  await submitAndWait(page, "Add user");
  await expect(page.getByTestId("user-added")).toBeVisible();
  await context.close();
}

test("staff cannot open the resource pages, and the directory's action refuses a staff session", async ({ browser, page, context }) => {
  await addStaff(browser);
  await configure(page);
  await grantAdminConsent(page);
  // The directory page drawn for the administrator; its form then sent with the staff member's session.
  await page.goto(`${RESOURCES}/directory`);
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, STAFF);
  await expect(staffPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resources" })).toHaveCount(0);
  for (const path of [RESOURCES, `${RESOURCES}/new`, `${RESOURCES}/directory`]) {
    await staffPage.goto(path);
    await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
  }
  await context.clearCookies();
  await context.addCookies(await staffContext.cookies());
  await staffContext.close();
  await page.getByRole("checkbox", { name: "Council Chamber" }).check();
  await submitAndWait(page, "Add selected rooms");
  await expect(page.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(await resourceRows()).toEqual([]);
  expect(await sqlRow(`SELECT COUNT(*) AS n FROM "ApplicationMailbox"`)).toEqual({ n: 0 });
});

test("Add resource works without JavaScript: each step is its own address, the last a plain form post", async ({ browser, page }) => {
  await configure(page);
  await connectAlice(page);
  const { context, plain } = await adminWithoutJavaScript(browser);

  await plain.goto(`${RESOURCES}/new`);
  await plain.getByRole("button", { name: "Continue" }).click();
  await expect(plain.getByTestId("error-summary")).toContainText("Choose how the hub reaches its calendar");
  await choose(plain, "A connected account's own calendar");
  await plain.getByRole("button", { name: "Continue" }).click();
  await choose(plain, USERS.alice.email);
  await plain.getByRole("button", { name: "Continue" }).click();
  await choose(plain, "Calendar");
  await plain.getByRole("button", { name: "Continue" }).click();
  await expect(plain).toHaveURL(/\/utilities\/resources\/new\?how=account&accountId=\w+&.*calendarId=/);
  await expect(plain.getByLabel("Name")).toHaveValue("Alice Admin");
  await plain.getByLabel("Name").fill("Alice's diary");
  await plain.getByRole("button", { name: "Add resource" }).click();
  await expect(plain.getByTestId("resource-added")).toContainText("Alice's diary was added");
  expect((await resourceRows()).map((resource) => resource.name)).toEqual(["Alice's diary"]);
  await context.close();
});

// --- How bookings are made ------------------------------------------------------------------------------------------

const bookingMode = async (name: string) => {
  const resource = (await resourceRows()).find((candidate) => candidate.name === name)!;
  return { bookingMode: resource.bookingMode, organiserId: resource.organiserId, onlineMeetingProviders: resource.onlineMeetingProviders };
};
const summaryRow = (page: Page, label: string) => page.getByTestId("booking-mode").locator("div").filter({ has: page.getByText(label, { exact: true }) });

/** Alice's "Team events" calendar as a resource: a calendar of her mailbox that is not its default one. */
async function addTeamEvents(page: Page) {
  await page.goto(`${RESOURCES}/new?how=account`);
  await choose(page, USERS.alice.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await choose(page, "Team events");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Team events");
  await submitAndWait(page, "Add resource");
  await expect(page.getByTestId("resource-added")).toBeVisible();
}

test("a room is changed to invitations from Alice, then back to Directly once its calendar no longer allows Teams", async ({ page }) => {
  test.setTimeout(120_000);
  await configure(page);
  await connectAlice(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Council Chamber"]);
  const aliceId = (await accountRows()).find((account) => account.email === USERS.alice.email)!.id;

  await page.goto(`${RESOURCES}/${await resourceId("Council Chamber")}`);
  await expect(summaryRow(page, "Booked")).toHaveText(/Directly in the room's calendar$/);
  // Rooms from the directory are added without reading their Teams providers.
  await expect(summaryRow(page, "Teams meetings")).toContainText("Not checked with Microsoft yet");
  await expect(summaryRow(page, "Invitations sent by")).toHaveCount(0);
  await page.getByRole("link", { name: "Change how bookings of Council Chamber are made" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How bookings are made");
  await expect(page.getByTestId("invitation-not-possible")).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Directly in the room's calendar" })).toBeChecked();
  // Who sends the invitations is asked only once As an invitation is chosen; the room itself is not offered.
  await expect(page.getByRole("group", { name: "Who sends the invitations?" })).toBeHidden();
  await expectAccessible(page);
  await choose(page, "As an invitation to the room");
  const who = page.getByRole("group", { name: "Who sends the invitations?" });
  await expect(who).toBeVisible();
  await expect(who.getByRole("radio")).toHaveCount(2);
  await expect(who.getByRole("radio", { name: "The person booking" })).toBeVisible();
  await expect(who.getByRole("radio", { name: USERS.alice.email })).toBeVisible();
  await expect(who).not.toContainText(ROOMS.councilChamber.email);

  // No organiser chosen: said beside the field and in the summary; nothing saved.
  await submitAndWait(page, "Save");
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText(["Choose who sends the invitations"]);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#organiser");
  await expectFocused(summary);
  await expect(page.locator("#organiser-error")).toContainText("Choose who sends the invitations");
  await expect(page.getByRole("radio", { name: "As an invitation to the room" })).toBeChecked();
  await expectAccessible(page);
  expect(await bookingMode("Council Chamber")).toMatchObject({ bookingMode: "direct", organiserId: null });

  // Microsoft refuses to show Alice's calendar: the refusal is beside the organiser, and nothing is saved.
  await refuseCalendarReads("^/v1\\.0/me/calendar$");
  await choose(page, USERS.alice.email);
  await submitAndWait(page, "Save");
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#organiser");
  await expect(page.locator("#organiser-error")).not.toBeEmpty();
  await expect(page.locator("#organiser-error")).toContainText(USERS.alice.email);
  await expect(page).toHaveURL(/\/booking$/);
  expect(await bookingMode("Council Chamber")).toMatchObject({ bookingMode: "direct", organiserId: null });
  await microsoft.clearFaults();

  // Saved, after the button said it was waiting on Microsoft.
  await microsoft.addFault({ service: "graph", method: "GET", pathPattern: "^/v1\\.0/me/calendar$", delayMs: 1_500 });
  await expect(page.getByRole("radio", { name: USERS.alice.email })).toBeChecked();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("button", { name: "Checking with Microsoft…" })).toHaveAttribute("aria-disabled", "true");
  await expect(page).toHaveURL(/\/utilities\/resources\/\w+\?done=booking-mode$/);
  const saved = page.getByTestId("booking-mode-saved");
  await expectFocused(saved);
  await expect(saved).toContainText("Bookings are now made as invitations");
  await expect(summaryRow(page, "Booked")).toHaveText(/As an invitation the room answers$/);
  await expect(summaryRow(page, "Invitations sent by")).toContainText(`${USERS.alice.email}A connected account`);
  await expect(summaryRow(page, "Teams meetings")).toContainText("Allowed by the calendar");
  await expectAccessible(page);
  expect(await bookingMode("Council Chamber")).toEqual({ bookingMode: "invitation", organiserId: aliceId, onlineMeetingProviders: JSON.stringify(["teamsForBusiness"]) });
  await page.goto(RESOURCES);
  await expect(row(page, "Council Chamber").getByTestId("resource-booking-mode")).toHaveText("By invitation");
  await expectAccessible(page);

  // The room's mailbox no longer allows Teams: saving Directly reads that from Microsoft and says so.
  await microsoft.setOnlineMeetingProviders(ROOMS.councilChamber.email, { allowedOnlineMeetingProviders: [] });
  await page.goto(`${RESOURCES}/${await resourceId("Council Chamber")}/booking`);
  await expect(page.getByRole("radio", { name: "As an invitation to the room" })).toBeChecked();
  await expect(page.getByRole("radio", { name: USERS.alice.email })).toBeChecked();
  await choose(page, "Directly in the room's calendar");
  await submitAndWait(page, "Save");
  await expectFocused(page.getByTestId("booking-mode-saved"));
  await expect(page.getByTestId("booking-mode-saved")).toContainText("Bookings are now made directly");
  await expect(summaryRow(page, "Invitations sent by")).toHaveCount(0);
  await expect(summaryRow(page, "Teams meetings")).toContainText("Not allowed by the calendar bookings are written to (the room's calendar)");
  expect(await bookingMode("Council Chamber")).toEqual({ bookingMode: "direct", organiserId: null, onlineMeetingProviders: "[]" });
  await page.goto(RESOURCES);
  await expect(row(page, "Council Chamber").getByTestId("resource-booking-mode")).toHaveCount(0);
});

test("once a room is booked as an invitation from Alice, a staff booking is a meeting in her calendar that the room accepts", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await addStaff(browser);
  await configure(page);
  await connectAlice(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Council Chamber"]);
  const id = await resourceId("Council Chamber");
  await page.goto(`${RESOURCES}/${id}/booking`);
  await choose(page, "As an invitation to the room");
  await choose(page, USERS.alice.email);
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("booking-mode-saved")).toContainText("Bookings are now made as invitations");

  const start = bookableMorning();
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, STAFF);
  await staff.goto(`/bookings?resource=${id}&date=${start.toISODate()}`);
  await staff.getByRole("group", { name: "Start time" }).getByRole("radio", { name: "10:00 to 10:30" }).check();
  await staff.getByLabel("Subject").fill("Licensing committee");
  await submitAndWait(staff, "Book");
  await expect(staff.getByTestId("booking-confirmed")).toContainText("Booked: Licensing committee");
  await expect(staff.getByTestId("room-response")).toHaveText("Council Chamber has accepted.");
  await staffContext.close();

  // Written into Alice's calendar with the room as a resource attendee, not into the room's; the room's copy is its answer.
  const when = { start: start.toUTC().toISO(), end: start.plus({ minutes: 30 }).toUTC().toISO() };
  const [sent] = await microsoft.mailboxEvents(USERS.alice.email);
  expect(sent).toMatchObject({ subject: "Licensing committee", ...when, organizer: USERS.alice.email, responseStatus: "organizer" });
  expect(sent!.attendeeResponses).toContainEqual({ address: ROOMS.councilChamber.email, type: "resource", response: "accepted" });
  expect(await microsoft.mailboxEvents(ROOMS.councilChamber.email)).toEqual([
    expect.objectContaining({ ...when, organizer: USERS.alice.email, responseStatus: "accepted", iCalUId: sent!.iCalUId }),
  ]);
});

test("a calendar that is not a mailbox's own can only be booked directly: the page says why and refuses an invitation", async ({ page }) => {
  await configure(page);
  await connectAlice(page);
  await addTeamEvents(page);
  const path = `${RESOURCES}/${await resourceId("Team events")}/booking`;
  await page.goto(path);
  const why = page.getByTestId("invitation-not-possible");
  await expect(why).toContainText("This resource can only be booked directly");
  await expect(why).toContainText(`this resource is the calendar "Team events" of ${USERS.alice.email}, not its main calendar`);
  // Alice's own mailbox holds the calendar, so she is not offered as its organiser; nor is the person booking before
  // the app has application access (their mailbox is reached with it).
  await choose(page, "As an invitation to the room");
  const nobody = page.getByTestId("no-organisers");
  await expect(nobody).toBeVisible();
  await expect(nobody).toContainText("Nobody can send invitations yet");
  await submitAndWait(page, "Save");
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText(["Choose who sends the invitations"]);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#organiser");
  await expect(nobody.locator("#organiser-error")).toContainText("Choose who sends the invitations");
  await expectAccessible(page);

  await grantAdminConsent(page);
  await page.goto(path);
  await choose(page, "As an invitation to the room");
  const who = page.getByRole("group", { name: "Who sends the invitations?" });
  await expect(who.getByRole("radio")).toHaveCount(1);
  await choose(page, "The person booking");
  await submitAndWait(page, "Save");
  await expect(summary.getByRole("link")).toHaveText([/^Only a mailbox can be invited/]);
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#bookingMode");
  await expect(page.locator("#bookingMode-error")).toContainText("Choose Directly, or make a resource of the room's own mailbox");
  await expectAccessible(page);
  expect(await bookingMode("Team events")).toMatchObject({ bookingMode: "direct", organiserId: null });
  await page.goto(`${RESOURCES}/${await resourceId("Team events")}`);
  await expect(summaryRow(page, "Booked")).toContainText("Directly");
});

test("staff cannot open How bookings are made, and its action refuses a staff session", async ({ browser, page, context }) => {
  await addStaff(browser);
  await configure(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Council Chamber"]);
  const path = `${RESOURCES}/${await resourceId("Council Chamber")}/booking`;
  await page.goto(path);
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, STAFF);
  await staffPage.goto(path);
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
  await expect(staffPage.getByRole("radio")).toHaveCount(0);
  // The form drawn for the administrator, then sent with the staff member's session.
  await context.clearCookies();
  await context.addCookies(await staffContext.cookies());
  await staffContext.close();
  await choose(page, "As an invitation to the room");
  await choose(page, "The person booking");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(await bookingMode("Council Chamber")).toMatchObject({ bookingMode: "direct", organiserId: null });
});

test("How bookings are made works without JavaScript: the organiser question still appears, errors and saving are plain form posts", async ({ browser, page }) => {
  await configure(page);
  await grantAdminConsent(page);
  await addRoomsFromDirectory(page, ["Committee Room 1"]);
  const id = await resourceId("Committee Room 1");
  const { context, plain } = await adminWithoutJavaScript(browser);

  await plain.goto(`${RESOURCES}/${id}/booking`);
  await expect(plain.getByRole("group", { name: "Who sends the invitations?" })).toBeHidden();
  await choose(plain, "As an invitation to the room");
  await expect(plain.getByRole("group", { name: "Who sends the invitations?" })).toBeVisible();
  await plain.getByRole("button", { name: "Save", exact: true }).click();
  await expect(plain.getByTestId("error-summary")).toContainText("Choose who sends the invitations");
  await expect(plain.locator("#organiser-error")).toContainText("Choose who sends the invitations");
  await expect(plain.getByRole("radio", { name: "As an invitation to the room" })).toBeChecked();
  expect(await bookingMode("Committee Room 1")).toMatchObject({ bookingMode: "direct" });

  await choose(plain, "The person booking");
  await plain.getByRole("button", { name: "Save", exact: true }).click();
  await expect(plain).toHaveURL(new RegExp(`${RESOURCES}/${id}\\?done=booking-mode$`));
  await expect(plain.getByTestId("booking-mode-saved")).toContainText("Bookings are now made as invitations");
  await expect(summaryRow(plain, "Invitations sent by")).toContainText("The person booking, from their own mailbox");
  await expect(summaryRow(plain, "Teams meetings")).toContainText("Allowed when the calendar of the person booking allows them");
  expect(await bookingMode("Committee Room 1")).toEqual({ bookingMode: "invitation", organiserId: null, onlineMeetingProviders: null });
  await context.close();
});
