import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/actions";
import { resetOffice365 } from "./support/database";
import { HUB } from "./support/hub";
import { callAction } from "./support/server-actions";
import { axeViolations } from "./support/axe";

test("the health check answers without a session and shows nothing secret", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", ready: true, checks: { database: "ok", migrations: "current" }, pendingMigrations: [] });
  // Readiness, for load balancers: every migration this code expects is applied.
  expect((await request.get("/api/health?ready")).status()).toBe(200);
});

test("every response carries the security headers, and pages a nonce-only script policy", async ({ page, request }) => {
  for (const path of ["/signin", "/api/health", "/utilities/integrations"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-request-id"], path).toMatch(/^[0-9a-f-]{36}$/);
  }

  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/signin");
  const policy = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  // Every inline script Next.js wrote carries this request's nonce; a second request gets a different one.
  const inline = await page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((script) => script.nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.every((value) => value === nonce)).toBe(true);
  const again = (await request.get("/signin")).headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
  // The page is interactive (hydrated) under the policy, without violations.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  expect(violations).toEqual([]);
});

test("answers are compressed: Brotli for browsers, gzip for clients that only take gzip, server actions included", async ({ page, request }) => {
  const page1 = await request.get("/signin", { headers: { "Accept-Encoding": "gzip" } });
  expect(page1.headers()["content-encoding"]).toBe("gzip");
  const html = await page1.text();
  expect(html).toContain("Sign in");
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  const browser = { "Accept-Encoding": "gzip, deflate, br, zstd" };
  expect((await request.get("/signin", { headers: browser })).headers()["content-encoding"]).toBe("br");
  const bundle = await request.get(script!, { headers: browser });
  expect(bundle.headers()["content-encoding"]).toBe("br");
  expect((await bundle.body()).length).toBeGreaterThan(1000);
  // Nothing is compressed for a client that did not ask.
  expect((await request.get("/signin", { headers: { "Accept-Encoding": "identity" } })).headers()["content-encoding"]).toBeUndefined();

  await signIn(page);
  const answer = await callAction<{ ok: boolean }>(page.request, HUB.url, { file: "app/actions/calendar.ts", name: "listResources" }, {});
  expect(answer.result.ok).toBe(true);
  expect(answer.encoding).toBe("br");
});

test("the server's log is one JSON object per line, each request with its id, and no credentials", async ({ request }) => {
  const response = await request.get("/signin?callbackUrl=%2Futilities&code=not-for-logs");
  const requestId = response.headers()["x-request-id"];
  await expect
    .poll(() => readFileSync(HUB.logFile, "utf8"))
    .toContain(requestId);
  const lines = readFileSync(HUB.logFile, "utf8").split("\n").filter((line) => line.trim() !== "");
  expect(lines.length).toBeGreaterThan(5);
  for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  const entry = lines.map((line) => JSON.parse(line)).find((candidate) => candidate.requestId === requestId);
  expect(entry).toMatchObject({ msg: "request", method: "GET", path: "/signin" });
  const log = lines.join("\n");
  expect(log).not.toContain("not-for-logs");
  expect(log).not.toContain(HUB.admin.password);
});

test.describe("accessibility (axe, WCAG 2.2 AA)", () => {

  test("sign-in page, also with errors", async ({ page }) => {
    await page.goto("/signin");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test("integrations hub and Office 365 page, also with errors", async ({ page }) => {
    await resetOffice365();
    await signIn(page);
    await page.goto("/utilities/integrations");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto("/utilities/integrations/office365");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
