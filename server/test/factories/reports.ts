// Test data for reports, their evidence and deadline extensions: a province whose office manages a plan,
// the bodies on its task, and one user per role; reports in any state.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { anonymous, type Client, createTestApp, loginAs, type TestContext } from '../app.ts';
import { makeUser, type TestUser } from './accounts.ts';
import { makeAgency, type TestAgency } from './agencies.ts';
import { makeDirective, type TestDirective } from './directives.ts';
import { makeTask, type TestTask } from './tasks.ts';

export interface ProgressWorld {
  province: TestAgency;
  otherProvince: TestAgency;
  leadBody: TestAgency;
  coordinatingBody: TestAgency;
  unrelatedBody: TestAgency;
  directive: TestDirective;
  task: TestTask;
  users: {
    admin: TestUser;
    office: TestUser;
    otherOffice: TestUser;
    leadFocal: TestUser;
    coordinatingFocal: TestUser;
    unrelatedFocal: TestUser;
    head: TestUser;
    inspector: TestUser;
  };
}

/**
 * Hà Nội's office manages a plan whose task is led by Sở KH&CN Hà Nội with Sở Tài chính Hà Nội
 * coordinating; Đà Nẵng is another province with its own office and a body unrelated to the task.
 */
export async function makeProgressWorld(
  db: Db,
  options: { dueDate?: string | null; issuedOn?: string } = {},
): Promise<ProgressWorld> {
  const tag = randomBytes(2).toString('hex');
  const central = await makeAgency(db, { name: `Văn phòng Trung ương Đảng ${tag}` });
  const province = await makeAgency(db, { name: `Thành phố Hà Nội ${tag}`, level: 'province' });
  const otherProvince = await makeAgency(db, { name: `Thành phố Đà Nẵng ${tag}`, level: 'province' });
  const leadBody = await makeAgency(db, { name: `Sở Khoa học và Công nghệ Hà Nội ${tag}`, parent: province });
  const coordinatingBody = await makeAgency(db, { name: `Sở Tài chính Hà Nội ${tag}`, parent: province });
  const unrelatedBody = await makeAgency(db, { name: `Sở Y tế Đà Nẵng ${tag}`, parent: otherProvince });
  const directive = await makeDirective(db, {
    level: 'province',
    scope: province,
    issuer: province,
    issuedOn: options.issuedOn ?? '2025-06-01',
  });
  const task = await makeTask(db, {
    directive,
    lead: [leadBody],
    coordinating: [coordinatingBody],
    dueDate: options.dueDate === undefined ? '2025-12-31' : options.dueDate,
    text: 'Xây dựng nền tảng dữ liệu khoa học và công nghệ của Thành phố',
  });
  const users = {
    admin: await makeUser(db, { role: 'admin', agency: central }),
    office: await makeUser(db, { role: 'office', agency: province, scope: province }),
    otherOffice: await makeUser(db, { role: 'office', agency: otherProvince, scope: otherProvince }),
    leadFocal: await makeUser(db, { role: 'focal', agency: leadBody }),
    coordinatingFocal: await makeUser(db, { role: 'focal', agency: coordinatingBody }),
    unrelatedFocal: await makeUser(db, { role: 'focal', agency: unrelatedBody }),
    head: await makeUser(db, { role: 'head', agency: leadBody }),
    inspector: await makeUser(db, { role: 'inspector', agency: central }),
  };
  return { province, otherProvince, leadBody, coordinatingBody, unrelatedBody, directive, task, users };
}

export type ProgressRole = keyof ProgressWorld['users'] | 'public';
export const PROGRESS_ROLES: readonly ProgressRole[] = [
  'admin',
  'office',
  'otherOffice',
  'leadFocal',
  'coordinatingFocal',
  'unrelatedFocal',
  'head',
  'inspector',
  'public',
];

/**
 * Who may decide on what a body sent (review its report, decide its extension request): the office
 * managing the task's directive and an administrator. The task's bodies see it but may not (403);
 * another province's office or body cannot see it (404).
 */
export const DECIDED_BY_MANAGING_OFFICE: Record<ProgressRole, number> = {
  admin: 200,
  office: 200,
  otherOffice: 404,
  leadFocal: 403,
  coordinatingFocal: 403,
  unrelatedFocal: 404,
  head: 403,
  inspector: 403,
  public: 401,
};

/**
 * A fresh app holding the progress world, for the enclosing describe block (its own beforeAll and
 * afterAll): `as(role)` is that user's signed-in browser ('public': nobody signed in). Read `t` and `w`
 * inside tests and hooks, once the block's beforeAll has run.
 */
export function useProgressWorld(options: Parameters<typeof makeProgressWorld>[1] = {}): {
  readonly t: TestContext;
  readonly w: ProgressWorld;
  as(role: ProgressRole): Client;
  /** A report of the lead body by its focal point, on the world's task unless another is given. */
  leadReport(options?: Partial<Omit<ReportOptions, 'agency' | 'author'>>): Promise<{ id: number; version: number }>;
} {
  let t: TestContext | undefined;
  let w: ProgressWorld | undefined;
  const clients = new Map<ProgressRole, Client>();
  beforeAll(async () => {
    t = await createTestApp();
    w = await makeProgressWorld(t.db, options);
    for (const role of PROGRESS_ROLES) {
      clients.set(role, role === 'public' ? anonymous(t.app) : await loginAs(t.app, w.users[role]));
    }
  });
  afterAll(() => t?.close());
  return {
    get t() {
      return t!;
    },
    get w() {
      return w!;
    },
    as: (role) => clients.get(role)!,
    leadReport: (options = {}) =>
      makeReport(t!.db, { task: w!.task, agency: w!.leadBody, author: w!.users.leadFocal, ...options }),
  };
}

export interface ReportOptions {
  task: Pick<TestTask, 'id'>;
  agency: Pick<TestAgency, 'id'>;
  author: Pick<TestUser, 'id'>;
  agencyRole?: 'lead' | 'coordinating';
  percent?: number;
  state?: 'draft' | 'submitted' | 'returned' | 'accepted';
  submittedAt?: Date | null;
  narrative?: string;
}

/** A report written straight into the database, in any state (for setting up a scenario). */
export async function makeReport(db: Db, options: ReportOptions): Promise<{ id: number; version: number }> {
  const state = options.state ?? 'draft';
  const submittedAt = options.submittedAt !== undefined ? options.submittedAt : state === 'draft' ? null : new Date();
  const [row] = await db.query<{ id: number; version: number }>(sql`
    INSERT INTO progress_reports (task_id, agency_id, agency_role, author_id, percent, narrative, state, submitted_at)
    VALUES (${options.task.id}, ${options.agency.id}, ${options.agencyRole ?? 'lead'}, ${options.author.id},
            ${options.percent ?? 50}, ${options.narrative ?? 'Đã hoàn thành khảo sát hiện trạng, đang xây dựng dự thảo.'},
            ${state}, ${submittedAt})
    RETURNING id, version`);
  return row!;
}

/** A submitted report with the history row the reports concept writes for it (a task's history shows it). */
export async function addReportEvent(db: Db, taskId: number, agencyId: number, authorId: number): Promise<number> {
  const report = await makeReport(db, {
    task: { id: taskId },
    agency: { id: agencyId },
    author: { id: authorId },
    state: 'submitted',
    narrative: 'Đã hoàn thành khảo sát hiện trạng',
  });
  await db.query(sql`
    SELECT record_event(now(), ${authorId}, 'progress_report', ${report.id}, 'submitted', NULL, '{"percent": 50}'::jsonb, NULL)`);
  return report.id;
}
