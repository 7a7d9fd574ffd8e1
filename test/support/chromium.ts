/**
 * Debian's Chromium for the browser tests (test/browser/), driven by playwright-core: the path
 * `.ci/run` installs it at, and one launch with the flags this machine needs (no sandbox as root,
 * no background traffic: there is no internet beyond the package mirrors).
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
