import { DateTime } from "luxon";
import { expect, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

/** Steps of the booking journeys on /bookings, as staff take them. */
export const ZONE = "Europe/London";

/** From the list of resources to one resource's day, through the date input. */
export async function openDay(page: Page, resource: string, date: string) {
  await page.goto("/bookings");
  await page.getByRole("link", { name: resource, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: resource })).toBeVisible();
  const [year, month, day] = date.split("-");
  const which = page.getByRole("group", { name: "Date", exact: true });
  await which.getByLabel("Day", { exact: true }).fill(String(Number(day)));
  await which.getByLabel("Month", { exact: true }).fill(String(Number(month)));
  await which.getByLabel("Year", { exact: true }).fill(year!);
  await page.getByRole("button", { name: "Show times" }).click();
  await expect(page.getByRole("heading", { level: 2, name: DateTime.fromISO(date).toFormat("cccc d MMMM yyyy") })).toBeVisible();
}

/** WCAG 2.2 AA by axe, and nothing wider than the window (390 px phones included). */
export async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}
