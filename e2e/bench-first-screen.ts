// How fast the built app's first screen is interactive (issue 4: within 2 s on this machine with the
// demo data), then how a list of more than 10,000 tasks pages and filters (a second app with the
// 'large' demo scale, ≈12,000 tasks): the time to each new page and the longest main-thread task while
// doing it (a page that "freezes" shows up there). Run: `npm run bench:web` (starts the apps like the
// browser journeys do) or with E2E_BASE_URL=http://localhost:3000 against a running one (first part only).
// Prints figures; asserts nothing.

import type { TestProject } from 'vitest/node';
import { accounts, DEMO_PASSWORD } from './browser-accounts.ts';
import { launchBrowser } from './chromium.ts';
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

const browser = await launchBrowser();
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

if (!process.env.E2E_BASE_URL) await benchLongList();

/** The central office's task list over the 'large' demo scale: open, page, jump to the end, search. */
async function benchLongList() {
  process.env.DEMO_SCALE = 'large';
  const teardownLarge = await setup({
    provide: (_key: string, value: string) => {
      baseUrl = value;
    },
  } as unknown as TestProject);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 900 } });
    const signed = await context.request.post('/api/auth/login', {
      data: { username: accounts.centralOffice, password: DEMO_PASSWORD },
    });
    if (!signed.ok()) throw new Error(`sign-in failed: ${signed.status()}`);
    // Every main-thread task over 50 ms, from the first byte on.
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const firstRow = () => page.locator('[data-testid="task-table"] tbody tr').first().innerText();
    const total = () => page.getByTestId('task-total').innerText();
    /** Runs `act`, then waits until the first row of the table is another one; returns the ms it took. */
    const timed = async (act: () => Promise<void>) => {
      const before = await firstRow();
      const started = performance.now();
      await act();
      await page.waitForFunction(
        (previous) => {
          const row = document.querySelector('[data-testid="task-table"] tbody tr');
          const table = document.querySelector('[data-testid="task-table"]')?.closest('[style*="opacity"]');
          const settled = !table || (table as HTMLElement).style.opacity !== '0.6';
          return row !== null && (row as HTMLElement).innerText !== previous && settled;
        },
        before,
        { timeout: 30_000 },
      );
      return performance.now() - started;
    };

    let started = performance.now();
    await page.goto('/tasks');
    await page.locator('[data-testid="task-table"] tbody tr').first().waitFor({ timeout: 60_000 });
    const open = performance.now() - started;
    const listed = await total();
    const next: number[] = [];
    for (let i = 0; i < 5; i++) next.push(await timed(() => page.getByLabel('Trang sau').click()));
    const last = await timed(() => page.getByLabel('Trang cuối').click());
    const first = await timed(() => page.getByLabel('Trang đầu').click());
    const search = page.getByRole('textbox', { name: 'Tìm kiếm' });
    await search.click();
    started = performance.now();
    await page.keyboard.type('chuyen doi so', { delay: 40 });
    const typing = performance.now() - started;
    // The search reaches the URL (debounced) and the list shows its answer (no longer dimmed).
    await page.waitForFunction(
      (previous) => {
        const q = new URLSearchParams(location.search).get('q');
        const table = document.querySelector('[data-testid="task-table"]')?.closest('[style*="opacity"]');
        const settled = !table || (table as HTMLElement).style.opacity !== '0.6';
        const shown = document.querySelector('[data-testid="task-total"]')?.textContent;
        return q === 'chuyen doi so' && settled && shown !== previous;
      },
      listed,
      { timeout: 30_000 },
    );
    await page.locator('[data-testid="task-table"] tbody tr').first().waitFor();
    const searched = performance.now() - started - typing;
    const filtered = await total();
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log(`\nLong list (central office, 'large' demo scale), ${baseUrl}:`);
    console.log(`${'tasks listed'.padEnd(44)} ${listed.trim()}`);
    console.log(`${'first page shown'.padEnd(44)} ${ms(open)}`);
    console.log(`${'next page (5 times)'.padEnd(44)} median ${ms(median(next))}  (${next.map(ms).join(', ')})`);
    console.log(`${'jump to the last page / back to the first'.padEnd(44)} ${ms(last)} / ${ms(first)}`);
    console.log(`${'search "chuyen doi so" after the last key'.padEnd(44)} ${ms(searched)}  → ${filtered.trim()}`);
    console.log(
      `${'longest main-thread task, whole session'.padEnd(44)} ${ms(Math.max(0, ...longTasks))}  (${longTasks.length} tasks over 50 ms)`,
    );
    await context.close();
  } finally {
    await browser.close();
    await teardownLarge?.();
  }
}
