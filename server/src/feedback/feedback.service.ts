import { type Actor, actorUserId, requireUser } from '../auth/actor.ts';
import { canManageScope, feedbackVisibility } from '../auth/scope.ts';
import { loadCalendarOverrides } from '../calendar/calendar.service.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Db } from '../db/db.ts';
import { sql } from '../db/sql.ts';
import { CommonErrors } from '../errors/app-error.ts';
import { queueMail } from '../mail/mail.service.ts';
import { FeedbackErrors } from './feedback.errors.ts';
import {
  activeFieldExists,
  countAttempt,
  type FeedbackRow,
  findFeedback,
  findLimits,
  findReceivingBody,
  insertFeedback,
  insertHistory,
  insertRating,
  listActiveFields,
  listFeedback as listFeedbackRows,
  listHistory,
  standingSql,
  updateRouting,
} from './feedback.queries.ts';
import { complaintWording, newTrackingCode, normaliseTrackingCode, SUBMISSION_LIMITS } from './feedback.rules.ts';
import type {
  AnswerFeedbackBody,
  AssignFeedbackBody,
  FeedbackListQuery,
  FeedbackType,
  RateAnswerBody,
  SubmitFeedbackBody,
  TransferFeedbackBody,
} from './feedback.schemas.ts';

// Feedback and recommendations (issue 13): anyone submits, the standing office assigns the competent
// body, that body may pass it on within its transfer limit, and answers within the answer limit — all
// in working days. Every routing step writes its history row in the same transaction.

export function listFields(db: Db) {
  return listActiveFields(db);
}

async function limitAttempts(db: Db, per: 'address' | 'email', value: string): Promise<void> {
  const limit = SUBMISSION_LIMITS[per];
  const { attempts, window_end } = await countAttempt(db, `${per}:${value}`, limit.windowSeconds);
  if (attempts > limit.attempts) {
    throw FeedbackErrors.tooMany(per, Math.max(1, Math.ceil((window_end.getTime() - Date.now()) / 1000)));
  }
}

/**
 * Receives a submission from anyone. Refused, and not stored: too many from one address or e-mail, and
 * complaints or denunciations (they have their own laws and offices). A filled honeypot is answered
 * like a success with a code that leads nowhere, so a bot learns nothing; nothing is stored.
 */
export async function submitFeedback(
  db: Db,
  _actor: Actor,
  input: SubmitFeedbackBody & { ip: string },
): Promise<{ trackingCode: string; stored: boolean }> {
  await limitAttempts(db, 'address', input.ip);
  if (input.contact.email) await limitAttempts(db, 'email', input.contact.email);
  if (input.website) return { trackingCode: newTrackingCode(), stored: false };
  if (input.type === 'complaint' || input.type === 'denunciation') {
    throw FeedbackErrors.complaintNotHandled(input.type, 'type');
  }
  const wording = complaintWording(`${input.title}\n${input.content}`);
  if (wording) throw FeedbackErrors.complaintNotHandled(wording, 'wording');
  if (!(await activeFieldExists(db, input.fieldId))) throw FeedbackErrors.unknownField(input.fieldId);
  const concerned =
    input.concernedAgencyId === undefined ? undefined : await findReceivingBody(db, input.concernedAgencyId);
  if (input.concernedAgencyId !== undefined && !concerned) {
    throw FeedbackErrors.unknownAgency(input.concernedAgencyId);
  }
  return db.transaction(async (tx) => {
    // 50 random bits: a clash is all but impossible, and is simply drawn again.
    for (;;) {
      const trackingCode = newTrackingCode();
      const id = await insertFeedback(tx, {
        trackingCode,
        type: input.type as FeedbackType,
        fieldId: input.fieldId,
        concernedAgencyId: concerned?.id ?? null,
        scopeAgencyId: concerned?.province_id ?? null,
        title: input.title,
        content: input.content,
        contact: {
          name: input.contact.name,
          email: input.contact.email ?? null,
          phone: input.contact.phone ?? null,
          organisation: input.contact.organisation ?? null,
        },
        publishConsent: input.publication.consent,
        publishName: input.publication.includeName,
        ip: input.ip,
      });
      if (id === 0) continue;
      await insertHistory(tx, { feedbackId: id, action: 'received', agencyId: null, userId: null });
      // The receipt goes out through the mail outbox, queued in this transaction: a receipt exists
      // exactly when the submission is stored.
      if (input.contact.email) {
        await queueMail(tx, {
          to: input.contact.email,
          template: 'feedback_receipt',
          data: { trackingCode, title: input.title },
        });
      }
      return { trackingCode, stored: true };
    }
  });
}

async function findByCode(db: Db, code: string, lock = false): Promise<FeedbackRow> {
  const trackingCode = normaliseTrackingCode(code);
  const row = trackingCode
    ? await findFeedback(db, sql`f.tracking_code = ${trackingCode}`, vietnamDate(), lock)
    : undefined;
  if (!row) throw CommonErrors.notFound('feedback', code);
  return row;
}

/** What anyone holding the code sees: its path and the answer; no contact data, no names of staff. */
export async function trackFeedback(db: Db, code: string) {
  const row = await findByCode(db, code);
  return { row, history: await listHistory(db, row.id) };
}

/** The holder of the code may rate the answer once it is there, and only once. */
export function canRate(row: FeedbackRow): boolean {
  return row.status === 'answered' && row.rating === null;
}

/**
 * The submitter rates the answer (1–5, a comment if they wish). The tracking code is their proof, as it
 * is for reading the answer; refused before the answer and after a first rating.
 */
export async function rateAnswer(db: Db, _actor: Actor, code: string, input: RateAnswerBody) {
  return db.transaction(async (tx) => {
    const row = await findByCode(tx, code, true);
    if (row.status !== 'answered') throw FeedbackErrors.notAnswered(row.status);
    const rated = await insertRating(tx, { feedbackId: row.id, rating: input.rating, comment: input.comment ?? null });
    if (!rated) throw FeedbackErrors.alreadyRated();
    await insertHistory(tx, { feedbackId: row.id, action: 'rated', agencyId: row.assigned_agency_id, userId: null });
    return trackFeedback(tx, code);
  });
}

/** The reader works for the body the submission is with (an inspector reads, never acts). */
function isWithBodyOf(actor: Actor, row: FeedbackRow): boolean {
  return actor.kind === 'user' && actor.role !== 'inspector' && actor.agencyId === row.assigned_agency_id;
}

/** What the reader may do with a submission now (the routing functions check the same). */
export function feedbackAbilities(actor: Actor, row: FeedbackRow, today: string = vietnamDate()) {
  const open = row.status !== 'answered';
  const withReader = isWithBodyOf(actor, row);
  return {
    assign: open && canManageScope(actor, row.scope_path),
    transfer: row.status === 'assigned' && withReader && row.transfer_until !== null && today <= row.transfer_until,
    answer: row.status === 'assigned' && withReader,
  };
}

async function getVisible(db: Db, actor: Actor, id: number, lock = false): Promise<FeedbackRow> {
  requireUser(actor);
  const row = await findFeedback(db, sql`f.id = ${id} AND ${feedbackVisibility(actor)}`, vietnamDate(), lock);
  if (!row) throw CommonErrors.notFound('feedback', id);
  return row;
}

/** The submission as a change left it, for the one who made the change (a transfer takes it out of their sight). */
async function readBack(db: Db, id: number): Promise<FeedbackRow> {
  return (await findFeedback(db, sql`f.id = ${id}`, vietnamDate()))!;
}

export function getFeedback(db: Db, actor: Actor, id: number): Promise<FeedbackRow> {
  return getVisible(db, actor, id);
}

export async function getFeedbackHistory(db: Db, actor: Actor, id: number) {
  await getVisible(db, actor, id);
  return listHistory(db, id);
}

/** The staff inbox: what the reader may see, filtered, the most pressing first. */
export async function listFeedback(db: Db, actor: Actor, query: FeedbackListQuery) {
  requireUser(actor);
  const today = vietnamDate();
  const where = sql.and([
    feedbackVisibility(actor),
    ...(query.status ? [sql`f.status = ${query.status}`] : []),
    ...(query.standing ? [sql`${standingSql(today)} = ${query.standing}`] : []),
    ...(query.type ? [sql`f.type = ${query.type}`] : []),
    ...(query.fieldId ? [sql`f.field_id = ${query.fieldId}`] : []),
    ...(query.agencyId ? [sql`f.assigned_agency_id = ${query.agencyId}`] : []),
  ]);
  const { rows, total } = await listFeedbackRows(db, where, today, query);
  return { rows, total, limit: query.limit, offset: query.offset };
}

/** The limits of a body's turn, counted in working days from the day it receives the submission. */
async function turnLimits(db: Db, type: FeedbackType, today: string) {
  const limits = await findLimits(db, type);
  const overrides = await loadCalendarOverrides(db);
  const answerDueOn = addWorkingDays(today, limits.answer_within_days, overrides);
  return {
    assignedOn: today,
    transferUntil: addWorkingDays(today, limits.transfer_within_days, overrides),
    answerDueOn,
    dueSoonFrom: addWorkingDays(answerDueOn, -limits.due_soon_days, overrides),
  };
}

async function requireBody(db: Db, agencyId: number) {
  const body = await findReceivingBody(db, agencyId);
  if (!body) throw FeedbackErrors.unknownAgency(agencyId);
  return body;
}

/** The standing office classifies a submission and assigns the competent body (again, to re-route it). */
export async function assignFeedback(
  db: Db,
  actor: Actor,
  id: number,
  input: AssignFeedbackBody,
): Promise<FeedbackRow> {
  return db.transaction(async (tx) => {
    const row = await getVisible(tx, actor, id, true);
    if (!canManageScope(actor, row.scope_path)) throw CommonErrors.forbidden('feedback.assign');
    if (row.status === 'answered') throw FeedbackErrors.notAssignable(row.status);
    if (input.fieldId !== undefined && !(await activeFieldExists(tx, input.fieldId))) {
      throw FeedbackErrors.unknownField(input.fieldId);
    }
    const body = await requireBody(tx, input.agencyId);
    const type = input.type ?? row.type;
    await updateRouting(tx, id, {
      status: 'assigned',
      type,
      fieldId: input.fieldId,
      agencyId: body.id,
      ...(await turnLimits(tx, type, vietnamDate())),
    });
    await insertHistory(tx, { feedbackId: id, action: 'assigned', agencyId: body.id, userId: actorUserId(actor) });
    return readBack(tx, id);
  });
}

/** The body it is with finds it is not its matter and passes it on, with a reason, within its limit. */
export async function transferFeedback(
  db: Db,
  actor: Actor,
  id: number,
  input: TransferFeedbackBody,
): Promise<FeedbackRow> {
  return db.transaction(async (tx) => {
    const row = await getVisible(tx, actor, id, true);
    const today = vietnamDate();
    if (row.status !== 'assigned') throw FeedbackErrors.notOpen(row.status);
    if (!isWithBodyOf(actor, row)) throw FeedbackErrors.notWithYourBody();
    if (today > row.transfer_until!) throw FeedbackErrors.transferTooLate(row.transfer_until!);
    if (input.agencyId === row.assigned_agency_id) throw FeedbackErrors.transferToSameBody();
    const body = await requireBody(tx, input.agencyId);
    await updateRouting(tx, id, { status: 'assigned', agencyId: body.id, ...(await turnLimits(tx, row.type, today)) });
    await insertHistory(tx, {
      feedbackId: id,
      action: 'transferred',
      agencyId: body.id,
      userId: actorUserId(actor),
      reason: input.reason,
    });
    return readBack(tx, id);
  });
}

/** The competent body answers; the answer is what the submitter reads with the code. */
export async function answerFeedback(
  db: Db,
  actor: Actor,
  id: number,
  input: AnswerFeedbackBody,
): Promise<FeedbackRow> {
  return db.transaction(async (tx) => {
    const row = await getVisible(tx, actor, id, true);
    if (row.status !== 'assigned') throw FeedbackErrors.notOpen(row.status);
    if (!isWithBodyOf(actor, row)) throw FeedbackErrors.notWithYourBody();
    await updateRouting(tx, id, {
      status: 'answered',
      agencyId: row.assigned_agency_id!,
      answer: { text: input.answer, answeredOn: vietnamDate(), answeredBy: actorUserId(actor) },
    });
    await insertHistory(tx, {
      feedbackId: id,
      action: 'answered',
      agencyId: row.assigned_agency_id,
      userId: actorUserId(actor),
    });
    return readBack(tx, id);
  });
}
