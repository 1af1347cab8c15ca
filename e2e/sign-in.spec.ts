import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/actions";
import { sql, sqlScript } from "./support/database";
import { HUB, hubEnvironment } from "./support/hub";

test.describe("Signing in to the hub", () => {
  test("a signed-out visitor is sent to sign in, and back to the page they wanted", async ({ page }) => {
    await page.goto("/utilities/integrations/office365");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Futilities%2Fintegrations%2Foffice365/);
    await expect(page).toHaveTitle("Sign in – Integrations Hub");
    await signIn(page);
    await expect(page).toHaveURL(/\/utilities\/integrations\/office365$/);
    await expect(page.getByRole("heading", { level: 1, name: "Office 365" })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toContainText(HUB.admin.email);
  });

  test("a wrong password is refused without saying whether the address exists", async ({ page }) => {
    await page.goto("/signin");
    await signIn(page, { email: HUB.admin.email, password: "not the password" }, { expectSuccess: false });
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("There is a problem");
    await expect(summary).toContainText("The email address or password is incorrect");
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await expect(page.getByLabel("Email")).toHaveValue(HUB.admin.email);

    await page.getByLabel("Email").fill("nobody@example.gov.uk");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("The email address or password is incorrect");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test("failures are counted against the connection's address, not one the client wrote in X-Forwarded-For", async ({ page }) => {
    const forged = "198.51.100.77";
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": forged, "X-Real-IP": forged });
    await page.goto("/signin");
    await signIn(page, { email: "forger@example.gov.uk", password: "not the password" }, { expectSuccess: false });
    await expect(page.getByTestId("error-summary")).toContainText("The email address or password is incorrect");
    const keys = (await sql<{ key: string }>(`SELECT "key" FROM "SignInThrottle"`)).map((row) => row.key);
    expect(keys.filter((key) => key.includes(forged))).toEqual([]);
    expect(keys).toContainEqual(expect.stringMatching(/^client:(::ffff:)?127\.0\.0\.1$|^client:::1$/));
  });

  test("empty fields are named", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter an email address");
    await expect(page.getByTestId("error-summary")).toContainText("Enter your password");
  });

  test("repeated failures slow down and then refuse, even with the right password", async ({ page }) => {
    test.setTimeout(120_000);
    const email = "lockout@example.gov.uk";
    const password = "the right passphrase 42";
    execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin.ts", "create", "--email", email, "--role", "admin", "--password-stdin"], {
      input: password,
      env: { ...process.env, ...hubEnvironment() },
    });

    await page.goto("/signin");
    const timings: number[] = [];
    for (let attempt = 1; attempt <= 9; attempt++) {
      const started = Date.now();
      await signIn(page, { email, password: `wrong ${attempt}` }, { expectSuccess: false });
      await expect(page.getByTestId("error-summary")).toContainText("The email address or password is incorrect");
      timings.push(Date.now() - started);
    }
    // From the fourth failure on, each answer is held back (half a second more each time).
    expect(timings[8]).toBeGreaterThan(2_500);

    await signIn(page, { email, password: "wrong 10" }, { expectSuccess: false });
    await expect(page.getByTestId("error-summary")).toContainText("too many failed attempts to sign in");

    await signIn(page, { email, password }, { expectSuccess: false });
    await expect(page.getByTestId("error-summary")).toContainText("Try again in 15 minutes");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test.afterAll(async () => {
    // The failures above also count against this machine's address; later journeys start afresh.
    await sqlScript(`DELETE FROM "SignInThrottle"`);
  });

  test("the session cookie is httpOnly and SameSite=Lax, and signing out ends access", async ({ page, context }) => {
    await signIn(page);
    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith("authjs.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out")).toBeVisible();
    await page.goto("/utilities/integrations");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the sign-in page does not redirect to other sites", async ({ page }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
    await signIn(page);
    await expect(page).toHaveURL(`${HUB.url}/utilities/integrations`);
  });
});
