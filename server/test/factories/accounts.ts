import type { Role } from '@giamsat/shared';
import type { UserActor } from '../../src/auth/actor.ts';
import { loadUserActor } from '../../src/auth/auth.queries.ts';
import { hashPassword } from '../../src/auth/password.ts';
import type { Db } from '../../src/db/db.ts';
import { sql } from '../../src/db/sql.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import type { TestAgency } from './agencies.ts';
import { uniq } from './unique.ts';

export { DEMO_PASSWORD } from '../../src/demo/accounts.ts';

let passwordHash: Promise<string> | undefined;

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

/** The actor a signed-in user becomes, read from the database as a request would see it now. */
export async function actorOf(db: Db, user: Pick<TestUser, 'id'>): Promise<UserActor> {
  const actor = await loadUserActor(db, user.id);
  if (!actor) throw new Error(`no user ${user.id}`);
  return actor;
}

export type RoleName = 'admin' | 'office' | 'focal' | 'head' | 'inspector';
export const ALL_ROLES: readonly RoleName[] = ['admin', 'office', 'focal', 'head', 'inspector'];

/** An administrator's work (accounts, the body registry) refused to every other role: 403 signed in, 401 not. */
export const REFUSED_ALL_BUT_ADMIN: readonly [RoleName | 'public', number][] = [
  ['office', 403],
  ['focal', 403],
  ['head', 403],
  ['inspector', 403],
  ['public', 401],
];

/** One user per role, all in the given body (the office with a national scope). */
export async function makeUserPerRole(db: Db, agency: TestAgency): Promise<Record<RoleName, TestUser>> {
  const users = {} as Record<RoleName, TestUser>;
  for (const role of ALL_ROLES) users[role] = await makeUser(db, { role, agency });
  return users;
}

export async function sessionCount(db: Db, userId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM sessions WHERE user_id = ${userId}`);
  return row?.n ?? 0;
}
