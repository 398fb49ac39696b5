import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

// PostgreSQL refuses U+0000 in text (a 500 before this guard) and cannot store a lone surrogate: both
// are refused at the edge for every route, with one code the web app translates.
describe('a NUL character or a lone surrogate in any input is refused with 400 before it reaches the database', () => {
  let t: TestContext;
  let admin: Client;
  let agencyId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await makeAgency(t.db);
    agencyId = agency.id;
    admin = await loginAs(t.app, await makeUser(t.db, { role: 'admin', agency }));
  });
  afterAll(() => t.close());

  const expectRefused = (res: { statusCode: number; body: string }, context: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_TEXT', params: { context } });
  };

  it('on every operation of the API: its path parameters, its querystring and its JSON body', async () => {
    const doc = (await anonymous(t.app).get('/api/docs/json')).json<{
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    }>();
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
    );
    let tried = 0;
    for (const op of operations) {
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const bodyFields = Object.keys(op.requestBody?.content['application/json']?.schema?.properties ?? {});
      const url = op.path.replace(/\{[^}]+\}/g, '1');
      const attempts: Array<{ context: string; url: string; payload?: Record<string, string> }> = [];
      if (pathParams.length) attempts.push({ context: 'params', url: op.path.replace(/\{[^}]+\}/g, '%00') });
      if (queryParams.length)
        attempts.push({ context: 'querystring', url: `${url}?${queryParams.map((p) => `${p.name}=%00`).join('&')}` });
      if (bodyFields.length) {
        attempts.push({ context: 'body', url, payload: Object.fromEntries(bodyFields.map((f) => [f, `a${NUL}b`])) });
        attempts.push({
          context: 'body',
          url,
          payload: Object.fromEntries(bodyFields.map((f) => [f, `a${LONE_SURROGATE}b`])),
        });
      }
      for (const attempt of attempts) {
        const res = await admin.request({
          method: op.method as 'GET',
          url: attempt.url,
          ...(attempt.payload ? { payload: attempt.payload } : {}),
        });
        expect(res.statusCode, `${op.method} ${attempt.url}: ${res.body}`).toBe(400);
        expect(res.json(), `${op.method} ${attempt.url}`).toMatchObject({
          code: 'INVALID_TEXT',
          params: { context: attempt.context },
        });
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(50);
  });

  it('where it used to fail with 500: signing in, the task search, a body alias, a pasted import name', async () => {
    expectRefused(
      await anonymous(t.app).post('/api/auth/login', { username: `admin${NUL}`, password: 'mat-khau' }),
      'body',
    );
    expectRefused(await admin.get('/api/tasks?q=s%E1%BB%9F%00'), 'querystring');
    expectRefused(await admin.post(`/api/agencies/${agencyId}/aliases`, { alias: `Sở${NUL}KH` }), 'body');
    expectRefused(
      await admin.post('/api/imports/paste', { text: 'KẾ HOẠCH', filename: `ke-hoach${LONE_SURROGATE}.txt` }),
      'body',
    );
    expectRefused(await admin.get(`/api/agencies/${agencyId}/aliases/x%00`), 'params');
  });

  it('in the name of an uploaded file, for the import and for evidence', async () => {
    const file = { field: 'file', filename: `ke-hoach${NUL}.txt`, bytes: Buffer.from('KẾ HOẠCH') };
    expectRefused(await admin.request({ method: 'POST', url: '/api/imports', ...multipart([file]) }), 'filename');
    expectRefused(
      await admin.request({
        method: 'POST',
        url: '/api/reports/1/evidence',
        ...multipart([{ ...file, field: 'files' }]),
      }),
      'filename',
    );
  });
});
