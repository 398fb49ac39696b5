import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../../test/app.ts';
import { actorOf, makeUser, type TestUser } from '../../test/factories/accounts.ts';
import { makeAgency, type TestAgency } from '../../test/factories/agencies.ts';
import { sql } from '../db/sql.ts';
import { recordEvent } from '../events/events.ts';
import { AUDIT_EXPORT_MAX_ROWS } from './audit.schemas.ts';

// The inspectors' search of the audit trail: by body (its people, and the body itself) and by a part
// of the actor's name, and the same filters exported as an .xlsx.

interface Listed {
  id: number;
  action: string;
  entityType: string;
  entityId: number;
  before: unknown;
  after: unknown;
  actor: { fullName: string; agency: { id: number; name: string } | null } | null;
}

describe('searching and exporting the audit trail', () => {
  let t: TestContext;
  let province: TestAgency;
  let department: TestAgency;
  let otherProvince: TestAgency;
  let users: Record<'admin' | 'inspector' | 'focal' | 'office' | 'otherFocal', TestUser>;
  let inspector: Client;
  let admin: Client;

  const list = async (client: Client, query: string) => {
    const res = await client.get(`/api/events?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ total: number; items: Listed[] }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    const central = await makeAgency(t.db, { name: 'Thanh tra Chính phủ' });
    province = await makeAgency(t.db, { name: 'Tỉnh Quảng Ninh', level: 'province' });
    department = await makeAgency(t.db, { name: 'Sở Tài chính Quảng Ninh', parent: province });
    otherProvince = await makeAgency(t.db, { name: 'Tỉnh Lạng Sơn', level: 'province' });
    users = {
      admin: await makeUser(t.db, { role: 'admin', agency: central }),
      inspector: await makeUser(t.db, { role: 'inspector', agency: central }),
      focal: await makeUser(t.db, { role: 'focal', agency: department }),
      office: await makeUser(t.db, { role: 'office', agency: province, scope: province }),
      otherFocal: await makeUser(t.db, { role: 'focal', agency: otherProvince }),
    };
    await t.db.query(`UPDATE users SET full_name = 'Đỗ Thị Hằng' WHERE id = $1`, [users.focal.id]);
    await recordEvent(t.db, await actorOf(t.db, users.focal), {
      entityType: 'task',
      entityId: 41,
      action: 'updated',
      before: { dueDate: '2025-09-30' },
      after: { dueDate: '2025-12-31' },
      reason: 'Điều chỉnh theo kế hoạch',
    });
    await recordEvent(t.db, await actorOf(t.db, users.otherFocal), {
      entityType: 'task',
      entityId: 42,
      action: 'complete',
    });
    await recordEvent(t.db, await actorOf(t.db, users.admin), {
      entityType: 'agency',
      entityId: province.id,
      action: 'updated',
      before: { name: 'Tỉnh Quảng Ninh cũ' },
      after: { name: 'Tỉnh Quảng Ninh' },
    });
    inspector = await loginAs(t.app, users.inspector);
    admin = await loginAs(t.app, users.admin);
  });
  afterAll(() => t.close());

  it("finds a body's events: its people's and its sub-bodies' changes, and changes to the body itself", async () => {
    const found = await list(inspector, `agencyId=${province.id}`);
    expect(found.items.map((e) => [e.entityType, e.entityId]).sort()).toEqual(
      [
        ['agency', province.id],
        ['task', 41],
      ].sort(),
    );
    const edit = found.items.find((e) => e.entityType === 'task')!;
    expect(edit).toMatchObject({
      before: { dueDate: '2025-09-30' },
      after: { dueDate: '2025-12-31' },
      actor: { fullName: 'Đỗ Thị Hằng', agency: { id: department.id, name: 'Sở Tài chính Quảng Ninh' } },
    });
    const other = await list(inspector, `agencyId=${otherProvince.id}`);
    expect(other.items.map((e) => e.entityId)).toEqual([42]);
  });

  it('finds an actor by a part of the name typed without tone marks, or by the user name', async () => {
    const byName = await list(inspector, `actor=${encodeURIComponent('do thi HANG')}`);
    expect(byName.items.map((e) => e.entityId)).toEqual([41]);
    const byUsername = await list(admin, `actor=${encodeURIComponent(users.otherFocal.username)}`);
    expect(byUsername.items.map((e) => e.entityId)).toEqual([42]);
    const combined = await list(inspector, `actor=hang&agencyId=${otherProvince.id}`);
    expect(combined.total).toBe(0);
  });

  it('exports what the filters match as an .xlsx with before and after side by side', async () => {
    const res = await inspector.get(`/api/events/export?agencyId=${province.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="nhat-ky-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const listed = await list(inspector, `agencyId=${province.id}`);
    expect(rows).toHaveLength(listed.total + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.items.map((e) => e.id));
    const edit = rows.find((r) => r[5] === 'task')!;
    expect(JSON.parse(String(edit[8]))).toEqual({ dueDate: '2025-09-30' });
    expect(JSON.parse(String(edit[9]))).toEqual({ dueDate: '2025-12-31' });
    expect(edit[1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(edit.slice(2, 5)).toEqual(['Đỗ Thị Hằng', users.focal.username, 'Sở Tài chính Quảng Ninh']);

    const english = await admin.get('/api/events/export?lang=en&action=complete');
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-disposition']).toMatch(/filename="audit-trail-/);
  });

  it('refuses an export past its row limit with 422 and the count, so the filter is narrowed', async () => {
    const n = AUDIT_EXPORT_MAX_ROWS + 1;
    // Written through the one writer of history, in one statement (as the demo's bulk loads do).
    await t.db.query(
      sql`SELECT record_events(
        array_fill(now(), ARRAY[${n}::int]), array_fill(${users.admin.id}::bigint, ARRAY[${n}::int]),
        array_fill('stored_file'::text, ARRAY[${n}::int]), (SELECT array_agg(g::bigint) FROM generate_series(1, ${n}::int) g),
        array_fill('directive.import.started'::text, ARRAY[${n}::int]), array_fill(NULL::jsonb, ARRAY[${n}::int]),
        array_fill(NULL::jsonb, ARRAY[${n}::int]), array_fill(NULL::text, ARRAY[${n}::int]))`,
    );
    const res = await admin.get('/api/events/export?entityType=stored_file');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'AUDIT_EXPORT_TOO_LARGE',
      params: { total: n, max: AUDIT_EXPORT_MAX_ROWS },
    });
    // Narrowed, it exports.
    expect((await admin.get('/api/events/export?entityType=stored_file&to=2000-01-01')).statusCode).toBe(200);
  }, 120_000);

  it('is for inspectors and administrators only, and answers hostile filters with 400', async () => {
    for (const user of [users.focal, users.office]) {
      const client = await loginAs(t.app, user);
      for (const url of ['/api/events', `/api/events/export?agencyId=${province.id}`]) {
        expect((await client.get(url)).statusCode, url).toBe(403);
      }
    }
    expect((await anonymous(t.app).get('/api/events/export')).statusCode).toBe(401);
    for (const url of [
      '/api/events?agencyId=abc',
      '/api/events?agencyId=-1',
      `/api/events?actor=${'x'.repeat(101)}`,
      '/api/events?actor=%00',
      '/api/events/export?lang=fr',
      '/api/events/export?from=31/12/2025',
      '/api/events/export?agencyId=99999999999999999999',
    ]) {
      const res = await inspector.get(url);
      expect(res.statusCode, url).toBe(400);
    }
    // A body that does not exist matches nothing rather than failing.
    expect((await list(inspector, 'agencyId=987654321')).total).toBe(0);
  });
});
