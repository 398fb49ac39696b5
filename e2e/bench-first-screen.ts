// How fast the built app's first screen is interactive (issue 4: within 2 s on this machine with the
// demo data). Run: `npx tsx e2e/bench-first-screen.ts` (starts the app like the browser journeys do) or
// with E2E_BASE_URL=http://localhost:3000 against a running one. Prints figures; asserts nothing.

import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { accounts, DEMO_PASSWORD } from './browser-accounts.ts';
import setup from './global-setup.ts';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

let baseUrl = '';
const teardown = await setup({
  provide: (_key: string, value: string) => {
    baseUrl = value;
  },
} as unknown as TestProject);

const browser = await chromium.launch({
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
const signInForm: number[] = [];
const officeDashboard: number[] = [];
const focalTasks: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A new context each run: no cache, as on a first visit.
    const anonymous = await browser.newContext({ baseURL: baseUrl });
    const page = await anonymous.newPage();
    let started = performance.now();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    signInForm.push(performance.now() - started);
    await anonymous.close();

    for (const [username, list, ready] of [
      [accounts.centralOffice, officeDashboard, 'dashboard-totals'],
      [accounts.ministryFocal, focalTasks, 'task-table'],
    ] as const) {
      const context = await browser.newContext({ baseURL: baseUrl });
      const signed = await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
      if (!signed.ok()) throw new Error(`sign-in of ${username} failed: ${signed.status()}`);
      const home = await context.newPage();
      started = performance.now();
      await home.goto('/');
      await home
        .getByTestId(ready)
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          await home.screenshot({ path: '/tmp/bench-failed.png' });
          throw error;
        });
      list.push(performance.now() - started);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await teardown?.();
}

const line = (label: string, values: number[]) =>
  console.log(
    `${label.padEnd(44)} median ${(median(values) / 1000).toFixed(2)} s  (runs: ${values.map((v) => (v / 1000).toFixed(2)).join(', ')})`,
  );
console.log(`\nFirst screen interactive, cold cache, ${baseUrl}:`);
line('sign-in form', signInForm);
line('central office → national dashboard', officeDashboard);
line('ministry focal point → "Việc của tôi"', focalTasks);
