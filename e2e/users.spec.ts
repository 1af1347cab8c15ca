import { expect, test, type Browser } from "@playwright/test";
import { VALID_SETTINGS, signIn, submitAndWait } from "./support/actions";
import { office365SettingsRow, resetOffice365, sql, sqlRow } from "./support/database";
import { HUB } from "./support/hub";
import { axeViolations } from "./support/axe";

const STAFF = { email: "booking.desk@example.gov.uk", password: "booking desk passphrase" };

async function addStaffThroughUsersPage(browser: Browser) {
  await sql(`DELETE FROM "User" WHERE "email" = ?`, [STAFF.email]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  await page.goto("/utilities/users");
  await page.getByLabel("Email").fill(STAFF.email);
  await page.getByLabel("Staff", { exact: true }).check();
  await page.getByLabel("Password").fill(STAFF.password);
  await submitAndWait(page, "Add user");
  await expect(page.getByTestId("user-added")).toContainText(`${STAFF.email} can now sign in as staff`);
  await expect(page.getByTestId("user-row").filter({ hasText: STAFF.email })).toContainText("Staff");
  await context.close();
}

test.beforeEach(() => resetOffice365());

/** The saved hub settings, as the defaults when the row was never written. */
async function hubSettingsRow() {
  const row = await sqlRow<{ timeZone: string; bankHolidayRegion: string }>(`SELECT "timeZone", "bankHolidayRegion" FROM "HubSettings"`);
  return row ?? { timeZone: "Europe/London", bankHolidayRegion: "england-and-wales" };
}


test("an administrator adds a staff user, who can book but not reach integrations, users or settings", async ({ browser, page }) => {
  await addStaffThroughUsersPage(browser);
  await signIn(page, STAFF);
  await expect(page).toHaveURL(/\/bookings$/);
  // The calendar actions behind the page accept staff.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bookings");
  await expect(page.getByTestId("error-summary")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Bookings", "My bookings"]);
  for (const path of ["/utilities/integrations", "/utilities/integrations/office365", "/utilities/users", "/utilities/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
  }
});

test("a staff user's session is refused by the settings action, and nothing is saved", async ({ browser, page, context }) => {
  await addStaffThroughUsersPage(browser);
  // An administrator's page, then the staff member's session: the action must check the caller itself.
  await signIn(page);
  await page.goto("/utilities/integrations/office365");
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, STAFF);
  const staffCookies = await staffContext.cookies();
  await context.clearCookies();
  await context.addCookies(staffCookies);
  await page.getByLabel("Client ID").fill(VALID_SETTINGS.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(VALID_SETTINGS.clientSecret);
  await page.getByLabel("Azure AD v2.0", { exact: true }).check();
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(await office365SettingsRow()).toBeUndefined();
  await staffContext.close();
});

test("a staff user's session is refused by the users and hub settings actions too, and nothing changes", async ({ browser, page, context }) => {
  await addStaffThroughUsersPage(browser);
  await signIn(page);
  const usersPage = page;
  await usersPage.goto("/utilities/users");
  const settingsPage = await context.newPage();
  await settingsPage.goto("/utilities/settings");
  // Both pages were rendered for the administrator; their forms are now sent with the staff member's session.
  const staffContext = await browser.newContext();
  await signIn(await staffContext.newPage(), STAFF);
  await context.clearCookies();
  await context.addCookies(await staffContext.cookies());
  await staffContext.close();
  const userCount = async () => (await sqlRow<{ n: number }>(`SELECT COUNT(*) AS n FROM "User"`))!.n;
  const before = await userCount();

  await usersPage.getByLabel("Email").fill("intruder@example.gov.uk");
  await usersPage.getByLabel("Administrator", { exact: true }).check();
  await usersPage.getByLabel("Password").fill("an intruder's passphrase");
  await submitAndWait(usersPage, "Add user");
  await expect(usersPage.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(await userCount()).toBe(before);

  await settingsPage.getByLabel("Site time zone").selectOption("Europe/Dublin");
  await settingsPage.getByLabel("Scotland", { exact: true }).check();
  await submitAndWait(settingsPage, "Save");
  await expect(settingsPage.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(await hubSettingsRow()).toEqual({ timeZone: "Europe/London", bankHolidayRegion: "england-and-wales" });
});

test("removing a user asks for confirmation, and nobody can remove themselves", async ({ browser, page }) => {
  await addStaffThroughUsersPage(browser);
  await signIn(page);
  await page.goto("/utilities/users");
  await page.getByRole("button", { name: `Remove ${STAFF.email}` }).click();
  await expect(page.getByTestId("remove-email")).toHaveText(STAFF.email);
  await submitAndWait(page, "Remove");
  await expect(page.getByTestId("user-removed")).toContainText(`${STAFF.email} was removed`);
  await expect(page.getByTestId("user-row").filter({ hasText: STAFF.email })).toHaveCount(0);
  const me = page.getByRole("row", { name: new RegExp(`^${HUB.admin.email.replace(/\./g, "\\.")} `) });
  await expect(me).toContainText("You");
  await expect(me.getByRole("button")).toHaveCount(0);
});

test("the site time zone is chosen in Hub settings", async ({ page }) => {
  await signIn(page);
  await page.goto("/utilities/settings");
  await page.getByLabel("Site time zone").selectOption("Europe/Dublin");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeVisible();
  // The form shows what was saved, not what it first showed.
  await expect(page.getByLabel("Site time zone")).toHaveValue("Europe/Dublin");
  await page.goto("/bookings");
  await expect(page.getByText("Times are in Europe/Dublin")).toBeVisible();

  // The admin pages' dates follow it too: when the administrator was created, as New York saw it.
  await page.goto("/utilities/settings");
  await page.getByLabel("Site time zone").selectOption("America/New_York");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeVisible();
  const created = (await sqlRow<{ createdAt: string }>(`SELECT "createdAt" FROM "User" WHERE "email" = ?`, [HUB.admin.email]))!;
  const hour = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: "America/New_York" })
    .format(new Date(created.createdAt))
    .replace(" ", "")
    .toLowerCase();
  await page.goto("/utilities/users");
  await expect(page.getByRole("row", { name: new RegExp(`^${HUB.admin.email.replace(/\./g, "\\.")} `) })).toContainText(` at ${hour}`);
  await page.goto("/utilities/settings");
  await page.getByLabel("Site time zone").selectOption("Europe/London");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeVisible();
});

test("the bank holidays that close resources are chosen in Hub settings, and the next year's are shown", async ({ page }) => {
  await signIn(page);
  await page.goto("/utilities/settings");
  const bankHolidays = page.getByRole("group", { name: "Bank holidays" });
  await expect(bankHolidays.getByRole("radio")).toHaveCount(4);
  await expect(page.getByLabel("England and Wales", { exact: true })).toBeChecked();
  await expect(page.getByRole("heading", { name: "Bank holidays in England and Wales in the next 12 months" })).toBeVisible();
  await expect(page.getByTestId("bank-holiday").first()).toBeVisible();
  await expect(page.getByTestId("bank-holiday").filter({ hasText: "St Andrew" })).toHaveCount(0);

  await page.getByLabel("Scotland", { exact: true }).check();
  await submitAndWait(page, "Save");
  // The confirmation takes focus, so a screen reader or keyboard user hears that the settings were saved.
  await expect(page.getByTestId("hub-settings-saved")).toBeFocused();
  await expect(page.getByTestId("hub-settings-saved")).toContainText("Hub settings saved");
  expect(await hubSettingsRow()).toEqual({ timeZone: "Europe/London", bankHolidayRegion: "scotland" });
  const audit = (await sqlRow<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'hub.settings.saved' ORDER BY "at" DESC`))!;
  expect(JSON.parse(audit.details)).toEqual({ fields: ["bankHolidayRegion"] });

  // Twelve months of Scotland's bank holidays (whenever the journey runs): St Andrew's Day and 2 January among
  // them, never Easter Monday.
  await expect(page.getByRole("heading", { name: "Bank holidays in Scotland in the next 12 months" })).toBeVisible();
  const rows = page.getByTestId("bank-holiday");
  await expect(rows.filter({ hasText: "St Andrew’s Day" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "2nd January" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "Easter Monday" })).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  await expect(rows.first().getByRole("rowheader")).toHaveText(/^(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} [A-Z][a-z]+ \d{4}$/);
  expect(await axeViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByLabel("Scotland", { exact: true })).toBeChecked();
  await page.getByLabel("None (no bank holidays)", { exact: true }).check();
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeFocused();
  await expect(page.getByTestId("upcoming-bank-holidays")).toContainText("No bank holidays are chosen");
  await expect(page.getByTestId("bank-holiday")).toHaveCount(0);

  await page.getByLabel("England and Wales", { exact: true }).check();
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeVisible();
  expect((await hubSettingsRow()).bankHolidayRegion).toBe("england-and-wales");
});

test("a bank holiday region the form does not offer is refused with a message, every invalid field at once, and nothing is saved", async ({ page }) => {
  await signIn(page);
  await page.goto("/utilities/settings");
  // As a crafted request would: the radio's value and the time zone replaced before the form is sent.
  await page.getByLabel("Scotland", { exact: true }).evaluate((radio: HTMLInputElement) => {
    radio.value = "wales";
    radio.checked = true;
  });
  await page.getByLabel("Site time zone").evaluate((select: HTMLSelectElement) => {
    select.options[select.selectedIndex]!.value = "Mars/Olympus_Mons";
  });
  await submitAndWait(page, "Save");
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Choose a time zone from the list, like Europe/London",
    "Select which bank holidays close resources: England and Wales, Scotland, Northern Ireland or none",
  ]);
  await expect(page.locator("#bankHolidayRegion-error")).toContainText("Select which bank holidays close resources");
  await expect(page.getByTestId("hub-settings-saved")).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // A valid time zone beside the invalid region: refused whole, the time zone not saved either.
  await page.goto("/utilities/settings");
  await page.getByLabel("Site time zone").selectOption("Europe/Dublin");
  await page.getByLabel("Northern Ireland", { exact: true }).evaluate((radio: HTMLInputElement) => {
    radio.value = "republic-of-ireland";
    radio.checked = true;
  });
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveText([
    "Select which bank holidays close resources: England and Wales, Scotland, Northern Ireland or none",
  ]);
  expect(await hubSettingsRow()).toEqual({ timeZone: "Europe/London", bankHolidayRegion: "england-and-wales" });
  const audits = (await sqlRow<{ n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = 'hub.settings.saved'`))!.n;
  expect(audits).toBe(0);
});
