import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, multipart, type TestContext } from '../../test/app.ts';
import { makeUser, REFUSED_ALL_BUT_ADMIN, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency, makeGroup, type TestAgency } from '../../test/factories/agencies.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { sql } from '../db/sql.ts';
import { drainJobs } from '../jobs/job.service.ts';
import { sendMailJob } from '../mail/mail.service.ts';
import { createAccountsJob } from './account-import.service.ts';

type Line = [body: string, fullName: string, email: string, role: string, under?: string];

/** A spreadsheet as an administrator fills the template in: a header row, then one row per account. */
async function spreadsheet(lines: (Line | null)[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tài khoản');
  sheet.addRow(['Cơ quan, đơn vị', 'Họ và tên', 'Thư điện tử', 'Vai trò', 'Trực thuộc']);
  for (const line of lines) sheet.addRow(line ?? []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('accounts from a spreadsheet', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let alpha: TestAgency;
  let beta: TestAgency;
  let dongSon: TestAgency;
  let tanPhuBeta: TestAgency;
  let group: TestAgency;
  let adminUser: TestUser;
  let admin: Client;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, APP_URL: 'https://giamsat.example.vn' });
    alpha = await makeAgency(t.db, { name: 'Tỉnh Sơn Alpha', level: 'province' });
    beta = await makeAgency(t.db, { name: 'Tỉnh Sơn Beta', level: 'province' });
    dongSon = await makeAgency(t.db, { name: 'Xã Đông Sơn Thử', level: 'commune', parent: alpha });
    await makeAgency(t.db, { name: 'Xã Tân Phú Thử', level: 'commune', parent: alpha });
    tanPhuBeta = await makeAgency(t.db, { name: 'Xã Tân Phú Thử', level: 'commune', parent: beta });
    group = await makeGroup(t.db, 'UBND các xã thử', [dongSon]);
    adminUser = await makeUser(t.db, { role: 'admin', agency: alpha });
    admin = await loginAs(t.app, adminUser);
    const existing = await makeUser(t.db, { role: 'focal', agency: alpha });
    await t.db.query(sql`UPDATE users SET email = 'da.co@alpha.gov.vn' WHERE id = ${existing.id}`);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const upload = (client: Client, bytes: Buffer, filename = 'tai-khoan.xlsx') =>
    client.request({ method: 'POST', url: '/api/account-imports', ...multipart([{ filename, bytes, field: 'file' }]) });

  it('previews every line with its problems: body, name, e-mail, role', async () => {
    const res = await upload(
      admin,
      await spreadsheet([
        ['Xã Đông Sơn Thử', 'Nguyễn Văn An', 'an@dongson.gov.vn', 'Đầu mối'],
        ['xa dong son thu', 'Trần Thị Bình', 'Binh@DongSon.gov.vn', 'lãnh đạo'],
        ['Xã Tân Phú Thử', 'Lê Văn Cường', 'cuong@tanphu.gov.vn', 'focal'],
        ['Xã Tân Phú Thử', 'Phạm Thị Dung', 'dung@tanphu.gov.vn', 'head', 'Tỉnh Sơn Beta'],
        null,
        ['Xã Không Có Thật', 'Hoàng Văn Em', 'em@khongco.gov.vn', 'focal'],
        ['Xã Đông Sơn Thử', 'Vũ Thị Giang', 'AN@dongson.gov.vn', 'focal'],
        ['Xã Đông Sơn Thử', 'Đỗ Văn Hải', 'da.co@alpha.gov.vn', 'focal'],
        ['Xã Đông Sơn Thử', 'Bùi Thị Lan', 'khong-phai-thu', 'focal'],
        ['Xã Đông Sơn Thử', 'Ngô Văn Minh', 'minh@dongson.gov.vn', 'Quản trị'],
        ['Xã Đông Sơn Thử', 'Dương Thị Nga', 'nga@dongson.gov.vn', 'chef'],
        ['UBND các xã thử', 'Lý Văn Phúc', 'phuc@dongson.gov.vn', 'focal'],
        ['', '', 'trong@dongson.gov.vn', ''],
        ['Xã Tân Phú Thử', 'Mai Văn Quý', 'quy@tanphu.gov.vn', 'focal', 'Tỉnh Không Có'],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview.state).toBe('preview');
    const byLine = new Map<number, { issues: { code: string; line?: number }[]; agency: { id: number } | null }>(
      preview.rows.map((row: { line: number }) => [row.line, row]),
    );
    const codes = (line: number) => byLine.get(line)?.issues.map((i) => i.code);
    // The header is line 1; the blank row (line 6) is left out.
    expect([...byLine.keys()]).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(codes(2)).toEqual([]);
    expect(byLine.get(2)?.agency?.id).toBe(dongSon.id);
    expect(codes(3)).toEqual([]);
    expect(byLine.get(3)?.agency?.id).toBe(dongSon.id);
    expect(codes(4)).toEqual(['body_ambiguous']);
    expect(codes(5)).toEqual([]);
    expect(byLine.get(5)?.agency?.id).toBe(tanPhuBeta.id);
    expect(codes(7)).toEqual(['body_unknown']);
    expect(byLine.get(8)?.issues).toEqual([{ code: 'email_duplicate', line: 2 }]);
    expect(codes(9)).toEqual(['email_taken']);
    expect(codes(10)).toEqual(['email_invalid']);
    expect(codes(11)).toEqual(['role_not_in_bulk']);
    expect(codes(12)).toEqual(['role_unknown']);
    expect(codes(13)).toEqual(['body_not_live']);
    expect(codes(14)).toEqual(['body_missing', 'name_missing', 'role_missing']);
    expect(codes(15)).toEqual(['parent_unknown']);
    expect(preview).toMatchObject({ ready: 3, withProblems: 10, jobId: null });
    // Nothing is created by a preview.
    expect(await t.db.query(sql`SELECT 1 FROM users WHERE email = 'an@dongson.gov.vn'`)).toHaveLength(0);
    void group;
  });

  it('confirmed, a job creates the ready accounts with progress and mails each its invitation; a second confirm is refused', async () => {
    const res = await upload(
      admin,
      await spreadsheet([
        ['Xã Đông Sơn Thử', 'Nguyễn Văn Tâm', 'tam@dongson.gov.vn', 'Đầu mối'],
        ['Xã Tân Phú Thử', 'Phạm Thị Uyên', 'uyen@tanphu.gov.vn', 'Lãnh đạo', 'Tỉnh Sơn Beta'],
        ['Xã Không Có Thật', 'Hoàng Văn Vinh', 'vinh@khongco.gov.vn', 'focal'],
      ]),
    );
    const id = res.json().id;
    const confirmed = await admin.post(`/api/account-imports/${id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(202);
    const jobId = confirmed.json().jobId;
    expect(confirmed.json().state).toBe('confirmed');
    expect((await admin.post(`/api/account-imports/${id}/confirm`)).statusCode).toBe(409);

    expect(await drainJobs(t.app.ctx, [createAccountsJob])).toBe(1);
    const job = (await admin.get(`/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ state: 'succeeded', progress: 100, steps: { done: 2, total: 2 } });
    expect(job.result).toEqual({ created: 2, skipped: [] });
    const created = await t.db.query<{
      username: string;
      agency_id: number;
      role: string;
      password_hash: string | null;
    }>(
      sql`SELECT username, agency_id, role, password_hash FROM users
          WHERE email IN ('tam@dongson.gov.vn', 'uyen@tanphu.gov.vn', 'vinh@khongco.gov.vn') ORDER BY username`,
    );
    expect(created).toEqual([
      { username: 'tam@dongson.gov.vn', agency_id: dongSon.id, role: 'focal', password_hash: null },
      { username: 'uyen@tanphu.gov.vn', agency_id: tanPhuBeta.id, role: 'head', password_hash: null },
    ]);
    const [event] = await t.db.query<{ actor_id: number }>(
      sql`SELECT e.actor_id FROM events e JOIN users u ON u.id = e.entity_id
          WHERE e.entity_type = 'user' AND e.action = 'created' AND u.username = 'tam@dongson.gov.vn'`,
    );
    expect(event?.actor_id).toBe(adminUser.id);

    await drainJobs(t.app.ctx, [sendMailJob]);
    for (const address of ['tam@dongson.gov.vn', 'uyen@tanphu.gov.vn']) {
      const mails = smtp.received.filter((m) => m.to.includes(address));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toMatch(/\/set-password#token=[A-Za-z0-9_-]{20,}/);
      expect(mails[0]!.text).not.toMatch(/mật khẩu (của bạn )?là|password is/i);
    }

    // Run again (a crash and a retry): nothing is created twice.
    const again = await createAccountsJob.run(
      { ...t.app.ctx, job: { id: jobId } as never, progress: async () => {} },
      { importId: id },
    );
    expect(again).toEqual({
      created: 0,
      skipped: [
        { line: 2, code: 'USERNAME_TAKEN' },
        { line: 3, code: 'USERNAME_TAKEN' },
      ],
    });
  });

  it('a file with nothing ready cannot be confirmed', async () => {
    const res = await upload(
      admin,
      await spreadsheet([['Xã Không Có Thật', 'Hoàng Văn Xuân', 'xuan@x.gov.vn', 'focal']]),
    );
    const confirm = await admin.post(`/api/account-imports/${res.json().id}/confirm`);
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().code).toBe('ACCOUNT_IMPORT_NOTHING_READY');
  });

  it('refuses what is not a spreadsheet of accounts with a clear 4xx', async () => {
    const good = await spreadsheet([['Xã Đông Sơn Thử', 'Nguyễn Văn Yên', 'yen@dongson.gov.vn', 'focal']]);
    const cases: [Buffer, string, number, string][] = [
      [good, 'tai-khoan.csv', 415, 'ACCOUNT_IMPORT_NOT_XLSX'],
      [Buffer.from('họ tên,thư\nA,a@b.vn\n'), 'tai-khoan.xlsx', 415, 'ACCOUNT_IMPORT_NOT_XLSX'],
      [
        Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]),
        'hong.xlsx',
        400,
        'ACCOUNT_IMPORT_UNREADABLE',
      ],
      [Buffer.alloc(6 * 1024 * 1024, 0x50), 'lon.xlsx', 413, 'ACCOUNT_IMPORT_TOO_LARGE'],
      [await spreadsheet([]), 'rong.xlsx', 400, 'ACCOUNT_IMPORT_EMPTY'],
    ];
    for (const [bytes, filename, status, code] of cases) {
      const res = await upload(admin, bytes, filename);
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const noFile = await admin.request({ method: 'POST', url: '/api/account-imports', payload: {} });
    expect(noFile.statusCode).toBe(400);
    expect((await admin.get('/api/account-imports/999999')).statusCode).toBe(404);
    expect((await admin.get('/api/account-imports/abc')).statusCode).toBe(400);
  });

  it('offers the template to fill in, which reads back as an empty file', async () => {
    const res = await admin.get('/api/account-imports/template?language=vi');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).cellCount).toBe(5);
    const empty = await upload(admin, res.rawPayload);
    expect(empty.json().code).toBe('ACCOUNT_IMPORT_EMPTY');
  });

  it.each(REFUSED_ALL_BUT_ADMIN)(
    '%s may not upload, read, confirm or download the template (%i)',
    async (role, status) => {
      const client =
        role === 'public' ? anonymous(t.app) : await loginAs(t.app, await makeUser(t.db, { role, agency: alpha }));
      const bytes = await spreadsheet([['Xã Đông Sơn Thử', 'Nguyễn Văn Yên', `${role}-yen@dongson.gov.vn`, 'focal']]);
      const mine = (await upload(admin, bytes)).json().id;
      expect((await upload(client, bytes)).statusCode).toBe(status);
      expect((await client.get(`/api/account-imports/${mine}`)).statusCode).toBe(status);
      expect((await client.post(`/api/account-imports/${mine}/confirm`)).statusCode).toBe(status);
      expect((await client.get('/api/account-imports/template')).statusCode).toBe(status);
      const [row] = await t.db.query<{ state: string }>(sql`SELECT state FROM account_imports WHERE id = ${mine}`);
      expect(row?.state).toBe('preview');
    },
  );
});
