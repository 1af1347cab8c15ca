import { expect, test, type Locator, type Page } from "@playwright/test";
import { saveOffice365Settings, signIn, submitAndWait, VALID_SETTINGS } from "./support/actions";
import { accountRows, resetOffice365, withDatabase } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";
import { HUB } from "./support/hub";

/**
 * Feedback where the user is: after every action its result is where the user's eyes (and focus) are.
 */
// A week well in the future, so every slot is free: Monday 4 January 2027.
const WEEK = "2027-01-04";

/** What a sighted keyboard user needs after pressing a button: the result has focus and is on screen. */
async function expectFocusedInView(result: Locator) {
  await expect(result).toBeFocused();
  // Wholly on screen (less a rounding error of a fraction of a pixel).
  await expect(result).toBeInViewport({ ratio: 0.99 });
}

async function configure(page: Page) {
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
}

async function connect(page: Page, email: string) {
  await microsoft.nextSignIn({ email });
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByTestId("account-connected")).toContainText(email);
}

async function addUser(page: Page, email: string) {
  await page.goto("/utilities/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await submitAndWait(page, "Add user");
  await expect(page.getByTestId("user-added")).toBeVisible();
}

async function bookFirstFreeSlot(page: Page, sourceId: string, subject: string) {
  await page.goto(`/bookings?source=${sourceId}&week=${WEEK}`);
  await page.getByRole("radio").first().check();
  await page.getByLabel("Subject").fill(subject);
  await submitAndWait(page, "Book");
  await expect(page.getByTestId("booking-confirmed")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  resetOffice365();
  withDatabase((database) => {
    database.exec(`DELETE FROM "Booking"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings";`);
    database.prepare(`DELETE FROM "User" WHERE "email" <> ?`).run(HUB.admin.email);
  });
  await microsoft.reset();
  await signIn(page);
});

test.describe("the result of an action is where the user is", () => {
  test("Save on the Office 365 page and in Hub settings: the message takes focus and is on screen, every time", async ({ page }) => {
    await saveOffice365Settings(page, VALID_SETTINGS);
    await expectFocusedInView(page.getByTestId("settings-saved"));
    // Saving again (nothing changed) is a new answer: focus comes back to it from the button.
    await page.getByRole("button", { name: "Save", exact: true }).focus();
    await submitAndWait(page, "Save");
    await expect(page.getByTestId("settings-saved")).toContainText("Nothing had changed");
    await expectFocusedInView(page.getByTestId("settings-saved"));

    await page.goto("/utilities/settings");
    await page.getByLabel("Site time zone").selectOption("Europe/Dublin");
    await submitAndWait(page, "Save");
    await expectFocusedInView(page.getByTestId("hub-settings-saved"));
  });

  test("Add user and Remove user: the message and then the page's banner take focus", async ({ page }) => {
    await addUser(page, "new.colleague@example.gov.uk");
    await expectFocusedInView(page.getByTestId("user-added"));
    await page.getByRole("button", { name: "Remove new.colleague@example.gov.uk" }).click();
    await submitAndWait(page, "Remove");
    await expectFocusedInView(page.getByTestId("user-removed"));
  });

  test("Connect, admin consent, Add mailbox and Remove: each result takes focus", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await expectFocusedInView(page.getByTestId("account-connected"));
    await page.getByRole("button", { name: "Grant admin consent" }).click();
    await page.getByRole("button", { name: "Accept" }).click();
    await expectFocusedInView(page.getByTestId("admin-consented"));
    await page.getByLabel("Mailbox address").fill(USERS.room.email);
    await submitAndWait(page, "Add mailbox");
    await expectFocusedInView(page.getByTestId("mailbox-added"));

    await page.getByRole("button", { name: `Remove ${USERS.room.email}` }).click();
    await submitAndWait(page, "Remove");
    await expectFocusedInView(page.getByTestId("account-removed"));
    await page.getByRole("button", { name: `Remove ${USERS.alice.email}` }).click();
    await submitAndWait(page, "Remove");
    await expect(page.getByTestId("account-removed")).toContainText(`${USERS.alice.email} was removed`);
    await expectFocusedInView(page.getByTestId("account-removed"));
  });

  test("Book and Cancel: the confirmation takes focus", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await bookFirstFreeSlot(page, accountRows()[0]!.id, "Planning surgery");
    await expectFocusedInView(page.getByTestId("booking-confirmed"));
    await page.getByTestId("booking-row").getByRole("button", { name: /Cancel/ }).click();
    await submitAndWait(page, "Cancel booking");
    await expectFocusedInView(page.getByTestId("booking-cancelled"));
  });
});
