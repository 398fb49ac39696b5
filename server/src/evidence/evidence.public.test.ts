// The reviewer's "public" switch on evidence (issue 12, item 2): when accepting a report, the reviewer
// names the evidence items the public may see; every other item stays private. The public task page lists
// and serves only those, as downloads.
import { describe, expect, it } from 'vitest';
import { anonymous, type Client, multipart } from '../../test/app.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { useProgressWorld } from '../../test/factories/reports.ts';
import { sql } from '../db/sql.ts';

interface Evidence {
  id: number;
  public: boolean;
  file: { filename: string } | null;
}

describe('the public switch on evidence, set when accepting a report', () => {
  const world = useProgressWorld();

  /** A lead report, submitted through the API, with two files and a link. */
  async function submittedWithEvidence(tag: string) {
    const { w } = world;
    const lead = world.as('leadFocal');
    const report = await world.leadReport({ narrative: `Báo cáo có minh chứng ${tag}` });
    const upload = await lead.request({
      method: 'POST',
      url: `/api/reports/${report.id}/evidence`,
      ...multipart([
        { filename: `bien-ban-cong-khai-${tag}.pdf`, bytes: samplePdf(`cong khai ${tag}`), field: 'file' },
        { filename: `ho-so-noi-bo-${tag}.pdf`, bytes: samplePdf(`noi bo ${tag}`), field: 'file' },
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [open, internal] = upload.json<{ items: Evidence[] }>().items;
    const link = await lead.post(`/api/reports/${report.id}/links`, {
      url: `https://example.vn/noi-bo-${tag}`,
      title: `Thư mục nội bộ ${tag}`,
    });
    expect(link.statusCode, link.body).toBe(201);
    const submit = await lead.post(`/api/reports/${report.id}/submit`, {});
    expect(submit.statusCode, submit.body).toBe(200);
    expect(w.task.id).toBeGreaterThan(0);
    return { reportId: report.id, open: open!, internal: internal!, link: link.json<Evidence>() };
  }

  const publicFlags = async (reportId: number) =>
    world.t.db.query<{ id: number; public: boolean }>(
      sql`SELECT id, public FROM evidence WHERE report_id = ${reportId} ORDER BY id`,
    );
  const reportState = async (reportId: number) =>
    (await world.t.db.query<{ state: string }>(sql`SELECT state FROM progress_reports WHERE id = ${reportId}`))[0]
      ?.state;

  it('marks only the items the reviewer names; the public page lists and serves only those, as downloads', async () => {
    const { t, w } = world;
    const { reportId, open, internal, link } = await submittedWithEvidence('A1');
    expect([open.public, internal.public, link.public]).toEqual([false, false, false]);

    const review = await world.as('office').post(`/api/reports/${reportId}/review`, {
      decision: 'accept',
      publicEvidenceIds: [open.id],
    });
    expect(review.statusCode, review.body).toBe(200);
    const answered = review.json<{ evidence: Evidence[] }>().evidence;
    expect(answered.map((e) => [e.id, e.public])).toEqual([
      [open.id, true],
      [internal.id, false],
      [link.id, false],
    ]);
    expect(await publicFlags(reportId)).toEqual([
      { id: open.id, public: true },
      { id: internal.id, public: false },
      { id: link.id, public: false },
    ]);
    // The history says what was made public, in the decision's own row.
    const [event] = await t.db.query<{ after: { publicEvidence?: number[] } }>(
      sql`SELECT after FROM events WHERE entity_type = 'progress_report' AND entity_id = ${reportId} AND action = 'accept'`,
    );
    expect(event?.after.publicEvidence).toEqual([open.id]);

    const visitor = anonymous(t.app);
    const page = await visitor.get(`/cong-khai/nhiem-vu/${w.task.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(open.file!.filename);
    expect(page.body).toContain(`/cong-khai/minh-chung/${open.id}`);
    expect(page.body).not.toContain(internal.file!.filename);
    expect(page.body).not.toContain('noi-bo-A1');

    const file = await visitor.get(`/cong-khai/minh-chung/${open.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    expect(file.headers['content-security-policy']).toBe('sandbox');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(samplePdf('cong khai A1'))).toBe(true);

    // The private items: not on the site, not through the API, whatever the address.
    for (const url of [
      `/cong-khai/minh-chung/${internal.id}`,
      `/cong-khai/minh-chung/${link.id}`,
      `/api/evidence/${internal.id}/download`,
    ]) {
      const res = await visitor.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('%PDF');
    }
    const reports = await visitor.get(`/api/tasks/${w.task.id}/reports`);
    expect(reports.statusCode).toBe(200);
    const ofReport = reports
      .json<{ items: { id: number; evidence: Evidence[] }[] }>()
      .items.find((r) => r.id === reportId);
    expect(ofReport?.evidence.map((e) => e.id)).toEqual([open.id]);
    // Signed in, the task's people still see every item.
    const asLead = await world.as('leadFocal').get(`/api/reports/${reportId}`);
    expect(asLead.json<{ evidence: Evidence[] }>().evidence).toHaveLength(3);
  });

  it('keeps every item private when the reviewer names none', async () => {
    const { reportId } = await submittedWithEvidence('B2');
    const review = await world.as('office').post(`/api/reports/${reportId}/review`, { decision: 'accept' });
    expect(review.statusCode, review.body).toBe(200);
    expect((await publicFlags(reportId)).every((e) => !e.public)).toBe(true);
    const page = await anonymous(world.t.app).get(`/cong-khai/nhiem-vu/${world.w.task.id}`);
    expect(page.body).not.toContain('B2.pdf');
  });

  it('refuses a public mark on a return, another report’s evidence or a malformed id, and writes nothing', async () => {
    const { reportId, open } = await submittedWithEvidence('C3');
    const other = await submittedWithEvidence('D4');
    const office: Client = world.as('office');
    const refusals: [unknown, number, string][] = [
      [
        { decision: 'return', comment: 'Bổ sung số liệu', publicEvidenceIds: [open.id] },
        400,
        'REPORT_PUBLIC_EVIDENCE_ON_RETURN',
      ],
      [{ decision: 'accept', publicEvidenceIds: [open.id, other.open.id] }, 400, 'REPORT_PUBLIC_EVIDENCE_UNKNOWN'],
      [{ decision: 'accept', publicEvidenceIds: ['mot'] }, 400, 'VALIDATION_FAILED'],
      [{ decision: 'accept', publicEvidenceIds: [-3] }, 400, 'VALIDATION_FAILED'],
      [{ decision: 'accept', publicEvidenceIds: open.id }, 400, 'VALIDATION_FAILED'],
      [
        { decision: 'accept', publicEvidenceIds: Array.from({ length: 101 }, (_, i) => i + 1) },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [body, status, code] of refusals) {
      const res = await office.post(`/api/reports/${reportId}/review`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json<{ code: string }>().code).toBe(code);
    }
    expect(await reportState(reportId)).toBe('submitted');
    expect((await publicFlags(reportId)).every((e) => !e.public)).toBe(true);
    expect((await publicFlags(other.reportId)).every((e) => !e.public)).toBe(true);
    // Only a reviewer sets it: the report's own body may not accept, with or without the switch.
    const own = await world.as('leadFocal').post(`/api/reports/${reportId}/review`, {
      decision: 'accept',
      publicEvidenceIds: [open.id],
    });
    expect(own.statusCode).toBe(403);
    expect((await publicFlags(reportId)).every((e) => !e.public)).toBe(true);
  });
});
