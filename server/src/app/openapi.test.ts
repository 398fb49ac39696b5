import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext } from '../../test/app.ts';

interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  components: {
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
    schemas: Record<string, unknown>;
  };
  paths: Record<string, Record<string, Operation>>;
}

const SAFE = new Set(['get', 'head', 'options']);

const SIGN_IN_STEPS = new Set([
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'POST /api/auth/login/second-factor/enrolment',
]);

describe('the OpenAPI document', () => {
  let t: TestContext;
  let doc: Document;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const res = await anonymous(t.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI document, by a third-party validator', async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares the session cookie and the CSRF header, and applies them to every operation', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.csrf).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    );
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    for (const { name, method, op } of ops) {
      // Signing in, and its second-factor step, come before any session (nor its CSRF token).
      if (SIGN_IN_STEPS.has(name)) {
        expect(op.security, name).toEqual([]);
        continue;
      }
      // A change made with a session needs its CSRF token too; a read may be anonymous (public data).
      const needs = SAFE.has(method) ? { session: [] } : { session: [], csrf: [] };
      expect(op.security, name).toContainEqual(needs);
    }
  });

  it('documents every operation’s 4xx answers with the one shared error schema', () => {
    const shared = '#/components/schemas/ErrorResponse';
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ properties: { code: { type: 'string' } } });
    for (const { name, op } of operations()) {
      const refusals = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      expect(
        refusals.map(([status]) => status),
        name,
      ).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
      for (const [status, answer] of refusals) {
        expect(answer.content?.['application/json']?.schema.$ref, `${name} ${status}`).toBe(shared);
      }
    }
    expect(Object.keys(doc.paths['/api/auth/login']!.post!.responses)).toContain('429');
  });

  it('gives upload operations a multipart request body naming their file fields', () => {
    for (const [path, field] of [
      ['/api/imports', 'file'],
      ['/api/reports/{id}/evidence', 'file'],
    ] as const) {
      const form = doc.paths[path]?.post?.requestBody?.content['multipart/form-data'];
      expect(form, path).toBeDefined();
      expect(JSON.stringify(form?.schema.properties?.[field]), path).toContain('"format":"binary"');
    }
  });
});
