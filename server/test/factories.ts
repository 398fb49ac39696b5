import { randomBytes } from 'node:crypto';
import type { AgencyKind, AgencyLevel, DeadlineKind, Role } from '@giamsat/shared';
import { hashPassword } from '../src/auth/password.ts';
import type { Db } from '../src/db/db.ts';
import { sql } from '../src/db/sql.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';

// Test data builders: each test makes exactly the data it needs. Vietnamese names, as users write them.

export { DEMO_PASSWORD } from '../src/demo/accounts.ts';

let passwordHash: Promise<string> | undefined;
const uniq = () => randomBytes(4).toString('hex');

export interface TestAgency {
  id: number;
  name: string;
  path: string;
  level: AgencyLevel;
}

export async function makeAgency(
  db: Db,
  options: {
    name?: string;
    level?: AgencyLevel;
    kind?: AgencyKind;
    parent?: TestAgency;
    aliases?: string[];
    slug?: string;
  } = {},
): Promise<TestAgency> {
  const level = options.level ?? options.parent?.level ?? 'central';
  const name = options.name ?? `Cơ quan thử nghiệm ${uniq()}`;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO agencies (slug, name, level, kind, parent_id, path)
    VALUES (${options.slug ?? `test-${uniq()}`}, ${name}, ${level}, ${options.kind ?? 'state'}, ${options.parent?.id ?? null}, '0')
    RETURNING id`);
  const id = row!.id;
  const path = options.parent ? `${options.parent.path}.${id}` : String(id);
  await db.query(sql`UPDATE agencies SET path = ${path}::ltree WHERE id = ${id}`);
  for (const alias of options.aliases ?? []) {
    await db.query(sql`INSERT INTO agency_aliases (agency_id, alias) VALUES (${id}, ${alias})`);
  }
  return { id, name, path, level };
}

export async function makeGroup(db: Db, name: string, members: TestAgency[]): Promise<TestAgency> {
  const group = await makeAgency(db, { name, kind: 'group' });
  for (const member of members) {
    await db.query(sql`INSERT INTO agency_group_members (group_id, member_id) VALUES (${group.id}, ${member.id})`);
  }
  return group;
}

export interface TestUser {
  id: number;
  username: string;
  role: Role;
  agency: TestAgency;
}

export async function makeUser(
  db: Db,
  options: { role: Role; agency: TestAgency; scope?: TestAgency | null; username?: string },
): Promise<TestUser> {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const username = options.username ?? `${options.role}-${uniq()}`;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO users (username, password_hash, full_name, agency_id, role, scope_agency_id)
    VALUES (${username}, ${await passwordHash}, ${`Nguyễn Văn ${username}`}, ${options.agency.id}, ${options.role},
            ${options.scope?.id ?? null})
    RETURNING id`);
  return { id: row!.id, username, role: options.role, agency: options.agency };
}

export interface TestDirective {
  id: number;
  number: string;
}

export async function makeDirective(
  db: Db,
  options: {
    number?: string;
    level?: AgencyLevel;
    status?: 'draft' | 'published';
    programme?: string | null;
    scope?: TestAgency | null;
    issuer?: TestAgency | null;
    issuedOn?: string;
  } = {},
): Promise<TestDirective> {
  const number = options.number ?? `${Math.floor(Math.random() * 900) + 10}-KH/${uniq().toUpperCase()}`;
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO directives (number, doc_type, issued_on, level, title, programme_code, status, scope_agency_id, issuer_agency_id)
    VALUES (${number}, 'Kế hoạch', ${options.issuedOn ?? '2025-06-01'}, ${options.level ?? 'central'},
            ${`Kế hoạch thực hiện ${number}`}, ${options.programme === undefined ? 'NQ57' : options.programme},
            ${options.status ?? 'published'}, ${options.scope?.id ?? null}, ${options.issuer?.id ?? null})
    RETURNING id`);
  return { id: row!.id, number };
}

export interface TestTask {
  id: number;
  directiveId: number;
}

export async function makeTask(
  db: Db,
  options: {
    directive: TestDirective;
    lead?: TestAgency[];
    coordinating?: TestAgency[];
    dueDate?: string | null;
    deadlineKind?: DeadlineKind;
    text?: string;
    parent?: TestTask;
    completedOn?: string | null;
    progressPercent?: number;
    lastAcceptedReportAt?: Date | null;
  },
): Promise<TestTask> {
  const kind = options.deadlineKind ?? (options.dueDate ? 'date' : 'none');
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO tasks (directive_id, ref, text, deadline_kind, deadline_raw, due_date, first_due_date, parent_task_id,
                       completed_on, progress_percent, last_accepted_report_at)
    VALUES (${options.directive.id}, ${uniq()}, ${options.text ?? `Xây dựng cơ sở dữ liệu chuyên ngành ${uniq()}`},
            ${kind}, '', ${options.dueDate ?? null}, ${options.dueDate ?? null}, ${options.parent?.id ?? null},
            ${options.completedOn ?? null}, ${options.progressPercent ?? 0}, ${options.lastAcceptedReportAt ?? null})
    RETURNING id`);
  const id = row!.id;
  let position = 0;
  for (const agency of options.lead ?? []) {
    await db.query(
      sql`INSERT INTO task_assignments (task_id, agency_id, role, position) VALUES (${id}, ${agency.id}, 'lead', ${position++})`,
    );
  }
  for (const agency of options.coordinating ?? []) {
    await db.query(
      sql`INSERT INTO task_assignments (task_id, agency_id, role, position) VALUES (${id}, ${agency.id}, 'coordinating', ${position++})`,
    );
  }
  return { id, directiveId: options.directive.id };
}
