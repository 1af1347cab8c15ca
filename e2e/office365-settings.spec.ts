import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { VALID_SETTINGS, saveOffice365Settings, signIn } from "./support/actions";
import { office365SettingsRow, rawDatabaseText, resetOffice365, setSecretExpiry } from "./support/database";
import { HUB } from "./support/hub";

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await signIn(page);
});

test("an admin saves the app registration's details and the secret is never shown again", async ({ page }) => {
  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Not configured");
  await page.getByRole("link", { name: "Office365" }).click();
  await expect(page).toHaveURL(/\/utilities\/integrations\/office365$/);
  await expect(page.getByRole("button", { name: "Connect account" })).toHaveCount(0);
  await expect(page.getByLabel("Tenant")).toHaveValue("organizations");

  await saveOffice365Settings(page, { ...VALID_SETTINGS, expiresOn: "2028-01-31" });
  await expect(page.getByTestId("settings-saved")).toContainText("Office 365 settings saved");
  await expect(page.getByRole("button", { name: "Connect account" })).toBeVisible();
  await expect(page.getByTestId("last-change")).toContainText(`Last changed by ${HUB.admin.email}`);
  await expect(page.getByTestId("last-change")).toContainText("Client ID, Client secret, Azure AD version");

  // Reloaded: values come back from the server, the secret does not.
  await page.reload();
  await expect(page.getByLabel("Client ID")).toHaveValue(VALID_SETTINGS.clientId);
  await expect(page.getByLabel("Azure AD v2.0", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Client secret expires on")).toHaveValue("2028-01-31");
  await expect(page.getByLabel("Client secret", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("secret-saved")).toContainText("A client secret was saved on");
  const html = await page.content();
  expect(html).not.toContain(VALID_SETTINGS.clientSecret);
  const flightResponse = await page.request.get("/utilities/integrations/office365", { headers: { RSC: "1" } });
  // Really the React Server Components payload (with the client ID in it), not an HTML page or a redirect.
  expect(flightResponse.headers()["content-type"]).toContain("text/x-component");
  const flight = await flightResponse.text();
  expect(flight).toContain(VALID_SETTINGS.clientId);
  expect(flight).not.toContain(VALID_SETTINGS.clientSecret);

  // Stored encrypted: not in the raw database file, nor in the server's log.
  const row = await office365SettingsRow();
  expect(String(row?.clientSecret)).toMatch(/^enc:v1:/);
  expect(await rawDatabaseText()).not.toContain(VALID_SETTINGS.clientSecret);
  expect(readFileSync(HUB.logFile, "utf8")).not.toContain(VALID_SETTINGS.clientSecret);

  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Configured");
});

test("an empty secret keeps the saved one; a new one replaces it", async ({ page }) => {
  await saveOffice365Settings(page, VALID_SETTINGS);
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  const saved = (await office365SettingsRow())?.clientSecret;

  await saveOffice365Settings(page, { tenant: "yourcouncil.onmicrosoft.com" });
  await expect(page.getByTestId("settings-saved")).toContainText("Changed: Tenant.");
  expect((await office365SettingsRow())?.clientSecret).toBe(saved);

  await saveOffice365Settings(page, { clientSecret: "Replacement~Secret-Value-0987654321zyxwv" });
  await expect(page.getByTestId("settings-saved")).toContainText("Changed: Client secret.");
  expect((await office365SettingsRow())?.clientSecret).not.toBe(saved);
});

const INVALID: { field: string; label: string; form: Parameters<typeof saveOffice365Settings>[1]; message: string }[] = [
  { field: "clientId", label: "Client ID", form: { ...VALID_SETTINGS, clientId: "my app" }, message: "Client ID must be the Application (client) ID" },
  { field: "clientId", label: "Client ID", form: { ...VALID_SETTINGS, clientId: "" }, message: "Enter the client ID" },
  { field: "clientSecret", label: "Client secret", form: { ...VALID_SETTINGS, clientSecret: "" }, message: "Enter the client secret" },
  {
    field: "clientSecret",
    label: "Client secret",
    form: { ...VALID_SETTINGS, clientSecret: "0b5b6d1c-4f87-4b6b-9d0e-3c7a1f2e9a10" },
    message: "This looks like the secret's ID",
  },
  { field: "tenant", label: "Tenant", form: { ...VALID_SETTINGS, tenant: "not a tenant" }, message: "Tenant must be organizations, common, consumers" },
  {
    field: "tenant",
    label: "Tenant",
    form: { ...VALID_SETTINGS, version: "Azure AD", tenant: "consumers" },
    message: "Azure AD (v1.0) cannot sign in personal Microsoft accounts",
  },
];

for (const { field, label, form, message } of INVALID) {
  test(`${label}: "${message}" is shown beside the field and in the summary, and nothing is saved`, async ({ page }) => {
    await saveOffice365Settings(page, form);
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("There is a problem");
    await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", `#${field}`);
    await expect(page.locator(`#${field}-error`)).toContainText(message);
    await expect(page).toHaveTitle(/^Error: Office 365/);
    await expect(summary).toBeFocused();
    expect(await office365SettingsRow()).toBeUndefined();
    // What was typed is still there to correct (except the secret).
    if (form.clientId) await expect(page.getByLabel("Client ID")).toHaveValue(form.clientId);
  });
}

test("a missing Azure AD version and an impossible expiry date are both reported at once", async ({ page }) => {
  await page.goto("/utilities/integrations/office365");
  await page.getByLabel("Client ID").fill(VALID_SETTINGS.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(VALID_SETTINGS.clientSecret);
  // A date the browser's picker cannot produce, as a script or an old browser might send.
  await page.getByLabel("Client secret expires on").evaluate((input: HTMLInputElement) => {
    input.type = "text";
    input.value = "2027-02-30";
  });
  await page.getByRole("button", { name: "Save" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText([
    "Select the Azure AD version: Azure AD or Azure AD v2.0",
    "Client secret expires on must be a real date, like 31 March 2027",
  ]);
  await summary.getByRole("link", { name: /Select the Azure AD version/ }).click();
  await expect(page.getByLabel("Azure AD", { exact: true })).toBeFocused();
  expect(await office365SettingsRow()).toBeUndefined();
});

test("the redirect URI to register is shown with a copy button", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/utilities/integrations/office365");
  const expected = `${HUB.url}/jadu/integrations/office365/callback`;
  await expect(page.getByTestId("redirect-uri")).toHaveValue(expected);
  await page.getByRole("button", { name: "Copy redirect URI" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  await expect(page.getByText("Calendars.ReadWrite.Shared").first()).toBeAttached();
  await expect(page.getByText("AADSTS50194").first()).toBeAttached();
});

test("a client secret near or past its expiry is warned about on the hub and on the Office 365 page", async ({ page }) => {
  await saveOffice365Settings(page, VALID_SETTINGS);
  await expect(page.getByTestId("settings-saved")).toBeVisible();

  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await setSecretExpiry(soon);
  await page.goto("/utilities/integrations");
  const listWarning = page.getByTestId("integration-warning");
  await expect(listWarning).toContainText("The Office 365 client secret expires in");
  await expect(listWarning).toContainText("no account can be connected");
  await expect(listWarning).toContainText("create a new client secret under Certificates & secrets, copy its Value");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Configured");
  await page.goto("/utilities/integrations/office365");
  const warning = page.getByTestId("secret-expiry-warning");
  await expect(warning).toContainText("no account can be connected");
  await expect(warning).toContainText("Certificates & secrets");

  await setSecretExpiry("2020-01-01");
  await page.goto("/utilities/integrations");
  await expect(page.getByTestId("integration-warning")).toContainText("expired on 1 January 2020");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Needs attention");

  await setSecretExpiry(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  await page.goto("/utilities/integrations/office365");
  await expect(page.getByTestId("secret-expiry-warning")).toHaveCount(0);
});

test("a server action refuses a caller whose session has gone, and saves nothing", async ({ page, context }) => {
  await page.goto("/utilities/integrations/office365");
  await page.getByLabel("Client ID").fill(VALID_SETTINGS.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(VALID_SETTINGS.clientSecret);
  await page.getByLabel("Azure AD v2.0", { exact: true }).check();
  await context.clearCookies();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Your session has ended. Sign in again to continue.");
  expect(await office365SettingsRow()).toBeUndefined();
});
