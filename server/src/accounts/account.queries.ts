import type { Role } from '@giamsat/shared';
import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';

// Every SQL statement about accounts. password_hash is selected only where a password is checked.

export interface UserRow {
  id: number;
  username: string;
  full_name: string;
  email: string | null;
  role: Role;
  agency_id: number;
  agency_name: string;
  agency_level: 'central' | 'province' | 'commune';
  scope_agency_id: number | null;
  scope_agency_name: string | null;
  is_active: boolean;
  password_set: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const USER_COLUMNS = sql.raw(`u.id, u.username, u.full_name, u.email, u.role, u.agency_id, a.name AS agency_name,
  a.level AS agency_level, u.scope_agency_id, sa.name AS scope_agency_name, u.is_active,
  u.password_hash IS NOT NULL AS password_set, u.version, u.created_at,
  u.updated_at`);
const USER_FROM = sql.raw(
  'FROM users u JOIN agencies a ON a.id = u.agency_id LEFT JOIN agencies sa ON sa.id = u.scope_agency_id',
);

export async function findUser(db: Db, id: number, options: { forUpdate?: boolean } = {}) {
  const [row] = await db.query<UserRow>(
    sql`SELECT ${USER_COLUMNS} ${USER_FROM} WHERE u.id = ${id} ${options.forUpdate ? sql`FOR UPDATE OF u` : sql.empty}`,
  );
  return row;
}

export async function listUsers(
  db: Db,
  filter: {
    agencyId?: number | undefined;
    role?: Role | undefined;
    q?: string | undefined;
    isActive?: boolean | undefined;
    invited?: boolean | undefined;
    limit: number;
    offset: number;
  },
) {
  const conditions: Sql[] = [];
  if (filter.agencyId !== undefined) conditions.push(sql`u.agency_id = ${filter.agencyId}`);
  if (filter.role) conditions.push(sql`u.role = ${filter.role}`);
  if (filter.isActive !== undefined) conditions.push(sql`u.is_active = ${filter.isActive}`);
  if (filter.invited !== undefined) conditions.push(sql`(u.password_hash IS NULL) = ${filter.invited}`);
  const q = filter.q?.replace(/\s+/g, ' ').trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(sql`(search_norm(u.username) LIKE search_norm(${pattern})
      OR search_norm(u.full_name) LIKE search_norm(${pattern})
      OR lower(u.email) LIKE lower(${pattern}))`);
  }
  return db.query<UserRow & { total: number }>(sql`
    SELECT ${USER_COLUMNS}, count(*) OVER () AS total ${USER_FROM}
    WHERE ${sql.and(conditions)}
    ORDER BY u.username
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
}

export async function countUsers(db: Db, filter: Parameters<typeof listUsers>[1]): Promise<number> {
  const [row] = await listUsers(db, { ...filter, limit: 1, offset: 0 });
  return row?.total ?? 0;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM users WHERE lower(username) = lower(${username})`);
  return rows.length > 0;
}

/** Is this e-mail address already an account's (in any letter case)? */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM users WHERE lower(email) = lower(${email})`);
  return rows.length > 0;
}

/** Of these addresses (lowercase), those an account has already. */
export async function takenEmails(db: Db, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db.query<{ email: string }>(sql`
    SELECT lower(email) AS email FROM users WHERE lower(email) = ANY(${emails as string[]}::text[])
    UNION SELECT lower(username) FROM users WHERE lower(username) = ANY(${emails as string[]}::text[])`);
  return new Set(rows.map((r) => r.email));
}

export async function findAgencyForAccount(db: Db, id: number) {
  const [row] = await db.query<{ id: number; kind: string; merged_into_id: number | null }>(
    sql`SELECT id, kind, merged_into_id FROM agencies WHERE id = ${id}`,
  );
  return row;
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    /** null: invited, the owner sets it through an e-mailed link. */
    passwordHash: string | null;
    fullName: string;
    email: string | null;
    agencyId: number;
    role: Role;
    scopeAgencyId: number | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(sql`
    INSERT INTO users (username, password_hash, full_name, email, agency_id, role, scope_agency_id)
    VALUES (${user.username}, ${user.passwordHash}, ${user.fullName}, ${user.email}, ${user.agencyId}, ${user.role},
            ${user.scopeAgencyId})
    RETURNING id`);
  return row!.id;
}

export async function updateUser(
  db: Db,
  id: number,
  fields: {
    fullName: string;
    email: string | null;
    role: Role;
    agencyId: number;
    scopeAgencyId: number | null;
    isActive: boolean;
  },
  at: Date,
): Promise<void> {
  await db.query(sql`
    UPDATE users SET full_name = ${fields.fullName}, email = ${fields.email}, role = ${fields.role},
      agency_id = ${fields.agencyId}, scope_agency_id = ${fields.scopeAgencyId}, is_active = ${fields.isActive},
      version = version + 1, updated_at = ${at}
    WHERE id = ${id}`);
}

export async function findPasswordHash(db: Db, id: number): Promise<string | null | undefined> {
  const [row] = await db.query<{ password_hash: string | null }>(sql`SELECT password_hash FROM users WHERE id = ${id}`);
  return row?.password_hash;
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string, at: Date): Promise<void> {
  await db.query(sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = ${at} WHERE id = ${id}`);
}
