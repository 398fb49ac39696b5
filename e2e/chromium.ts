import { type Browser, chromium } from 'playwright-core';

// Apart from browser.ts (which needs the test runner) so that the benchmark scripts can launch it too.

/** Debian's Chromium (never a downloaded browser), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
