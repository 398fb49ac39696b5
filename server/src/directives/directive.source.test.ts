import { describe, expect, it } from 'vitest';
import { anonymous, loginAs, useTestApp } from '../../test/app.ts';
import { makeDirective, makeRoleCast } from '../../test/factories/directives.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

const SOURCE = [
  'KẾ HOẠCH',
  'Triển khai Nghị quyết số 57-NQ/TW',
  '1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu khoa học, hoàn thành trong tháng 10/2025.',
  '2. Ban Quản lý các khu công nghệ cao rà soát quy hoạch, hoàn thành trong quý IV/2025.',
].join('\n');

describe('a directive’s source text for review', () => {
  const world = useTestApp(makeRoleCast);

  it('gives the text and, in reading order, each task’s first line and the bodies still to match', async () => {
    const draft = await makeDirective(world.t.db, {
      number: '05-KH/UBND',
      status: 'draft',
      scope: world.data.hanoi,
      level: 'province',
    });
    await world.t.db.query(sql`UPDATE directives SET source_text = ${SOURCE} WHERE id = ${draft.id}`);
    const second = await makeTask(world.t.db, { directive: draft, lead: [] });
    const first = await makeTask(world.t.db, { directive: draft, lead: [world.data.hanoiDept] });
    await world.t.db.query(sql`UPDATE tasks SET source_line = 3, ref = '1' WHERE id = ${first.id}`);
    await world.t.db.query(sql`UPDATE tasks SET source_line = 4, ref = '2',
      unresolved_bodies = ARRAY['Ban Quản lý các khu công nghệ cao'] WHERE id = ${second.id}`);

    const office = await loginAs(world.t.app, world.data.users.office);
    const res = await office.get(`/api/directives/${draft.id}/source`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      text: SOURCE,
      filename: null,
      issuerSuccessors: [],
      confidence: null,
      tasks: [
        { id: first.id, ref: '1', sourceLine: 3, unresolvedBodies: [], confidence: null, bodySuccessors: {} },
        {
          id: second.id,
          ref: '2',
          sourceLine: 4,
          unresolvedBodies: ['Ban Quản lý các khu công nghệ cao'],
          confidence: null,
          bodySuccessors: {},
        },
      ],
    });
    // The line numbers point into the text: line 3 is the first task's sentence.
    expect(SOURCE.split('\n')[2]).toContain('cơ sở dữ liệu khoa học');

    // A draft is its office's business: another province and the public see nothing there.
    const otherOffice = await loginAs(world.t.app, world.data.users.otherOffice);
    expect((await otherOffice.get(`/api/directives/${draft.id}/source`)).statusCode).toBe(404);
    expect((await anonymous(world.t.app).get(`/api/directives/${draft.id}/source`)).statusCode).toBe(404);
  });

  it('is public once published, and empty for a directive typed in by hand', async () => {
    const typed = await makeDirective(world.t.db, {
      number: '06-KH/UBND',
      status: 'published',
      scope: world.data.hanoi,
    });
    const res = await anonymous(world.t.app).get(`/api/directives/${typed.id}/source`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ text: null, filename: null, issuerSuccessors: [], confidence: null, tasks: [] });
  });
});
