import { describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { SYSTEM } from '../auth/actor.ts';
import { sql } from '../db/sql.ts';
import { recordEvents } from './events.ts';

interface AuditItem {
  id: number;
  at: string;
  actor: { id: number; username: string; fullName: string } | null;
  entityType: string;
  entityId: number;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

// History has one writer (record_events) and one reader. Whatever path a change takes — a service, a
// report created by the SQL function, a merge moving many tasks at once — its row reads the same way in
// the audit trail and in the task's timeline: who, when, which entity, what action, before and after.
describe('history: every write path leaves the same row', () => {
  const world = useProgressWorld();

  /** The audit trail's rows about one entity, oldest first. */
  async function audit(entityType: string, entityId: number): Promise<AuditItem[]> {
    const res = await world.as('inspector').get(`/api/events?entityType=${entityType}&entityId=${entityId}&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: AuditItem[] }>().items.reverse();
  }

  /** The task's timeline as the office reads it, oldest first. */
  async function timeline(taskId: number) {
    const res = await world.as('office').get(`/api/tasks/${taskId}/history?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json<{ items: (Omit<AuditItem, 'actor'> & { actor: { id: number; name: string } | null })[] }>()
      .items.reverse();
  }

  /** Runs a change and returns the window it ran in, so a row's `at` can be checked against it. */
  async function during<T>(change: () => Promise<T>): Promise<{ result: T; from: number; to: number }> {
    const from = Date.now();
    const result = await change();
    return { result, from, to: Date.now() };
  }

  /** The row every reader gets: the acting user, a moment inside the change, and the entity's facts. */
  function expectRow(
    row: AuditItem | undefined,
    expected: { by: TestUser; window: { from: number; to: number } } & Omit<AuditItem, 'id' | 'at' | 'actor'>,
  ) {
    const { by, window, ...facts } = expected;
    expect(row).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      actor: {
        id: by.id,
        username: by.username,
        fullName: expect.any(String),
        agency: { id: by.agency.id, name: by.agency.name },
      },
      ...facts,
    });
    const at = Date.parse(row!.at);
    expect(at).toBeGreaterThanOrEqual(window.from);
    expect(at).toBeLessThanOrEqual(window.to);
  }

  /** The timeline shows the same row as the audit trail (its actor by name). */
  async function expectOnTimeline(taskId: number, row: AuditItem) {
    const item = (await timeline(taskId)).find((h) => h.id === row.id);
    const { actor, ...facts } = row;
    expect(item).toEqual({ ...facts, actor: { id: actor!.id, name: actor!.fullName } });
  }

  it('a report created through the API (the SQL function create_progress_report)', async () => {
    const { t, w } = world;
    const task = await makeTask(t.db, { directive: w.directive, lead: [w.leadBody], dueDate: '2025-12-31' });
    const lead = world.as('leadFocal');
    const { result: res, ...window } = await during(() =>
      lead.post(`/api/tasks/${task.id}/reports`, {
        percent: 40,
        narrative: 'Đã hoàn thành khảo sát hiện trạng hạ tầng dữ liệu.',
        links: [{ url: 'https://sokhcn.hanoi.gov.vn/khao-sat', title: 'Kết quả khảo sát' }],
        submit: true,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json<{ id: number }>();
    const rows = await audit('progress_report', report.id);
    expect(rows).toHaveLength(1);
    expectRow(rows[0], {
      by: w.users.leadFocal,
      window,
      entityType: 'progress_report',
      entityId: report.id,
      action: 'create',
      before: null,
      after: {
        taskId: task.id,
        agencyId: w.leadBody.id,
        agencyRole: 'lead',
        percent: 40,
        state: 'submitted',
        links: 1,
      },
      reason: null,
    });
    await expectOnTimeline(task.id, rows[0]!);
  });

  it('a task edited through the API (a service)', async () => {
    const { t, w } = world;
    const task = await makeTask(t.db, { directive: w.directive, lead: [w.leadBody], text: 'Bản gốc của nhiệm vụ' });
    const office = world.as('office');
    const { result: res, ...window } = await during(() =>
      office.patch(`/api/tasks/${task.id}`, { version: 1, text: 'Bản đã sửa của nhiệm vụ' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = await audit('task', task.id);
    const edit = rows.find((r) => r.action === 'updated');
    expectRow(edit, {
      by: w.users.office,
      window,
      entityType: 'task',
      entityId: task.id,
      action: 'updated',
      before: expect.objectContaining({ text: 'Bản gốc của nhiệm vụ' }),
      after: expect.objectContaining({ text: 'Bản đã sửa của nhiệm vụ' }),
      reason: null,
    });
    await expectOnTimeline(task.id, edit!);
  });

  it('a body merged into its successor (many rows of one change, one moment, one reason)', async () => {
    const { t, w } = world;
    const merged = await makeAgency(t.db, { name: 'Sở Thông tin và Truyền thông Hà Nội', parent: w.province });
    const successor = await makeAgency(t.db, { name: 'Sở Khoa học và Công nghệ Hà Nội (mới)', parent: w.province });
    const member = await makeUser(t.db, { role: 'focal', agency: merged });
    const tasks = [
      await makeTask(t.db, { directive: w.directive, lead: [merged], dueDate: '2025-12-31' }),
      await makeTask(t.db, { directive: w.directive, lead: [w.leadBody], coordinating: [merged] }),
    ];
    const admin = world.as('admin');
    const reason = 'Quyết định hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ';
    const { result: res, ...window } = await during(() =>
      admin.post(`/api/agencies/${merged.id}/merge`, { successorId: successor.id, mergedOn: '2025-03-01', reason }),
    );
    expect(res.statusCode, res.body).toBe(200);

    const by = w.users.admin;
    const [leadTransfer] = await audit('task', tasks[0]!.id);
    expectRow(leadTransfer, {
      by,
      window,
      entityType: 'task',
      entityId: tasks[0]!.id,
      action: 'assignment_transferred',
      before: { assignments: [{ agencyId: merged.id, role: 'lead' }] },
      after: { assignments: [{ agencyId: successor.id, role: 'lead' }] },
      reason,
    });
    await expectOnTimeline(tasks[0]!.id, leadTransfer!);
    const [coordinatingTransfer] = await audit('task', tasks[1]!.id);
    expectRow(coordinatingTransfer, {
      by,
      window,
      entityType: 'task',
      entityId: tasks[1]!.id,
      action: 'assignment_transferred',
      before: { assignments: expect.arrayContaining([{ agencyId: merged.id, role: 'coordinating' }]) },
      after: { assignments: expect.arrayContaining([{ agencyId: successor.id, role: 'coordinating' }]) },
      reason,
    });
    expectRow((await audit('user', member.id)).at(-1), {
      by,
      window,
      entityType: 'user',
      entityId: member.id,
      action: 'agency_changed',
      before: { agencyId: merged.id },
      after: { agencyId: successor.id },
      reason,
    });
    const summary = { tasksTransferred: 2, usersMoved: 1, childrenReparented: 0 };
    const [mergedRow] = await audit('agency', merged.id);
    expectRow(mergedRow, {
      by,
      window,
      entityType: 'agency',
      entityId: merged.id,
      action: 'merged',
      before: { mergedIntoId: null, mergedOn: null, parentId: w.province.id },
      after: { mergedIntoId: successor.id, mergedOn: '2025-03-01', ...summary },
      reason,
    });
    const [absorbedRow] = await audit('agency', successor.id);
    expectRow(absorbedRow, {
      by,
      window,
      entityType: 'agency',
      entityId: successor.id,
      action: 'absorbed',
      after: { mergedAgencyId: merged.id, mergedOn: '2025-03-01', ...summary, aliasesAdded: [] },
      before: null,
      reason,
    });
    // One change: one moment, stored in the order it was written (tasks, users, then the bodies).
    const ids = [leadTransfer, coordinatingTransfer, mergedRow, absorbedRow].map((r) => r!.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set([leadTransfer, coordinatingTransfer, mergedRow, absorbedRow].map((r) => r!.at)).size).toBe(1);
  });

  it('the bulk form stores rows in the order given, values as written; a change that fails leaves none', async () => {
    const { t, w } = world;
    const task = await makeTask(t.db, { directive: w.directive, lead: [w.leadBody] });
    // Each column travels as an array literal: quotes, braces, commas and the word NULL must come back as written.
    const text = { text: 'Ghi chú "Đà Nẵng" {mục 2}, \\ NULL\n’', parts: [1, null, '}'] };
    await recordEvents(t.db, SYSTEM, [
      { entityType: 'task', entityId: task.id, action: 'updated', after: text },
      { entityType: 'task', entityId: task.id, action: 'updated', before: text, after: [1, 2], reason: 'NULL' },
      { entityType: 'task', entityId: task.id, action: 'updated', before: 'bước "ba"', reason: '{a,b}' },
    ]);
    expect((await audit('task', task.id)).map((r) => [r.actor, r.before, r.after, r.reason])).toEqual([
      [null, null, text, null],
      [null, text, [1, 2], 'NULL'],
      [null, 'bước "ba"', null, '{a,b}'],
    ]);

    // A column short of a value would leave a row without its facts: the writer refuses the call.
    const countRows = async () =>
      (
        await t.db.query<{ n: number }>(
          sql`SELECT count(*) AS n FROM events WHERE entity_type = 'task' AND entity_id = ${task.id}`,
        )
      )[0]!.n;
    const before = await countRows();
    await expect(
      t.db.query(sql`
        SELECT record_events(ARRAY[now(), now()], ARRAY[NULL, NULL]::bigint[], ARRAY['task', 'task'],
                             ARRAY[${task.id}, ${task.id}]::bigint[], ARRAY['updated']::text[],
                             ARRAY[NULL, NULL]::jsonb[], ARRAY[NULL, NULL]::jsonb[], ARRAY[NULL, NULL]::text[])`),
    ).rejects.toThrow(/one value per event/);
    await expect(
      t.db.transaction(async (tx) => {
        await recordEvents(tx, SYSTEM, [{ entityType: 'task', entityId: task.id, action: 'updated' }]);
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await countRows()).toBe(before);
  });
});
