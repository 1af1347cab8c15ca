import { expect, test, type Locator, type Page } from "@playwright/test";
import { saveOffice365Settings, signIn, submitAndWait, VALID_SETTINGS } from "./support/actions";
import { accountRows, resetOffice365, sql, sqlScript } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";
import { HUB } from "./support/hub";
import { dayPlus } from "./support/days";
import { addResource } from "./support/resources";
import { axeViolations } from "./support/axe";

/**
 * Feedback where the user is: after every action its result is where the user's eyes (and focus) are, every page
 * works on a 390 px phone, forms say everything that is wrong at once, and a wrong address gets a real page.
 */
const OFFICE365 = "/utilities/integrations/office365";
// A day well in the future, so every time is free: the Monday before the journeys' base Tuesday.
const DAY = dayPlus(-1);
const LONG_EMAIL = "a.very-long-address.for-wrapping@council-services.example.gov.uk";
const PHONE = { width: 390, height: 844 };


/** What a sighted keyboard user needs after pressing a button: the result has focus and is on screen. */
async function expectFocusedInView(result: Locator) {
  await expect(result).toBeFocused();
  // Wholly on screen (less a rounding error of a fraction of a pixel).
  await expect(result).toBeInViewport({ ratio: 0.99 });
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page is wider than the window").toBeLessThanOrEqual(innerWidth);
}

/**
 * Where the browser broke each element's text onto a new line, as "before|after", found by measuring where each
 * character is drawn. An address may break only after its "@" or a ".".
 */
async function lineBreaks(elements: Locator): Promise<string[]> {
  return elements.evaluateAll((nodes) =>
    nodes.flatMap((node) => {
      const drawn: { char: string; top: number }[] = [];
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const value = text.textContent ?? "";
        for (let index = 0; index < value.length; index++) {
          const range = document.createRange();
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          const rect = range.getClientRects()[0];
          if (rect) drawn.push({ char: value[index]!, top: rect.top });
        }
      }
      const text = drawn.map((entry) => entry.char).join("");
      return drawn.flatMap((entry, index) => (index > 0 && entry.top > drawn[index - 1]!.top + 2 ? [`${text.slice(0, index)}|${text.slice(index)}`] : []));
    }),
  );
}

async function expectAddressesWrapAtSeparatorsOnly(addresses: Locator) {
  expect(await addresses.count()).toBeGreaterThan(0);
  const breaks = await lineBreaks(addresses);
  expect(breaks.filter((line) => !/[@.]\|/.test(line)), "addresses broken mid-word").toEqual([]);
  return breaks;
}

/**
 * Each record of a stacked table is a block: its cells one under another, each introduced by its column's name
 * (except the row's own header, and its actions column, whose buttons say what they do).
 */
async function expectStackedWithLabels(rows: Locator) {
  const cells = await rows.first().evaluate((row) =>
    [...row.children].map((cell) => ({
      display: getComputedStyle(cell).display,
      label: getComputedStyle(cell, "::before").content,
      left: Math.round(cell.getBoundingClientRect().left),
      unlabelled: cell.tagName === "TH" || cell.classList.contains("hub-table-actions") || (cell.textContent ?? "").trim() === "",
    })),
  );
  expect(cells.every((cell) => cell.display === "block")).toBe(true);
  expect(new Set(cells.map((cell) => cell.left)).size).toBe(1);
  const labelled = cells.filter((cell) => !cell.unlabelled);
  expect(labelled.length).toBeGreaterThan(0);
  for (const cell of labelled) expect(cell.label).toMatch(/^".+"$/);
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

async function grantConsentAndAddRoom(page: Page) {
  await page.getByRole("button", { name: "Grant admin consent" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("admin-consented")).toBeVisible();
  await page.getByLabel("Mailbox address").fill(USERS.room.email);
  await submitAndWait(page, "Add mailbox");
  await expect(page.getByTestId("mailbox-added")).toBeVisible();
}

async function addUser(page: Page, email: string) {
  await page.goto("/utilities/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await submitAndWait(page, "Add user");
  await expect(page.getByTestId("user-added")).toBeVisible();
}

/** Alice's own calendar as a resource (made as an administrator would on the Resources pages). */
const aliceResource = async () => addResource({ name: "Alice's diary", kind: "calendar", mailbox: USERS.alice.email, accountId: (await accountRows())[0]!.id });

async function bookFirstFreeSlot(page: Page, resourceId: string, subject: string) {
  await page.goto(`/bookings?resource=${resourceId}&date=${DAY}`);
  await page.getByRole("group", { name: "Start time" }).getByRole("radio").first().check();
  await page.getByLabel("Subject").fill(subject);
  await submitAndWait(page, "Book");
  await expect(page.getByTestId("booking-confirmed")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await sqlScript(`DELETE FROM "MirrorEvent"; DELETE FROM "CalendarMirror"; DELETE FROM "Booking"; DELETE FROM "Resource"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings";`);
  await sql(`DELETE FROM "User" WHERE "email" <> ?`, [HUB.admin.email]);
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
    await bookFirstFreeSlot(page, await aliceResource(), "Planning surgery");
    await expectFocusedInView(page.getByTestId("booking-confirmed"));
    await page.getByTestId("booking-row").getByRole("button", { name: /Cancel/ }).click();
    await submitAndWait(page, "Cancel booking");
    await expectFocusedInView(page.getByTestId("booking-cancelled"));
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: PHONE });

  test("the Office 365 page with two accounts, a mailbox and a test result fits, its tables stack, addresses wrap at @ and . only", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await connect(page, USERS.bob.email);
    await grantConsentAndAddRoom(page);
    await page.goto(OFFICE365);
    const alice = page.getByTestId("account-row").filter({ hasText: USERS.alice.email });
    await alice.getByRole("button", { name: /Test connection/ }).click();
    await expect(alice.getByTestId("test-result")).toContainText("Connection works");

    await expectNoSidewaysScroll(page);
    await expectStackedWithLabels(page.getByTestId("account-row"));
    await expectAddressesWrapAtSeparatorsOnly(page.getByTestId("account-email"));
    const roomBreaks = await expectAddressesWrapAtSeparatorsOnly(page.getByTestId("mailbox-address"));
    expect(roomBreaks.length, "the room's long address wraps on a phone").toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("the users page fits, and a long address wraps at @ and . only", async ({ page }) => {
    await addUser(page, LONG_EMAIL);
    await page.reload();
    await expectNoSidewaysScroll(page);
    await expectStackedWithLabels(page.getByTestId("user-row"));
    const breaks = await expectAddressesWrapAtSeparatorsOnly(page.getByTestId("user-email"));
    expect(breaks.length, "the long address wraps on a phone").toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("the booking page with a week and an upcoming booking fits", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await bookFirstFreeSlot(page, await aliceResource(), "Planning surgery");
    await page.reload();
    await expectNoSidewaysScroll(page);
    await expectStackedWithLabels(page.getByTestId("booking-row"));
    expect(await axeViolations(page)).toEqual([]);
  });
});

test("at 1280 px a Test connection result does not squeeze the addresses into pieces", async ({ page }) => {
  await configure(page);
  await connect(page, USERS.alice.email);
  await connect(page, USERS.bob.email);
  for (const email of [USERS.alice.email, USERS.bob.email]) {
    const row = page.getByTestId("account-row").filter({ hasText: email });
    await row.getByRole("button", { name: /Test connection/ }).click();
    await expect(row.getByTestId("test-result")).toContainText("Connection works");
  }
  await expectNoSidewaysScroll(page);
  expect(await lineBreaks(page.getByTestId("account-email"))).toEqual([]);
});

test.describe("forms say everything that is wrong at once", () => {
  test("Add user: a wrong address and a short password are both reported", async ({ page }) => {
    await page.goto("/utilities/users");
    await page.getByLabel("Email").fill("not an address");
    await page.getByLabel("Password").fill("short");
    await submitAndWait(page, "Add user");
    const summary = page.getByTestId("error-summary");
    await expect(summary.getByRole("link")).toHaveText(["Enter an email address in the correct format, like name@example.gov.uk", "Password must be 12 characters or more"]);
    await expect(page.getByText("Error: Password must be 12 characters or more")).toBeVisible();
    await expect(page.getByText("Error: Enter an email address in the correct format, like name@example.gov.uk")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("not an address");
  });

  test("Book: the start time, the subject, the attendees and the description are all reported", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await page.goto(`/bookings?resource=${await aliceResource()}&date=${DAY}`);
    await page.getByLabel("Attendees (optional)").fill("not an address");
    await page.getByLabel("Description (optional)").fill("x".repeat(10_001));
    await submitAndWait(page, "Book");
    const summary = page.getByTestId("error-summary");
    await expect(summary.getByRole("link")).toHaveText([
      "Choose a start time",
      "Enter a subject",
      "Each attendee must be an email address, like name@example.gov.uk",
      "Description must be 10,000 characters or fewer",
    ]);
    await expect(summary.getByRole("link", { name: "Enter a subject" })).toHaveAttribute("href", "#subject");
    await expect(page.getByText("Error: Description must be 10,000 characters or fewer")).toBeVisible();
    expect(await microsoft.mailboxEvents(USERS.alice.email)).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("mailbox fields answer with the hub's error summary and message, not the browser's bubble", async ({ page }) => {
    await configure(page);
    await connect(page, USERS.alice.email);
    await page.getByLabel("Mailbox address").fill("room at the town hall");
    await submitAndWait(page, "Add mailbox");
    await expect(page.getByTestId("error-summary").getByRole("link")).toHaveAttribute("href", "#address");
    await expect(page.getByLabel("Mailbox address")).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("pages that are not there", () => {
  test("a wrong address gets a 404 page with the header and a heading, signed in or not, and nothing more when signed out", async ({ page, browser }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("banner").getByRole("link", { name: "Integrations Hub" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    expect(await axeViolations(page)).toEqual([]);

    // A remove page for a user that does not exist: the same page, with the header once.
    await page.goto("/utilities/users/abcdefghij0123456789/remove");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("banner")).toHaveCount(1);

    const signedOut = await browser.newContext();
    const visitor = await signedOut.newPage();
    expect((await visitor.goto("/no-such-page"))?.status()).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(visitor.getByRole("banner").getByRole("link", { name: "Integrations Hub" })).toBeVisible();
    await expect(visitor.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(visitor.getByTestId("signed-in-as")).toHaveCount(0);
    expect(await axeViolations(visitor)).toEqual([]);
    await signedOut.close();
  });

  test("the favicon is served, under the static files' policy, and pages point to it", async ({ page, request }) => {
    const response = await request.get("/favicon.ico");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\//);
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await response.body()).length).toBeGreaterThan(0);
    await page.goto("/signin");
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await request.get(href ?? "/missing-icon")).status()).toBe(200);
  });
});
