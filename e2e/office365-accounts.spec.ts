import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { saveOffice365Settings, signIn, submitAndWait } from "./support/actions";
import { accountRows, auditActions, expireStoredAccessTokens, rawDatabaseText, resetOffice365, sqlScript, storedRefreshToken, tokenRowCount } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";
import { HUB, hubEnvironment } from "./support/hub";
import { axeViolations } from "./support/axe";

const OFFICE365 = "/utilities/integrations/office365";

async function configure(page: Page, version: "Azure AD" | "Azure AD v2.0" = "Azure AD v2.0", clientSecret: string = APPS.multi.secret) {
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret, version, tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
}

/** Connect account → Microsoft's (the emulator's) account picker → back on the Office 365 page. */
async function connectAs(page: Page, email: string, button = "Connect account") {
  await page.goto(OFFICE365);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  await page.getByRole("button", { name: `Sign in as ${email}` }).click();
  await page.waitForURL(/\/utilities\/integrations\/office365\?/);
}

const row = (page: Page, email: string) => page.getByTestId("account-row").filter({ has: page.getByTestId("account-email").getByText(email, { exact: true }) });

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await microsoft.reset();
  await signIn(page);
});

test("connect a v2.0 account and a second through v1.0: both are listed with who connected them", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await expect(page.getByTestId("account-connected")).toContainText(`${USERS.alice.email} is connected`);
  const alice = row(page, USERS.alice.email);
  await expect(alice).toContainText("Alice Admin");
  await expect(alice).toContainText("Azure AD v2.0");
  await expect(alice).toContainText(`by ${HUB.admin.email}`);
  await expect(alice.getByTestId("account-status")).toContainText("Connected");

  // What the browser was sent to Microsoft with.
  const authorize = (await microsoft.requests()).find((request) => request.path.endsWith("/oauth2/v2.0/authorize"));
  expect(authorize?.query).toMatchObject({
    client_id: APPS.multi.clientId,
    response_type: "code",
    response_mode: "query",
    prompt: "select_account",
    code_challenge_method: "S256",
    redirect_uri: `${HUB.url}/jadu/integrations/office365/callback`,
  });

  await configure(page, "Azure AD", "");
  await connectAs(page, USERS.bob.email);
  const bob = row(page, USERS.bob.email);
  await expect(bob).toContainText("Bob Bookings");
  await expect(bob).toContainText(/^(?!.*v2\.0).*Azure AD/);
  expect((await microsoft.requests()).some((request) => request.path.endsWith("/oauth2/authorize") && request.query.resource === "https://graph.microsoft.com")).toBe(true);
  await expect(page.getByTestId("account-row")).toHaveCount(2);

  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("2 accounts connected");
});

test("connecting the same account twice renews it and never adds a second row", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await connectAs(page, USERS.alice.email);
  await expect(page.getByTestId("account-connected")).toContainText("is reconnected");
  await expect(page.getByTestId("account-row")).toHaveCount(1);
  expect(await accountRows()).toHaveLength(1);
  expect(await tokenRowCount()).toBe(1);
});

test("remove through the cross, the confirmation form and Remove: gone from the list and from the database", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await connectAs(page, USERS.bob.email);

  await page.getByRole("button", { name: `Remove ${USERS.alice.email}` }).click();
  await expect(page.getByRole("heading", { name: "Are you sure you want to remove this account?" })).toBeVisible();
  await expect(page.getByTestId("remove-email")).toHaveText(USERS.alice.email);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`${OFFICE365}\\??$`));
  await expect(page.getByTestId("account-row")).toHaveCount(2);

  await page.getByRole("button", { name: `Remove ${USERS.alice.email}` }).click();
  await submitAndWait(page, "Remove");
  await expect(page.getByTestId("account-removed")).toContainText(`${USERS.alice.email} was removed`);
  await expect(row(page, USERS.alice.email)).toHaveCount(0);
  await expect(page.getByTestId("account-row")).toHaveCount(1);
  expect((await accountRows()).map((account) => account.email)).toEqual([USERS.bob.email]);
  expect(await tokenRowCount()).toBe(1);
  expect(await auditActions()).toContain("office365.account.removed");
});

test("the confirmation form removes the account without JavaScript too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(HUB.admin.email);
  await page.getByLabel("Password").fill(HUB.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await configure(page);
  await microsoft.nextSignIn({ email: USERS.alice.email });
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(row(page, USERS.alice.email)).toBeVisible();
  await page.getByRole("button", { name: `Remove ${USERS.alice.email}` }).click();
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByTestId("account-removed")).toBeVisible();
  expect(await accountRows()).toHaveLength(0);
  await context.close();
});

test("declining consent at Microsoft is explained and nothing is connected", async ({ page }) => {
  await configure(page);
  await page.getByRole("button", { name: "Connect account" }).click();
  await page.getByRole("button", { name: "Decline" }).click();
  await page.waitForURL(/problem=consent_declined/);
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("The account was not connected");
  await expect(summary).toContainText("declined (AADSTS65004)");
  await expect(page.getByTestId("no-accounts")).toBeVisible();
  expect(await accountRows()).toHaveLength(0);
});

test("a forged state or a replayed callback is refused with a clear page, and nothing is stored", async ({ page }) => {
  await page.goto("/jadu/integrations/office365/callback?code=stolen-code&state=forged-state");
  await expect(page.getByTestId("connect-failed-title")).toHaveText("This sign-in link is not valid");
  await expect(page).toHaveTitle(/^Error:/);

  await configure(page);
  let callbackUrl = "";
  page.on("request", (request) => {
    if (request.url().includes("/jadu/integrations/office365/callback")) callbackUrl = request.url();
  });
  await connectAs(page, USERS.alice.email);
  expect(callbackUrl).toContain("state=");
  await microsoft.clearRequests();
  await page.goto(callbackUrl);
  await expect(page.getByTestId("connect-failed-title")).toHaveText("This sign-in link is not valid");
  // The replay never reached Microsoft's token endpoint.
  expect((await microsoft.requests()).filter((request) => request.path.endsWith("/token"))).toHaveLength(0);
  expect(await accountRows()).toHaveLength(1);
});

test("a state started by another administrator is refused", async ({ page, browser }) => {
  await configure(page);
  // Admin one starts connecting; the browser is sent to Microsoft with the state in the URL.
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  const authorizeUrl = page.url();

  await sqlScript(`DELETE FROM "User" WHERE "email" = 'second.admin@example.gov.uk'`);
  const { execFileSync } = await import("node:child_process");
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin.ts", "create", "--email", "second.admin@example.gov.uk", "--password-stdin"], {
    input: "second admin passphrase",
    env: { ...process.env, ...hubEnvironment() },
  });
  const other = await browser.newContext({ ignoreHTTPSErrors: true });
  const otherPage = await other.newPage();
  await signIn(otherPage, { email: "second.admin@example.gov.uk", password: "second admin passphrase" });
  await otherPage.goto(authorizeUrl);
  await otherPage.getByRole("button", { name: `Sign in as ${USERS.alice.email}` }).click();
  await expect(otherPage.getByTestId("connect-failed-title")).toHaveText("This sign-in was started by a different administrator");
  expect(await accountRows()).toHaveLength(0);
  await other.close();
});

test("a wrong client secret flags the settings, and fixing it clears the flag", async ({ page }) => {
  await configure(page, "Azure AD v2.0", "Wrong~secret-value-microsoft-will-refuse-0000");
  await connectAs(page, USERS.alice.email);
  await expect(page.getByTestId("error-summary")).toContainText("Value, not its Secret ID");
  await expect(page.getByTestId("settings-problem")).toContainText("AADSTS7000215");
  expect(await accountRows()).toHaveLength(0);
  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Needs attention");

  await configure(page, "Azure AD v2.0", APPS.multi.secret);
  await expect(page.getByTestId("settings-problem")).toHaveCount(0);
  await connectAs(page, USERS.alice.email);
  await expect(page.getByTestId("account-connected")).toBeVisible();
});

test("an expired access token is renewed silently and the rotated refresh token is stored", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  const accountId = (await accountRows())[0]!.id;
  const before = await storedRefreshToken(accountId);

  await expireStoredAccessTokens();
  await microsoft.clearRequests();
  await row(page, USERS.alice.email).getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText(`Connection works: Microsoft Graph answered for Alice Admin (${USERS.alice.email})`);

  const refreshes = (await microsoft.requests()).filter((request) => request.form.grant_type === "refresh_token");
  expect(refreshes).toHaveLength(1);
  const issued = await microsoft.tokens(USERS.alice.email);
  const after = await storedRefreshToken(accountId);
  expect(after).not.toBe(before);
  expect(after).toBe(issued.refreshTokens.at(-1)?.value);
});

test("a revoked refresh token makes the account Reconnect required, and Reconnect fixes it", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await microsoft.revokeUser(USERS.alice.email, "revoked");
  await expireStoredAccessTokens();

  await row(page, USERS.alice.email).getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("AADSTS50173");
  await page.reload();
  const alice = row(page, USERS.alice.email);
  await expect(alice.getByTestId("account-status")).toContainText("Reconnect required");
  await expect(alice.getByTestId("account-status-reason")).toContainText("revoked");
  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Needs attention");

  await page.goto(OFFICE365);
  await row(page, USERS.alice.email).getByRole("button", { name: "Reconnect" }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  const authorize = (await microsoft.requests()).filter((request) => request.path.endsWith("/authorize")).at(-1);
  expect(authorize?.query.login_hint).toBe(USERS.alice.email);
  await page.getByRole("button", { name: `Sign in as ${USERS.alice.email}` }).click();
  await expect(page.getByTestId("account-connected")).toContainText("is reconnected");
  await expect(row(page, USERS.alice.email).getByTestId("account-status")).toContainText("Connected");
  await row(page, USERS.alice.email).getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("Connection works");
});

test("a permission that was not granted is pointed out", async ({ page }) => {
  await microsoft.updateApp(APPS.multi.clientId, {
    delegatedPermissions: ["User.Read", "Calendars.Read", "Calendars.ReadWrite", "offline_access", "openid", "profile", "email"],
  });
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await expect(row(page, USERS.alice.email).getByTestId("missing-permission")).toContainText("Missing permission Calendars.ReadWrite.Shared");
});

test("tokens never reach the database file, the pages or the server's log in plain text", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await expireStoredAccessTokens();
  await row(page, USERS.alice.email).getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("Connection works");

  const issued = await microsoft.tokens(USERS.alice.email);
  const values = [...issued.accessTokens, ...issued.refreshTokens].map((token) => token.value);
  expect(values.length).toBeGreaterThanOrEqual(4);
  const database = await rawDatabaseText();
  const log = readFileSync(HUB.logFile, "utf8");
  const html = await page.content();
  for (const value of values) {
    expect(database).not.toContain(value);
    expect(log).not.toContain(value);
    expect(html).not.toContain(value);
  }
});

test("without a session, the callback and the connect action refuse", async ({ page, context }) => {
  await configure(page);
  await page.goto(OFFICE365);
  await context.clearCookies();
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();

  const response = await page.request.get("/jadu/integrations/office365/callback?code=abc&state=def", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toContain("/utilities/integrations/office365/connect-failed?reason=signed_out");
  expect(await accountRows()).toHaveLength(0);
});

test("the accounts list, the removal form and the connection error page pass axe (WCAG 2.2 AA)", async ({ page }) => {
  await configure(page);
  await connectAs(page, USERS.alice.email);
  await microsoft.revokeUser(USERS.alice.email, "revoked");
  await expireStoredAccessTokens();
  await row(page, USERS.alice.email).getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("AADSTS50173");
  await page.reload();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: `Remove ${USERS.alice.email}` }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto("/jadu/integrations/office365/callback?state=forged");
  await expect(page.getByTestId("connect-failed-title")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
