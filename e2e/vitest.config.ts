import { defineConfig } from 'vitest/config';

// The browser journeys: one server started the way `npm start` starts it (fresh data directory, demo
// data), shared by every journey file; each journey drives its own browser context.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    env: { TZ: 'Asia/Ho_Chi_Minh' },
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    // Journeys change shared demo data (reports, reviews): run the files one after another.
    fileParallelism: false,
    pool: 'forks',
  },
});
