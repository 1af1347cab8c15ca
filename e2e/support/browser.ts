import { existsSync } from "node:fs";

/**
 * $CHROMIUM_PATH; else Debian's headless shell (package chromium-headless-shell: Chromium without the browser's own
 * windows, as Playwright's own headless browser is); else Debian's full Chromium, which in headless mode still makes
 * its toolbar's pages (two renderer processes per window, about a tenth of the journeys' CPU); else undefined:
 * Playwright's own browser.
 */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((file) => existsSync(file));
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // The hub and the emulator are two sites (http and https): without this, every crossing between them (sign-in,
  // consent) starts a renderer process of its own.
  "--disable-site-isolation-trials",
];
