import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Deadlines live in Asia/Ho_Chi_Minh: dates are judged there, so tests run there too.
    env: { TZ: 'Asia/Ho_Chi_Minh' },
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'server/test/**/*.test.ts',
    ],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
