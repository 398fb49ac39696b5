import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import type { MailLanguage } from './mail.templates.ts';

export interface MailRow {
  id: number;
  to_address: string;
  user_id: number | null;
  notification_id: number | null;
  language: MailLanguage;
  template: string;
  data: Record<string, unknown>;
  state: 'queued' | 'sent' | 'unsent' | 'failed';
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Writes a mail to the outbox; its sending job is queued by the outbox's trigger (mail_outbox.sql). */
export async function insertMail(
  db: Db,
  mail: { to: string; userId: number | null; language: MailLanguage; template: string; data: Record<string, unknown> },
): Promise<MailRow> {
  const [row] = await db.query<MailRow>(sql`
    INSERT INTO mail_outbox (to_address, user_id, language, template, data)
    VALUES (${mail.to}, ${mail.userId}, ${mail.language}, ${mail.template}, ${JSON.stringify(mail.data)}::jsonb)
    RETURNING *`);
  return row!;
}

export async function findMail(db: Db, id: number): Promise<MailRow | undefined> {
  const [row] = await db.query<MailRow>(sql`SELECT * FROM mail_outbox WHERE id = ${id}`);
  return row;
}

export async function markMailSent(db: Db, id: number, messageId: string | null): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET state = 'sent', attempts = attempts + 1, message_id = ${messageId},
    last_error = NULL, sent_at = now() WHERE id = ${id}`);
}

/** An attempt that failed: kept queued for the next attempt, or failed for good when `final`. */
export async function markMailAttemptFailed(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${error},
    state = ${final ? 'failed' : 'queued'} WHERE id = ${id}`);
}

/** Removes fields (secrets) from a mail's stored data. */
export async function removeMailData(db: Db, id: number, keys: readonly string[]): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET data = data - ${keys as string[]}::text[] WHERE id = ${id}`);
}

export async function markMailUnsent(db: Db, id: number, reason: string): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET state = 'unsent', last_error = ${reason} WHERE id = ${id}`);
}

export interface MailPreferencesRow {
  email: string | null;
  notifications_by_email: boolean;
  language: MailLanguage;
}

/** A person's e-mail choices (the defaults when they never chose) beside the address of their account. */
export async function findMailPreferences(db: Db, userId: number): Promise<MailPreferencesRow | undefined> {
  const [row] = await db.query<MailPreferencesRow>(sql`
    SELECT u.email, coalesce(p.notifications_by_email, true) AS notifications_by_email,
           coalesce(p.language, 'vi') AS language
    FROM users u LEFT JOIN mail_preferences p ON p.user_id = u.id
    WHERE u.id = ${userId}`);
  return row;
}

export async function upsertMailPreferences(
  db: Db,
  userId: number,
  input: { notificationsByEmail: boolean; language: MailLanguage },
): Promise<void> {
  await db.query(sql`
    INSERT INTO mail_preferences (user_id, notifications_by_email, language)
    VALUES (${userId}, ${input.notificationsByEmail}, ${input.language})
    ON CONFLICT (user_id) DO UPDATE SET notifications_by_email = excluded.notifications_by_email,
      language = excluded.language, updated_at = now()`);
}
