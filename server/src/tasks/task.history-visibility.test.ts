import { describe, expect, it } from 'vitest';
import { multipart } from '../../test/app.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';

interface HistoryItem {
  entityType: string;
  entityId: number;
  action: string;
  after: unknown;
  reason: string | null;
  actor: { id: number; name: string } | null;
}

// A task's history gathers the events of its reports: it must show of them only what the reader may see
// of the reports themselves — the public the accepted ones, a body no other body's drafts.
describe("a task's history shows only the reports its reader may see", () => {
  const world = useProgressWorld();

  async function scenario() {
    const { t, w, as } = world;
    const task = await makeTask(t.db, {
      directive: w.directive,
      lead: [w.leadBody],
      coordinating: [w.coordinatingBody],
      dueDate: '2026-12-31',
    });
    const lead = as('leadFocal');
    const office = as('office');
    // A lead report, returned with a comment, fixed (with a file) and accepted.
    const accepted = (
      await lead.post(`/api/tasks/${task.id}/reports`, {
        percent: 30,
        narrative: 'Đã khảo sát hiện trạng.',
        submit: true,
      })
    ).json().id;
    expect((await office.post(`/api/reports/${accepted}/review`, { decision: 'accept' })).statusCode).toBe(200);
    // A second lead report returned with a reviewer's comment, then edited as a draft would be.
    const returned = (
      await lead.post(`/api/tasks/${task.id}/reports`, {
        percent: 45,
        narrative: 'Đã nghiệm thu giai đoạn một.',
        submit: true,
      })
    ).json().id;
    const comment = 'Số liệu chưa khớp biên bản nghiệm thu, đề nghị bổ sung.';
    expect((await office.post(`/api/reports/${returned}/review`, { decision: 'return', comment })).statusCode).toBe(
      200,
    );
    const evidence = await lead.request({
      method: 'POST',
      url: `/api/reports/${returned}/evidence`,
      ...multipart([{ filename: 'bien-ban-nghiem-thu.pdf', bytes: samplePdf() }]),
    });
    expect(evidence.statusCode, evidence.body).toBe(201);
    // The coordinating body's draft, never submitted.
    const draft = (
      await as('coordinatingFocal').post(`/api/tasks/${task.id}/reports`, {
        percent: 62,
        narrative: 'Đang tổng hợp số liệu.',
      })
    ).json().id;
    expect(
      (await lead.post(`/api/tasks/${task.id}/extensions`, { requestedDue: '2027-03-31', reason: 'Chờ kinh phí' }))
        .statusCode,
    ).toBe(201);
    return { task, accepted, returned, draft, comment };
  }

  const historyOf = async (role: Parameters<typeof world.as>[0], taskId: number) => {
    const res = await world.as(role).get(`/api/tasks/${taskId}/history?limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: HistoryItem[] }>().items;
  };

  it('the public sees the history of accepted reports only: no comments, drafts, files or requests', async () => {
    const { task, accepted, comment } = await scenario();
    const items = await historyOf('public', task.id);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect([item.entityType, item.entityId]).toEqual(['progress_report', accepted]);
    const text = JSON.stringify(items);
    expect(text).not.toContain(comment);
    expect(text).not.toContain('bien-ban-nghiem-thu');
    expect(text).not.toContain('Chờ kinh phí');
  });

  it("a body does not see another body's draft in the history; the drafting body and the office see what they did", async () => {
    const { task, returned, draft, comment } = await scenario();
    const reportIds = (items: HistoryItem[]) =>
      new Set(items.filter((i) => i.entityType === 'progress_report').map((i) => i.entityId));
    const seenByLead = reportIds(await historyOf('leadFocal', task.id));
    expect(seenByLead.has(draft)).toBe(false);
    expect(seenByLead.has(returned)).toBe(true);
    expect(reportIds(await historyOf('coordinatingFocal', task.id)).has(draft)).toBe(true);
    const officeItems = await historyOf('office', task.id);
    expect(reportIds(officeItems).has(draft)).toBe(false);
    expect(officeItems.some((i) => i.reason === comment)).toBe(true);
    expect(officeItems.some((i) => i.entityType === 'deadline_extension')).toBe(true);
  });
});
