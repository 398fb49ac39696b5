import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';

type Role = 'admin' | 'office' | 'focal' | 'head' | 'inspector';

export async function insertOidcRequest(
  db: Db,
  row: { stateHash: string; codeVerifier: string; nonce: string; expiresAt: Date },
): Promise<void> {
  // Anyone may start a sign-in: the rows of those never finished go as new ones come.
  await db.query(sql`DELETE FROM oidc_requests WHERE expires_at < now()`);
  await db.query(sql`INSERT INTO oidc_requests (state_hash, code_verifier, nonce, expires_at)
    VALUES (${row.stateHash}, ${row.codeVerifier}, ${row.nonce}, ${row.expiresAt})`);
}

/** Takes a sign-in sent to the provider (once: the row goes, as do the expired ones). */
export async function takeOidcRequest(
  db: Db,
  stateHash: string,
  now: Date,
): Promise<{ code_verifier: string; nonce: string } | undefined> {
  const [row] = await db.query<{ code_verifier: string; nonce: string; expires_at: Date }>(sql`
    DELETE FROM oidc_requests WHERE state_hash = ${stateHash} RETURNING code_verifier, nonce, expires_at`);
  await db.query(sql`DELETE FROM oidc_requests WHERE expires_at < ${now}`);
  return row && row.expires_at > now ? row : undefined;
}

export async function findUserBySubject(
  db: Db,
  issuer: string,
  subject: string,
): Promise<{ id: number; role: Role; is_active: boolean } | undefined> {
  const [row] = await db.query<{ id: number; role: Role; is_active: boolean }>(sql`
    SELECT u.id, u.role, u.is_active FROM oidc_identities i JOIN users u ON u.id = i.user_id
    WHERE i.issuer = ${issuer} AND i.subject = ${subject}`);
  return row;
}

/**
 * The active accounts with this e-mail that no other subject of this provider is linked to: once an
 * account is linked, only its own subject finds it (a re-issued address cannot take it over).
 */
export async function findUsersByEmail(db: Db, issuer: string, email: string): Promise<{ id: number; role: Role }[]> {
  return db.query(sql`
    SELECT u.id, u.role FROM users u
    WHERE lower(u.email) = lower(${email}) AND u.is_active
      AND NOT EXISTS (SELECT 1 FROM oidc_identities i WHERE i.user_id = u.id AND i.issuer = ${issuer})`);
}

export async function linkIdentity(db: Db, issuer: string, subject: string, userId: number): Promise<void> {
  await db.query(sql`INSERT INTO oidc_identities (issuer, subject, user_id) VALUES (${issuer}, ${subject}, ${userId})`);
}

export async function touchIdentity(db: Db, issuer: string, subject: string, at: Date): Promise<void> {
  await db.query(
    sql`UPDATE oidc_identities SET last_used_at = ${at} WHERE issuer = ${issuer} AND subject = ${subject}`,
  );
}
