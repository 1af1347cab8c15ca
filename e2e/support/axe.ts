import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * What axe finds against WCAG 2.2 AA on the page as it is now. First waits for the page's title: after a client-side
 * navigation Next.js sets it with the new page's metadata a moment after the content, and axe read in between would
 * report a document without one.
 */
export async function axeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  return (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze()).violations;
}
