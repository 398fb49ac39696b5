import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { AccountTokenPurpose } from './account.schemas.ts';

// The single-use links to set a password (migration 0160): only the token's sha256 is stored.

export interface AccountTokenRow {
  id: number;
  user_id: number;
  purpose: AccountTokenPurpose;
  expires_at: Date;
  used_at: Date | null;
  username: string;
  full_name: string;
  is_active: boolean;
}

/** A new link for the account; its earlier unused links stop working (only the newest mail counts). */
export async function replaceAccountToken(
  db: Db,
  token: { userId: number; purpose: AccountTokenPurpose; tokenHash: string; createdBy: number | null; expiresAt: Date },
): Promise<void> {
  await db.query(sql`DELETE FROM account_tokens WHERE user_id = ${token.userId} AND used_at IS NULL`);
  await db.query(sql`
    INSERT INTO account_tokens (user_id, purpose, token_hash, created_by, expires_at)
    VALUES (${token.userId}, ${token.purpose}, ${token.tokenHash}, ${token.createdBy}, ${token.expiresAt})`);
}

export async function findAccountToken(
  db: Db,
  tokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<AccountTokenRow | undefined> {
  const [row] = await db.query<AccountTokenRow>(sql`
    SELECT t.id, t.user_id, t.purpose, t.expires_at, t.used_at, u.username, u.full_name, u.is_active
    FROM account_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${tokenHash}
    ${options.forUpdate ? sql`FOR UPDATE OF t` : sql.empty}`);
  return row;
}

export async function markAccountTokenUsed(db: Db, id: number, at: Date): Promise<void> {
  await db.query(sql`UPDATE account_tokens SET used_at = ${at} WHERE id = ${id}`);
}
