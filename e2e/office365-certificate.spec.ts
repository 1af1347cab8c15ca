import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { decrypt } from "../lib/crypto";
import { generateCertificate } from "../lib/integrations/office365/certificate";
import { parseEncryptionKey } from "../lib/secrets";
import { signIn, submitAndWait } from "./support/actions";
import { office365SettingsRow, rawDatabaseText, resetOffice365 } from "./support/database";
import { APPS, USERS, microsoft } from "./support/emulator";
import { HUB, hubSecrets } from "./support/hub";

/**
 * A hardened tenant: the app management policy forbids client secrets, so the hub signs its token requests with a
 * certificate. The admin makes it in the hub, uploads it in Entra (here: the emulator's control API, as they would in
 * Certificates & secrets), and connects an account with it.
 */
const OFFICE365 = "/utilities/integrations/office365";

async function fillAppRegistration(page: Page) {
  await page.goto(OFFICE365);
  await page.getByLabel("Client ID").fill(APPS.multi.clientId);
  await page.getByLabel("A certificate", { exact: true }).check();
  await page.getByLabel("Azure AD v2.0", { exact: true }).check();
  await page.getByLabel("Tenant").fill("organizations");
}

/** The private key as stored, decrypted with the hub's key, as only the hub can. */
async function storedPrivateKey(): Promise<string> {
  const sealed = String((await office365SettingsRow())?.certificatePrivateKey);
  return decrypt(sealed, "office365.settings.certificatePrivateKey", parseEncryptionKey(hubSecrets().encryptionKey));
}

test.beforeEach(async ({ page }) => {
  await resetOffice365();
  await microsoft.reset();
  await microsoft.forbidSecrets(APPS.multi.clientId);
  await signIn(page);
});

test("an admin generates a certificate, uploads it to the app registration, and connects an account with it", async ({ page, request }) => {
  await fillAppRegistration(page);
  // Only the chosen credential's fields are shown.
  await expect(page.getByLabel("Client secret", { exact: true })).toBeHidden();
  await submitAndWait(page, "Generate a key pair and certificate");
  await expect(page.getByTestId("settings-saved")).toContainText("Credential");
  await expect(page.getByTestId("certificate-generated")).toContainText("upload it to Microsoft Entra now");
  const thumbprint = (await page.getByTestId("certificate-thumbprint").textContent())?.trim() ?? "";
  expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
  await expect(page.getByTestId("saved-certificate")).toContainText(`CN=Integrations Hub localhost:${HUB.port}`);

  // The public certificate, downloaded as the admin would, is the one whose thumbprint the page shows.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the certificate (.pem)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`integrations-hub-${thumbprint.slice(0, 8).toLowerCase()}.pem`);
  const pem = readFileSync((await download.path())!, "utf8");
  expect(pem).not.toContain("PRIVATE KEY");
  expect(new X509Certificate(pem).fingerprint.replaceAll(":", "")).toBe(thumbprint);

  // Certificates & secrets > Upload certificate: Entra lists it under the same thumbprint.
  expect((await microsoft.uploadCertificate(APPS.multi.clientId, pem)).thumbprint).toBe(thumbprint);

  await page.getByRole("button", { name: "Connect account" }).click();
  await page.getByRole("button", { name: `Sign in as ${USERS.alice.email}` }).click();
  await page.waitForURL(/\/utilities\/integrations\/office365\?/);
  await expect(page.getByTestId("account-connected")).toContainText(`${USERS.alice.email} is connected`);
  await expect(page.getByTestId("certificate-thumbprint")).toHaveText(thumbprint);
  await expect(page.getByTestId("saved-certificate")).toContainText("Certificate in use");

  const tokenRequest = (await microsoft.requests()).find((logged) => logged.path.endsWith("/oauth2/v2.0/token"));
  expect(tokenRequest?.status).toBe(200);
  expect(tokenRequest?.form).not.toHaveProperty("client_secret");
  expect(decodeJwt(tokenRequest!.form.client_assertion!)).toMatchObject({ iss: APPS.multi.clientId, sub: APPS.multi.clientId });

  // The private key never leaves the server: not in the page, its RSC payload, the log, or the database file.
  const keyLines = (await storedPrivateKey()).split("\n").slice(1, 4);
  const html = await page.content();
  const flight = await (await page.request.get(OFFICE365, { headers: { RSC: "1" } })).text();
  const serverLog = readFileSync(HUB.logFile, "utf8");
  const database = await rawDatabaseText();
  for (const line of keyLines) {
    for (const place of [html, flight, serverLog, database]) expect(place).not.toContain(line);
  }

  // The download checks the session itself: without one (or with a forged cookie) there is no certificate.
  for (const headers of [{}, { Cookie: "authjs.session-token=forged" }] as Record<string, string>[]) {
    const response = await request.get(`${OFFICE365}/certificate`, { headers, maxRedirects: 0 });
    expect([303, 307]).toContain(response.status());
    expect(response.headers().location).toContain("/signin");
  }
});

test("a certificate that expires within 30 days is warned about on the hub and on the Office 365 page", async ({ page }) => {
  const shortLived = await generateCertificate({ commonName: "Integrations Hub e2e", validDays: 10 });
  await fillAppRegistration(page);
  await page.getByLabel("Private key", { exact: true }).fill(shortLived.privateKeyPem);
  // Uploaded as a binary .cer, as Windows exports it.
  await page.getByLabel("Or upload the certificate file").setInputFiles({
    name: "hub.cer",
    mimeType: "application/pkix-cert",
    buffer: new X509Certificate(shortLived.certificatePem).raw,
  });
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("settings-saved")).toContainText("Certificate");

  await page.goto("/utilities/integrations");
  const listWarning = page.getByTestId("integration-warning");
  await expect(listWarning).toContainText(/The Office 365 certificate expires in (9|10) days/);
  await expect(listWarning).toContainText("no account can be connected");
  await expect(listWarning).toContainText("Generate a key pair and certificate");
  await expect(page.getByTestId("integration-office365").getByTestId("status")).toHaveText("Configured");

  await page.goto(OFFICE365);
  const warning = page.getByTestId("secret-expiry-warning");
  await expect(warning).toContainText(/The Office 365 certificate expires in (9|10) days/);
  await expect(warning).toContainText("Certificates & secrets > Certificates > Upload certificate");

  // The secret is not what is in use: switching to it (with one entered) drops the certificate warning.
  await page.getByLabel("A client secret", { exact: true }).check();
  await page.getByLabel("Client secret", { exact: true }).fill("Xy7Q~e2e.Client-Secret-Value-0123456789abcd");
  await submitAndWait(page, "Save");
  await expect(page.getByTestId("settings-saved")).toContainText("Credential, Client secret");
  await expect(page.getByTestId("secret-expiry-warning")).toHaveCount(0);
  // The certificate is kept for switching back.
  await expect(page.getByTestId("saved-certificate")).toContainText("not in use");
});

test("a private key and a certificate that do not belong together are refused beside the field, and nothing is saved", async ({ page }) => {
  const [mine, someoneElses] = await Promise.all([generateCertificate({ commonName: "Mine" }), generateCertificate({ commonName: "Someone else" })]);
  await fillAppRegistration(page);
  await page.getByLabel("Client ID").fill("not a client id");
  await page.getByLabel("Private key", { exact: true }).fill(mine.privateKeyPem);
  await page.getByLabel("Certificate", { exact: true }).fill(someoneElses.certificatePem);
  await submitAndWait(page, "Save");

  const summary = page.getByTestId("error-summary");
  await expect(summary.getByRole("link")).toHaveText([
    /^Client ID must be the Application \(client\) ID/,
    /^This certificate does not belong to the private key/,
  ]);
  await expect(page.locator("#certificate-error")).toContainText("its public key is different");
  expect(await office365SettingsRow()).toBeUndefined();
  // The certificate is there to correct; the private key is never sent back to the browser.
  expect((await page.getByLabel("Certificate", { exact: true }).inputValue()).trim()).toBe(someoneElses.certificatePem.trim());
  await expect(page.getByLabel("Private key", { exact: true })).toHaveValue("");
});
