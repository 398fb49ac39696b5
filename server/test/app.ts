import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app/app.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Db } from '../src/db/db.ts';
import { localStorage } from '../src/storage/storage.ts';
import { createTestDb } from './db.ts';
import { DEMO_PASSWORD, type TestUser } from './factories/accounts.ts';

export interface TestContext {
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The configuration every test app runs with: files under `dataDir`, no demo data, no workers, no logs. */
export function testConfig(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    WORKERS: 'false',
    LOG_LEVEL: 'silent',
    // Signing in with a password alone, whatever the role: the second factor's own tests require it.
    SECOND_FACTOR_REQUIRED_ROLES: '',
    ...env,
  });
}

/** A real app on a fresh database, driven through HTTP with app.inject(). */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { webDist?: string } = {},
): Promise<TestContext> {
  const db = await createTestDb();
  const dataDir = mkdtempSync(join(tmpdir(), 'giamsat-test-'));
  const config = testConfig(dataDir, env);
  const app = await buildApp(
    { db, config, storage: localStorage(join(dataDir, 'files')) },
    {
      logger: false,
      webDist: options.webDist,
    },
  );
  await app.ready();
  return {
    db,
    app,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/**
 * A fresh app for the enclosing describe block (its own beforeAll and afterAll) and what `setup` makes
 * in its database: read `t` and `data` inside tests and hooks, once the block's beforeAll has run.
 */
export function useTestApp<Data = undefined>(
  setup?: (db: Db) => Promise<Data>,
): { readonly t: TestContext; readonly data: Data } {
  let t: TestContext | undefined;
  let data: Data | undefined;
  beforeAll(async () => {
    t = await createTestApp();
    data = await setup?.(t.db);
  });
  afterAll(() => t?.close());
  return {
    get t() {
      return t!;
    },
    get data() {
      return data!;
    },
  };
}

/**
 * A fresh, migrated database (no app) for the enclosing describe block, opened in its beforeAll and
 * closed in its afterAll; use it inside tests and hooks.
 */
export function useTestDb(): Db {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db?.close());
  const open = (): Db => {
    if (!db) throw new Error('useTestDb: the database opens in beforeAll; use it inside tests and hooks');
    return db;
  };
  return {
    get kind() {
      return open().kind;
    },
    query: (sql, params) => open().query(sql, params),
    exec: (sql) => open().exec(sql),
    transaction: (fn) => open().transaction(fn),
    close: async () => {},
  };
}

/** A signed-in browser: carries the session cookie and the CSRF token like the web app does. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function makeClient(app: FastifyInstance, cookie?: string, csrf?: string): Client {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(options.headers ?? {}),
      },
    });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, payload?: unknown) =>
    request({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export const anonymous = (app: FastifyInstance): Client => makeClient(app);

export async function loginAs(
  app: FastifyInstance,
  user: Pick<TestUser, 'username'>,
  browser: { userAgent?: string } = {},
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: DEMO_PASSWORD },
    ...(browser.userAgent ? { headers: { 'user-agent': browser.userAgent } } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login failed for ${user.username}: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'giamsat_session');
  if (!setCookie) throw new Error('no session cookie');
  return makeClient(app, `giamsat_session=${setCookie.value}`, res.json<{ csrfToken: string }>().csrfToken);
}

/**
 * Signing in hashes a password: a file's tests share one session per user. `app` is read at the first
 * sign-in, so the helper can be made before `beforeAll` builds the app.
 */
export function sessions(app: () => FastifyInstance): (user: Pick<TestUser, 'username'>) => Promise<Client> {
  const clients = new Map<string, Promise<Client>>();
  return (user) => {
    let client = clients.get(user.username);
    if (!client) {
      client = loginAs(app(), user);
      clients.set(user.username, client);
    }
    return client;
  };
}

export interface MultipartFile {
  filename: string;
  bytes: Buffer;
  contentType?: string;
  field?: string;
}

/**
 * A multipart/form-data body as a browser would send it: the plain fields first (a server reading the
 * first file sees the fields sent before it), then the files.
 */
export function multipart(
  files: MultipartFile[],
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----giamsat${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
