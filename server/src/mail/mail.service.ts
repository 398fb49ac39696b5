import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { type Actor, requireUser } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { AppError, CommonErrors } from '../errors/app-error.ts';
import { defineJob } from '../jobs/job.service.ts';
import {
  findMail,
  findMailPreferences,
  insertMail,
  type MailPreferencesRow,
  type MailRow,
  markMailAttemptFailed,
  markMailSent,
  markMailUnsent,
  removeMailData,
  upsertMailPreferences,
} from './mail.queries.ts';
import type { UpdateMailPreferencesBody } from './mail.schemas.ts';
import { MAIL_SECRETS, MAIL_TEMPLATES, type MailLanguage, renderMail } from './mail.templates.ts';

// E-mail leaves through the outbox (migration 0130): queueMail writes a row in the caller's transaction,
// so a mail exists exactly when the change that causes it is committed; the row's job (queued by the
// outbox's trigger) sends it. Notifications are mailed by a trigger on the bell's table (mail_outbox.sql).

/**
 * Puts a mail in the outbox, in the transaction `tx` of the event that causes it (a receipt for a citizen's
 * feedback, …). `template` names one of MAIL_TEMPLATES; `data` is what it reads. Sent by a background job.
 */
export async function queueMail(
  tx: Db,
  input: {
    to: string;
    template: string;
    data: Record<string, unknown>;
    language?: MailLanguage;
    userId?: number | null;
  },
): Promise<MailRow> {
  if (!MAIL_TEMPLATES[input.template]) throw new Error(`no mail template '${input.template}'`);
  return insertMail(tx, {
    to: input.to.trim(),
    userId: input.userId ?? null,
    language: input.language ?? 'vi',
    template: input.template,
    data: input.data,
  });
}

/** Sends one mail of the outbox. Idempotent: a mail already sent (or kept unsent) is left as it is. */
export const sendMailJob = defineJob({
  kind: 'mail.send',
  payload: z.object({ mailId: z.number().int() }),
  // The handler decides when to give up (MAIL_MAX_ATTEMPTS, read at run time); this is only a ceiling.
  maxAttempts: 20,
  async run(ctx, payload) {
    const mail = await findMail(ctx.db, payload.mailId);
    if (mail?.state !== 'queued') return { state: mail?.state ?? 'gone' };
    const { smtp, from, maxAttempts } = ctx.config.mail;
    if (!smtp) {
      const reason = 'SMTP is not configured';
      await markMailUnsent(ctx.db, mail.id, reason);
      console.warn(
        `giamsat: mail #${mail.id} to ${mail.to_address} kept in the outbox, unsent: ${reason} (set SMTP_URL or SMTP_HOST)`,
      );
      return { state: 'unsent' };
    }
    const final = ctx.job.attempts >= maxAttempts;
    let rendered: ReturnType<typeof renderMail>;
    try {
      rendered = renderMail(mail.template, mail.data, mail.language, { appUrl: ctx.config.appUrl });
    } catch (error) {
      await markMailAttemptFailed(ctx.db, mail.id, messageOf(error), true);
      throw new AppError('MAIL_NOT_RENDERED', { params: { mailId: mail.id } });
    }
    const transport = createTransport(smtp);
    try {
      const info = await transport.sendMail({ from, to: mail.to_address, ...rendered });
      await markMailSent(ctx.db, mail.id, info.messageId ?? null);
      await forgetMailSecrets(ctx.db, mail);
      return { state: 'sent' };
    } catch (error) {
      // Refused or unreachable: the queue tries again later (growing delays) until the last attempt.
      await markMailAttemptFailed(ctx.db, mail.id, messageOf(error), final);
      if (final) await forgetMailSecrets(ctx.db, mail);
      if (final) throw new AppError('MAIL_FAILED', { params: { mailId: mail.id, message: messageOf(error) } });
      throw error;
    } finally {
      transport.close();
    }
  },
});

/** A sent (or given up) mail keeps no secret of its template's data (MAIL_SECRETS: a link's token). */
async function forgetMailSecrets(db: Db, mail: MailRow): Promise<void> {
  const secrets = MAIL_SECRETS[mail.template];
  if (secrets?.length) await removeMailData(db, mail.id, secrets);
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The signed-in person's e-mail choices, beside the address their account has. */
export async function getMailPreferences(db: Db, actor: Actor): Promise<MailPreferencesRow> {
  const user = requireUser(actor);
  const row = await findMailPreferences(db, user.userId);
  if (!row) throw CommonErrors.notFound('user', user.userId);
  return row;
}

/** Each person sets their own: whether notifications come by e-mail too, and in which language. */
export async function updateMailPreferences(
  db: Db,
  actor: Actor,
  input: UpdateMailPreferencesBody,
): Promise<MailPreferencesRow> {
  const user = requireUser(actor);
  await upsertMailPreferences(db, user.userId, input);
  return getMailPreferences(db, actor);
}
