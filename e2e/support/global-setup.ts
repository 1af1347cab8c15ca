import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./browser";

/** Fail early, with a useful message, when there is no browser to drive. */
export default async function globalSetup() {
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    await browser.close();
  } catch (error) {
    throw new Error(
      "No Chromium to run the journeys with. Install one (Debian: apt-get install -y chromium; elsewhere: " +
        `npx playwright install chromium) or set CHROMIUM_PATH.\n${(error as Error).message}`,
    );
  }
}
