import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../scripts/build.mjs';
import { builtServerArgs } from '../scripts/build-server.mjs';
import { startMailbox } from './mailbox.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the journeys' SMTP server keeps the mails the app sent (absent with E2E_BASE_URL). */
    mailDir: string | undefined;
  }
}

const root = new URL('..', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`the server exited (code ${server.exitCode}) before it was ready`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the server did not answer ${url}/api/health within ${timeoutMs / 1000}s`);
}

/** Starts the app as `npm start` does — built web app, built server, fresh database, demo data — on a free port. */
export default async function setup(project: TestProject) {
  // Screenshots of this run only (a -failed.png of an earlier run would mislead).
  rmSync(join(root, 'test-results', 'e2e'), { recursive: true, force: true });
  // While writing journeys: E2E_BASE_URL=http://localhost:3000 reuses a server already running.
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL);
    project.provide('mailDir', undefined);
    return;
  }
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The app mails through a real SMTP server the journeys read (an invitation's link, …).
  const mailDir = mkdtempSync(join(tmpdir(), 'giamsat-e2e-mail-'));
  const mailbox = await startMailbox(mailDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: 'Asia/Ho_Chi_Minh',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    // The journeys sign offices in with a password alone; sso.e2e.test.ts starts its own server
    // with the second factor required of administrators and offices, as in production.
    SECOND_FACTOR_REQUIRED_ROLES: '',
    SMTP_URL: mailbox.url,
    APP_URL: baseUrl,
  };
  // The embedded database, always: journeys start from a fresh one.
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, builtServerArgs, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    await waitForHealth(baseUrl, server, 240_000);
  } catch (error) {
    server.kill('SIGKILL');
    await mailbox.close();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);

  return async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
      setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
    });
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  };
}
