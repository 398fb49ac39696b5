import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { AppError } from '../errors/app-error.ts';
import { defineJob, drainJobs, enqueueJob, runNextJob } from './job.service.ts';

describe('background jobs', () => {
  let t: TestContext;
  const seen: string[] = [];
  const greet = defineJob({
    kind: 'test.greet',
    payload: z.object({ name: z.string() }),
    maxAttempts: 3,
    async run(ctx, payload) {
      await ctx.progress(50, 'đang chào');
      seen.push(payload.name);
      if (payload.name === 'lỗi') throw new AppError('GREETING_REFUSED');
      if (payload.name === 'tạm lỗi') throw new Error('mạng chập chờn');
      return { greeting: `Xin chào ${payload.name}` };
    },
  });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('runs a job once, stores its result, and its creator can read the progress over HTTP', async () => {
    const agency = await makeAgency(t.db);
    const user = await makeUser(t.db, { role: 'office', agency });
    const client = await loginAs(t.app, user);
    const actor = {
      kind: 'user' as const,
      userId: user.id,
      role: 'office' as const,
      agencyId: agency.id,
      agencyPath: agency.path,
      scopeAgencyId: null,
      scopePath: null,
    };
    const job = await enqueueJob(t.db, actor, greet, { name: 'Hà Nội' });
    expect((await client.get(`/api/jobs/${job.id}`)).json()).toMatchObject({ state: 'queued', progress: 0 });
    expect(await drainJobs(t.app.ctx, [greet])).toBe(1);
    const done = (await client.get(`/api/jobs/${job.id}`)).json();
    expect(done).toMatchObject({ state: 'succeeded', progress: 100, result: { greeting: 'Xin chào Hà Nội' } });
    expect(await runNextJob(t.app.ctx, [greet])).toBe(false);

    const stranger = await makeUser(t.db, { role: 'focal', agency });
    expect((await (await loginAs(t.app, stranger)).get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
  });

  it('fails for good on a known refusal, and retries a passing fault later', async () => {
    const refused = await enqueueJob(t.db, { kind: 'system' }, greet, { name: 'lỗi' });
    const flaky = await enqueueJob(t.db, { kind: 'system' }, greet, { name: 'tạm lỗi' });
    await drainJobs(t.app.ctx, [greet]);
    const rows = await t.db.query<{ id: number; state: string; error: { code: string } }>(
      'SELECT id, state, error FROM jobs WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[refused.id, flaky.id]],
    );
    expect(rows.map((r) => [r.state, r.error.code])).toEqual([
      ['failed', 'GREETING_REFUSED'],
      ['queued', 'JOB_FAILED'],
    ]);
  });
});
