// What the public sees, exactly: published directives, their tasks and states, accepted reports. This
// file plants every private thing the issue names (a draft, a returned and a pending report, review
// comments, an extension request, people's names and accounts, an internal note, evidence the reviewer
// did not mark public) with a distinctive text, then calls every public page and every API operation of the app without a session and looks
// for those texts in every answer.
import { describe, expect, it } from 'vitest';
import { anonymous, loginAs } from '../../test/app.ts';
import { makeDirective } from '../../test/factories/directives.ts';
import { samplePdf } from '../../test/factories/evidence.ts';
import { makeReport, useProgressWorld } from '../../test/factories/reports.ts';
import { makeTask } from '../../test/factories/tasks.ts';
import { sql } from '../db/sql.ts';

/** Texts that must never reach a visitor, by what they are. */
const SECRET = {
  draftDirective: 'SO-NHAP-7731/KH',
  draftTask: 'Nhiệm vụ của bản nháp BIMAT-NHAP-7731',
  returnedReport: 'Báo cáo bị trả lại BIMAT-TRALAI-7731',
  returnComment: 'Góp ý khi trả lại BIMAT-GOPY-7731',
  pendingReport: 'Báo cáo đang chờ duyệt BIMAT-CHODUYET-7731',
  draftReport: 'Báo cáo còn nháp BIMAT-BAOCAONHAP-7731',
  acceptComment: 'Nhận xét khi chấp nhận BIMAT-NHANXET-7731',
  extensionReason: 'Lý do xin gia hạn BIMAT-GIAHAN-7731',
  internalNote: 'Ghi chú nội bộ BIMAT-GHICHU-7731',
  evidence: 'Minh chứng chưa công khai BIMAT-MINHCHUNG-7731',
  evidenceFile: 'bimat-tep-noi-bo-7731.pdf',
  evidenceBytes: 'BIMAT-NOIDUNGTEP-7731',
};
/** What the public must see: the accepted report (proves the pages holding it were read). */
const ACCEPTED = 'Kết quả đã nghiệm thu CONGKHAI-7731';
/** An evidence file the reviewer marked public, on the accepted report: the public downloads it. */
const PUBLIC_FILE = 'bien-ban-nghiem-thu-congkhai-7731.pdf';

describe('what the public sees, exactly', () => {
  const world = useProgressWorld();

  /** Plants the private things; returns the people's names and accounts and the ids to fill addresses with. */
  async function plant() {
    const { t, w } = world;
    const db = t.db;
    // People's names, distinctive per account.
    await db.query(sql`UPDATE users SET full_name = 'Họ tên riêng ' || username || ' BIMAT-NGUOI'`);
    const people = await db.query<{ id: number; username: string; full_name: string }>(
      sql`SELECT id, username, full_name FROM users`,
    );
    await db.query(sql`UPDATE tasks SET note = ${SECRET.internalNote} WHERE id = ${w.task.id}`);

    const draft = await makeDirective(db, { number: SECRET.draftDirective, status: 'draft', scope: w.province });
    const draftTask = await makeTask(db, { directive: draft, lead: [w.leadBody], text: SECRET.draftTask });

    const lead = await loginAs(t.app, w.users.leadFocal);
    const office = await loginAs(t.app, w.users.office);
    const coordinating = await loginAs(t.app, w.users.coordinatingFocal);
    const returned = await lead.post(`/api/tasks/${w.task.id}/reports`, {
      percent: 30,
      narrative: SECRET.returnedReport,
      submit: true,
    });
    expect(returned.statusCode, returned.body).toBe(201);
    const returnedId = returned.json<{ id: number }>().id;
    const review = await office.post(`/api/reports/${returnedId}/review`, {
      decision: 'return',
      comment: SECRET.returnComment,
    });
    expect(review.statusCode, review.body).toBe(200);
    const pending = await coordinating.post(`/api/tasks/${w.task.id}/reports`, {
      percent: 40,
      narrative: SECRET.pendingReport,
      submit: true,
    });
    expect(pending.statusCode, pending.body).toBe(201);
    const extension = await lead.post(`/api/tasks/${w.task.id}/extensions`, {
      requestedDue: '2026-12-31',
      reason: SECRET.extensionReason,
    });
    expect(extension.statusCode, extension.body).toBe(201);

    // An accepted report, with its reviewer's comment (a review comment is never public, even on an accepted report).
    const accepted = await makeReport(db, {
      task: w.task,
      agency: w.leadBody,
      author: w.users.leadFocal,
      state: 'accepted',
      percent: 60,
      narrative: ACCEPTED,
    });
    await db.query(sql`UPDATE progress_reports SET reviewed_by = ${w.users.office.id}, reviewed_at = now(),
      review_comment = ${SECRET.acceptComment} WHERE id = ${accepted.id}`);
    await db.query(
      sql`UPDATE tasks SET last_accepted_report_at = now(), progress_percent = 60 WHERE id = ${w.task.id}`,
    );
    // Evidence of the accepted report, not marked public: a link and a file; and a file marked public.
    await db.query(sql`INSERT INTO evidence (report_id, kind, url, title)
      VALUES (${accepted.id}, 'link', 'https://example.vn/bimat-minhchung-7731', ${SECRET.evidence})`);
    const evidenceFile = async (filename: string, bytes: Buffer, isPublic: boolean) => {
      const blob = await t.app.ctx.storage.put(bytes, { filename });
      const [row] = await db.query<{ id: number }>(sql`
        WITH f AS (
          INSERT INTO stored_files (storage_key, filename, content_type, size_bytes, sha256)
          VALUES (${blob.key}, ${filename}, 'application/pdf', ${blob.size}, ${blob.sha256}) RETURNING id)
        INSERT INTO evidence (report_id, kind, file_id, title, public)
        SELECT ${accepted.id}, 'file', f.id, ${filename}, ${isPublic} FROM f RETURNING id`);
      return row!.id;
    };
    const privateFile = await evidenceFile(SECRET.evidenceFile, samplePdf(SECRET.evidenceBytes), false);
    const publicFile = await evidenceFile(PUBLIC_FILE, samplePdf('Bien ban nghiem thu'), true);
    const draftReport = await makeReport(db, {
      task: w.task,
      agency: w.coordinatingBody,
      author: w.users.coordinatingFocal,
      narrative: SECRET.draftReport,
    });

    const [job] = await db.query<{ id: number }>(sql`SELECT id FROM jobs ORDER BY id LIMIT 1`);
    const [notification] = await db.query<{ id: number }>(sql`SELECT id FROM notifications ORDER BY id LIMIT 1`);
    const [session] = await db.query<{ id: number }>(sql`SELECT id FROM sessions ORDER BY id LIMIT 1`);
    const ids = {
      task: [w.task.id, draftTask.id],
      directive: [w.directive.id, draft.id],
      report: [returnedId, pending.json<{ id: number }>().id, accepted.id, draftReport.id],
      extension: [extension.json<{ id: number }>().id],
      user: people.map((p) => p.id),
      agency: [w.leadBody.id, w.province.id],
      evidence: (await db.query<{ id: number }>(sql`SELECT id FROM evidence WHERE NOT public ORDER BY id`)).map(
        (e) => e.id,
      ),
      publicEvidence: [publicFile],
      privateFile: [privateFile],
      job: job ? [job.id] : [1],
      notification: notification ? [notification.id] : [1],
      session: session ? [session.id] : [1],
    };
    const secrets = [
      ...Object.values(SECRET),
      ...people.flatMap((p) => [p.full_name, p.username]),
      'BIMAT-NGUOI',
      'BIMAT-',
    ];
    return { ids, secrets, draft, draftTask };
  }

  /** Every address an operation's path can take, its `{param}`s filled with the planted records' ids. */
  function addresses(path: string, ids: Record<string, number[]>): string[] {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (!params.length) return [path];
    // The record an {id} names is the word before it: /api/tasks/{id} → task.
    const kindOf = (param: string, before: string) => {
      if (param === 'twinId') return 'task';
      if (param === 'page') return 'page';
      if (param === 'alias') return 'alias';
      const word = before.split('/').filter(Boolean).at(-1) ?? '';
      const kinds: Record<string, string> = {
        tasks: 'task',
        directives: 'directive',
        reports: 'report',
        extensions: 'extension',
        users: 'user',
        agencies: 'agency',
        evidence: 'evidence',
        jobs: 'job',
        notifications: 'notification',
        sessions: 'session',
        'login-blocks': 'user',
      };
      return kinds[word] ?? 'task';
    };
    let filled = [path];
    for (const param of params) {
      const before = path.slice(0, path.indexOf(`{${param}}`));
      const kind = kindOf(param, before);
      const values = kind === 'page' ? [1] : kind === 'alias' ? ['x'] : (ids[kind] ?? [1]);
      filled = filled.flatMap((p) => values.map((v) => p.replace(`{${param}}`, String(v))));
    }
    return filled;
  }

  it('no page and no API operation shows a visitor anything private; private operations answer 401', async () => {
    const { t } = world;
    const { ids, secrets, draft, draftTask } = await plant();
    expect(ids.evidence).toContain(ids.privateFile[0]);
    const visitor = anonymous(t.app);
    const leaks: string[] = [];
    const check = (label: string, body: string) => {
      for (const secret of secrets) if (body.includes(secret)) leaks.push(`${label} shows "${secret}"`);
    };

    // Every public page a visitor can reach from the home page, following the site's own links (the
    // open data's downloads and feed among them), and the draft's addresses typed by hand.
    const seen = new Set<string>();
    const queue = ['/cong-khai', '/cong-khai?lang=en', '/cong-khai/tim-kiem?q=bimat', '/cong-khai/tim-kiem?q=7731'];
    queue.push(`/cong-khai/van-ban/${draft.id}`, `/cong-khai/nhiem-vu/${draftTask.id}`);
    // The private evidence's public addresses typed by hand (the site never links them).
    queue.push(...ids.evidence.map((id) => `/cong-khai/minh-chung/${id}`));
    let sawAccepted = false;
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await visitor.get(url);
      expect([200, 404], url).toContain(res.statusCode);
      check(url, res.body);
      if (res.body.includes(ACCEPTED)) sawAccepted = true;
      for (const match of res.body.matchAll(/href="(\/(?:cong-khai|open-data)[^"]*)"/g)) {
        const link = match[1]!.replaceAll('&amp;', '&');
        if (!seen.has(link)) queue.push(link);
      }
    }
    expect(sawAccepted, 'the accepted report is on the public pages').toBe(true);
    // The public evidence file is linked from its task's page, and downloads; the private ones do not.
    expect(seen, 'the public evidence is linked').toContain(`/cong-khai/minh-chung/${ids.publicEvidence[0]}`);
    const publicDownload = await visitor.get(`/cong-khai/minh-chung/${ids.publicEvidence[0]}`);
    expect(publicDownload.statusCode).toBe(200);
    expect(publicDownload.headers['content-disposition']).toMatch(/^attachment; /);
    for (const id of ids.evidence) expect((await visitor.get(`/cong-khai/minh-chung/${id}`)).statusCode).toBe(404);
    expect(seen.size).toBeGreaterThan(8);
    for (const download of ['/open-data/tasks.csv', '/open-data/tasks.json', '/open-data/feed.atom']) {
      expect(seen, 'the open data is reached from the site').toContain(download);
    }

    // Every API operation the app registers, from its own OpenAPI document.
    const document = (t.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const statusOf: string[] = [];
    const wrongStatus: string[] = [];
    for (const { method, path } of operations) {
      for (const url of addresses(path, ids)) {
        const res = await visitor.request({
          method: method as 'GET',
          url,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        check(`${method} ${url}`, res.body);
        statusOf.push(`${res.statusCode} ${method} ${url}`);
        // Nothing changes without a session: every write is refused as "not signed in", except signing in (and its
        // second-factor step, which a visitor reaches mid-sign-in), a citizen's feedback (submitted without an
        // account, by design: issue 13) and its rating (the tracking code is the proof), and an invited person
        // setting a password (the mailed link's token is the proof).
        const open = [
          '/api/auth/login',
          '/api/auth/login/second-factor',
          '/api/auth/logout',
          '/api/feedback',
          '/api/feedback/track/{code}/rating',
          '/api/account-links/lookup',
          '/api/account-links/password',
        ];
        if ((method !== 'GET' && !open.includes(path) && res.statusCode !== 401) || res.statusCode >= 500) {
          wrongStatus.push(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(wrongStatus).toEqual([]);
    // Reading private things asks for a session; reading the draft's records finds nothing there.
    const status = (line: string) => statusOf.find((s) => s.endsWith(line))?.split(' ')[0];
    expect(status(`GET /api/reports/${ids.report[0]}`)).toBe('404');
    expect(status('GET /api/reports')).toBe('401');
    expect(status('GET /api/users')).toBe('401');
    expect(status('GET /api/events')).toBe('401');
    expect(status(`GET /api/tasks/${ids.task[0]}/extensions`)).toBe('401');
    expect(status(`GET /api/directives/${draft.id}`)).toBe('404');
    expect(status(`GET /api/tasks/${draftTask.id}`)).toBe('404');
    for (const id of ids.evidence) expect(status(`GET /api/evidence/${id}/download`)).toBe('404');
  });
});
