import { expect, type Page } from "@playwright/test";
import { HUB } from "./hub";

/**
 * Presses a form's button and waits for the server's answer. React resets a form when its action completes, so
 * typing into the next attempt before the answer arrives would be wiped.
 */
export async function submitAndWait(page: Page, button: string) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: button, exact: true }).click();
  await answered;
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, { email, password } = HUB.admin, { expectSuccess = true } = {}) {
  if (!page.url().includes("/signin")) await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await submitAndWait(page, "Sign in");
  if (expectSuccess) await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The answer has arrived, but React applies it (and resets the form, emptying the password) a moment later: wait
  // for that, so that the next attempt's typing is not wiped by this one's reset.
  else await expect(page.getByLabel("Password")).toHaveValue("");
}

export type Office365Form = {
  clientId?: string;
  clientSecret?: string;
  version?: "Azure AD" | "Azure AD v2.0";
  tenant?: string;
  cloud?: "Global" | "US Government (GCC High)" | "US Government (DoD)" | "China (21Vianet)";
  expiresOn?: string;
};

/** Fills the Office 365 settings form by its labels and presses Save. */
export async function saveOffice365Settings(page: Page, form: Office365Form) {
  await page.goto("/utilities/integrations/office365");
  if (form.clientId !== undefined) await page.getByLabel("Client ID").fill(form.clientId);
  if (form.clientSecret !== undefined) await page.getByLabel("Client secret", { exact: true }).fill(form.clientSecret);
  if (form.version) await page.getByLabel(form.version, { exact: true }).check();
  if (form.tenant !== undefined) await page.getByLabel("Tenant").fill(form.tenant);
  if (form.cloud) await page.getByLabel(form.cloud, { exact: true }).check();
  if (form.expiresOn !== undefined) await page.getByLabel("Client secret expires on").fill(form.expiresOn);
  await submitAndWait(page, "Save");
}

export const VALID_SETTINGS = {
  clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
  clientSecret: "Xy7Q~e2e.Client-Secret-Value-0123456789abcd",
  version: "Azure AD v2.0",
  tenant: "organizations",
  cloud: "Global",
} satisfies Office365Form;
