// The whole test suite: every test on the embedded database (PGlite), then the database tests again
// against a real PostgreSQL server (DATABASE_URL, or a temporary one started from Debian's package),
// then the browser journeys. Ends with one line "N passed, N failed" for CI to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTempPostgres } from './pg-temp.mjs';
import { ensureChromium, ensureDocumentTools } from './system-deps.mjs';

const root = new URL('..', import.meta.url).pathname;
const extraArgs = process.argv.slice(2);
const outDir = mkdtempSync(join(tmpdir(), 'giamsat-test-results-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let problems = 0;

function vitest(label, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const outputFile = join(outDir, `${label.replace(/\W+/g, '-')}.json`);
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
      ...args,
      ...extraArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh', ...env } },
  );
  if (!existsSync(outputFile)) {
    console.error(`✗ ${label}: the test runner did not report (exit ${result.status})`);
    problems++;
    return;
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no tests but still fails the run.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  if (brokenFiles.length) {
    for (const file of brokenFiles) console.error(`✗ could not run ${file.name}: ${file.message}`);
    totals.failed += brokenFiles.length;
  }
  if (result.status !== 0 && report.numFailedTests === 0 && brokenFiles.length === 0) problems++;
}

// A run narrowed to browser journeys only (`node scripts/test.mjs e2e/…`) has no database stages.
const onlyBrowser = extraArgs.length > 0 && extraArgs.every((arg) => arg.startsWith('-') || arg.includes('e2e'));
if (!onlyBrowser) {
  // The extraction tests read scanned PDFs and old Word files with Debian's tools (skipped without them).
  ensureDocumentTools();
  vitest('PGlite (embedded)', []);
}

const given = process.env.DATABASE_URL;
const temp = given || onlyBrowser ? null : await startTempPostgres();
const serverUrl = onlyBrowser ? undefined : (given ?? temp?.url);
if (serverUrl) {
  try {
    // Only the server's tests touch a database; a narrowed run (paths given) keeps its own paths.
    vitest('PostgreSQL server', extraArgs.length ? [] : ['server'], { TEST_DATABASE_URL: serverUrl });
  } finally {
    temp?.stop();
  }
} else if (!onlyBrowser) {
  console.error(
    "\n✗ No PostgreSQL server: set DATABASE_URL, or install Debian's postgresql package (run as root to let the suite install it).",
  );
  problems++;
}

// The browser journeys: the app started as `npm start` starts it, driven through Debian's Chromium.
// A run narrowed to some files (`node scripts/test.mjs server/src/tasks`) runs them only if it names e2e.
const runBrowser = extraArgs.length === 0 || extraArgs.some((arg) => arg.includes('e2e'));
const chromium = runBrowser ? ensureChromium() : null;
if (!runBrowser) {
  console.log('\n(browser journeys skipped: the run is narrowed to other files)');
} else if (chromium) {
  vitest('Browser journeys', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  console.error(
    "\n✗ No Chromium for the browser journeys: install Debian's chromium package (run as root to let the suite install it).",
  );
  problems++;
}

console.log(
  `\n${totals.passed} passed, ${totals.failed + problems} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed + problems > 0 ? 1 : 0);
