import { expect, test, type Browser } from "@playwright/test";
import { VALID_SETTINGS, signIn, submitAndWait } from "./support/actions";
import { office365SettingsRow, resetOffice365, withDatabase } from "./support/database";
import { HUB } from "./support/hub";

const STAFF = { email: "booking.desk@example.gov.uk", password: "booking desk passphrase" };

async function addStaffThroughUsersPage(browser: Browser) {
  withDatabase((database) => database.prepare(`DELETE FROM "User" WHERE "email" = ?`).run(STAFF.email));
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

test("an administrator adds a staff user, who can book but not reach integrations, users or settings", async ({ browser, page }) => {
  await addStaffThroughUsersPage(browser);
  await signIn(page, STAFF);
  await expect(page).toHaveURL(/\/bookings$/);
  // The calendar actions behind the page accept staff.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bookings");
  await expect(page.getByTestId("error-summary")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Bookings"]);
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
  expect(office365SettingsRow()).toBeUndefined();
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
  const userCount = () => withDatabase((database) => (database.prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number }).n);
  const before = userCount();

  await usersPage.getByLabel("Email").fill("intruder@example.gov.uk");
  await usersPage.getByLabel("Administrator", { exact: true }).check();
  await usersPage.getByLabel("Password").fill("an intruder's passphrase");
  await submitAndWait(usersPage, "Add user");
  await expect(usersPage.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  expect(userCount()).toBe(before);

  await settingsPage.getByLabel("Site time zone").selectOption("Europe/Dublin");
  await submitAndWait(settingsPage, "Save");
  await expect(settingsPage.getByTestId("error-summary")).toContainText("Your hub account is not allowed to do this");
  const zone = withDatabase((database) => database.prepare(`SELECT "timeZone" FROM "HubSettings"`).get() as { timeZone: string } | undefined);
  expect(zone?.timeZone ?? "Europe/London").toBe("Europe/London");
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
  await page.goto("/bookings");
  await expect(page.getByText("Times are in Europe/Dublin")).toBeVisible();

  // The admin pages' dates follow it too: when the administrator was created, as New York saw it.
  await page.goto("/utilities/settings");
  await page.getByLabel("Site time zone").selectOption("America/New_York");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("hub-settings-saved")).toBeVisible();
  const created = withDatabase((database) => database.prepare(`SELECT "createdAt" FROM "User" WHERE "email" = ?`).get(HUB.admin.email) as { createdAt: number | string });
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
