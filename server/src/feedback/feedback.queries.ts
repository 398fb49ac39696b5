import type { Db } from '../db/db.ts';
import { type Sql, sql } from '../db/sql.ts';
import type { FeedbackHistoryAction, FeedbackStanding, FeedbackStatus, FeedbackType } from './feedback.schemas.ts';

export interface FeedbackRow {
  id: number;
  tracking_code: string;
  type: FeedbackType;
  field_id: number;
  field_code: string;
  field_name: string;
  concerned_agency_id: number | null;
  concerned_agency_name: string | null;
  scope_agency_id: number | null;
  /** The ltree path of the receiving office's scope (null: the central office). */
  scope_path: string | null;
  title: string;
  content: string;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_organisation: string | null;
  publish_consent: boolean;
  publish_name: boolean;
  status: FeedbackStatus;
  standing: FeedbackStanding | null;
  assigned_agency_id: number | null;
  assigned_agency_name: string | null;
  assigned_on: string | null;
  transfer_until: string | null;
  answer_due_on: string | null;
  due_soon_from: string | null;
  answer: string | null;
  answered_on: string | null;
  /** The submitter's rating of the answer (1–5), given once; null until then. */
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  created_at: Date;
}

export interface FeedbackLimits {
  transfer_within_days: number;
  answer_within_days: number;
  due_soon_days: number;
}

/** The standing of `f` (an alias of feedback) on `today`: the one SQL rule, feedback_standing(). */
export function standingSql(today: string, f = 'f'): Sql {
  const row = sql.raw(f);
  return sql`feedback_standing(${row}.answer_due_on, ${row}.due_soon_from, ${row}.answered_on, ${today}::date)`;
}

const selectFeedback = (today: string) => sql`
  SELECT f.id, f.tracking_code, f.type, f.field_id, ff.code AS field_code, ff.name AS field_name,
         f.concerned_agency_id, ca.name AS concerned_agency_name, f.scope_agency_id,
         ltree2text(sa.path) AS scope_path, f.title, f.content, f.contact_name, f.contact_email,
         f.contact_phone, f.contact_organisation, f.publish_consent, f.publish_name, f.status,
         ${standingSql(today)} AS standing, f.assigned_agency_id, aa.name AS assigned_agency_name,
         f.assigned_on, f.transfer_until, f.answer_due_on, f.due_soon_from, f.answer, f.answered_on,
         fr.rating, fr.comment AS rating_comment, fr.rated_at, f.created_at
  FROM feedback f
  JOIN feedback_fields ff ON ff.id = f.field_id
  LEFT JOIN feedback_ratings fr ON fr.feedback_id = f.id
  LEFT JOIN agencies ca ON ca.id = f.concerned_agency_id
  LEFT JOIN agencies sa ON sa.id = f.scope_agency_id
  LEFT JOIN agencies aa ON aa.id = f.assigned_agency_id`;

export async function findFeedback(db: Db, where: Sql, today: string, lock = false): Promise<FeedbackRow | undefined> {
  const [row] = await db.query<FeedbackRow>(
    sql`${selectFeedback(today)} WHERE ${where} ${lock ? sql`FOR UPDATE OF f` : sql.empty}`,
  );
  return row;
}

export async function listFeedback(
  db: Db,
  where: Sql,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ rows: FeedbackRow[]; total: number }> {
  const rows = await db.query<FeedbackRow>(sql`
    ${selectFeedback(today)} WHERE ${where}
    ORDER BY f.answer_due_on NULLS FIRST, f.created_at, f.id
    LIMIT ${page.limit} OFFSET ${page.offset}`);
  const [count] = await db.query<{ total: number }>(sql`SELECT count(*)::int AS total FROM feedback f WHERE ${where}`);
  return { rows, total: count?.total ?? 0 };
}

export async function findLimits(db: Db, type: FeedbackType): Promise<FeedbackLimits> {
  const [row] = await db.query<FeedbackLimits>(
    sql`SELECT transfer_within_days, answer_within_days, due_soon_days FROM feedback_type_limits WHERE type = ${type}`,
  );
  if (!row) throw new Error(`no limits for feedback type ${type}`);
  return row;
}

export async function listActiveFields(db: Db): Promise<Array<{ id: number; code: string; name: string }>> {
  return db.query(sql`SELECT id, code, name FROM feedback_fields WHERE is_active ORDER BY sort_order, name`);
}

export async function activeFieldExists(db: Db, fieldId: number): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM feedback_fields WHERE id = ${fieldId} AND is_active`);
  return rows.length > 0;
}

/** A live body (not merged away, not a named group) and the province it belongs to, if any. */
export async function findReceivingBody(
  db: Db,
  agencyId: number,
): Promise<{ id: number; name: string; province_id: number | null } | undefined> {
  const [row] = await db.query<{ id: number; name: string; province_id: number | null }>(sql`
    SELECT a.id, a.name, p.id AS province_id
    FROM agencies a
    LEFT JOIN agencies p ON p.id = ltree2text(subpath(a.path, 0, 1))::bigint AND p.level = 'province'
    WHERE a.id = ${agencyId} AND a.merged_into_id IS NULL AND a.kind <> 'group'`);
  return row;
}

export async function insertFeedback(
  db: Db,
  row: {
    trackingCode: string;
    type: FeedbackType;
    fieldId: number;
    concernedAgencyId: number | null;
    scopeAgencyId: number | null;
    title: string;
    content: string;
    contact: { name: string; email: string | null; phone: string | null; organisation: string | null };
    publishConsent: boolean;
    publishName: boolean;
    ip: string;
  },
): Promise<number> {
  const [inserted] = await db.query<{ id: number }>(sql`
    INSERT INTO feedback (tracking_code, type, field_id, concerned_agency_id, scope_agency_id, title, content,
      contact_name, contact_email, contact_phone, contact_organisation, publish_consent, publish_name, status,
      submitted_ip)
    VALUES (${row.trackingCode}, ${row.type}, ${row.fieldId}, ${row.concernedAgencyId}, ${row.scopeAgencyId},
      ${row.title}, ${row.content}, ${row.contact.name}, ${row.contact.email}, ${row.contact.phone},
      ${row.contact.organisation}, ${row.publishConsent}, ${row.publishName}, 'received', ${row.ip})
    ON CONFLICT (tracking_code) DO NOTHING
    RETURNING id`);
  return inserted?.id ?? 0;
}

/** Sets where it is and its limits; every routing step goes through here with its history row. */
export async function updateRouting(
  db: Db,
  id: number,
  change: {
    status: FeedbackStatus;
    type?: FeedbackType;
    fieldId?: number;
    agencyId: number;
    assignedOn?: string;
    transferUntil?: string;
    answerDueOn?: string;
    dueSoonFrom?: string;
    answer?: { text: string; answeredOn: string; answeredBy: number | null };
  },
): Promise<void> {
  await db.query(sql`
    UPDATE feedback SET status = ${change.status},
      type = coalesce(${change.type ?? null}, type),
      field_id = coalesce(${change.fieldId ?? null}::bigint, field_id),
      assigned_agency_id = ${change.agencyId},
      assigned_on = coalesce(${change.assignedOn ?? null}::date, assigned_on),
      transfer_until = coalesce(${change.transferUntil ?? null}::date, transfer_until),
      answer_due_on = coalesce(${change.answerDueOn ?? null}::date, answer_due_on),
      due_soon_from = coalesce(${change.dueSoonFrom ?? null}::date, due_soon_from),
      answer = coalesce(${change.answer?.text ?? null}, answer),
      answered_on = coalesce(${change.answer?.answeredOn ?? null}::date, answered_on),
      answered_by = coalesce(${change.answer?.answeredBy ?? null}::bigint, answered_by),
      updated_at = now()
    WHERE id = ${id}`);
}

export async function insertHistory(
  db: Db,
  row: {
    feedbackId: number;
    action: FeedbackHistoryAction;
    agencyId: number | null;
    userId: number | null;
    reason?: string | null;
  },
): Promise<void> {
  await db.query(sql`
    INSERT INTO feedback_history (feedback_id, action, agency_id, user_id, reason)
    VALUES (${row.feedbackId}, ${row.action}, ${row.agencyId}, ${row.userId}, ${row.reason ?? null})`);
}

export interface FeedbackHistoryRow {
  action: FeedbackHistoryAction;
  at: Date;
  agency_id: number | null;
  agency_name: string | null;
  user_id: number | null;
  user_name: string | null;
  reason: string | null;
}

export function listHistory(db: Db, feedbackId: number): Promise<FeedbackHistoryRow[]> {
  return db.query<FeedbackHistoryRow>(sql`
    SELECT h.action, h.at, h.agency_id, a.name AS agency_name, h.user_id, u.full_name AS user_name, h.reason
    FROM feedback_history h
    LEFT JOIN agencies a ON a.id = h.agency_id
    LEFT JOIN users u ON u.id = h.user_id
    WHERE h.feedback_id = ${feedbackId}
    ORDER BY h.at, h.id`);
}

/**
 * Counts one more attempt for `key` in its current fixed window and returns the count and when the
 * window ends. One statement, so concurrent requests on several app processes count exactly.
 */
export async function countAttempt(
  db: Db,
  key: string,
  windowSeconds: number,
): Promise<{ attempts: number; window_end: Date }> {
  await db.query(sql`DELETE FROM feedback_rate_limits WHERE window_start < now() - interval '2 days'`);
  const [row] = await db.query<{ attempts: number; window_end: Date }>(sql`
    INSERT INTO feedback_rate_limits (key, window_start, attempts)
    VALUES (${key}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    ON CONFLICT (key, window_start) DO UPDATE SET attempts = feedback_rate_limits.attempts + 1
    RETURNING attempts, window_start + make_interval(secs => ${windowSeconds}) AS window_end`);
  return row!;
}

/** The bodies a citizen may name on the form: central bodies and provinces (the registry's top levels). */
export function listTopBodies(db: Db): Promise<Array<{ id: number; name: string; level: string }>> {
  return db.query(sql`
    SELECT id, name, level FROM agencies
    WHERE level IN ('central', 'province') AND parent_id IS NULL AND merged_into_id IS NULL AND kind <> 'group'
    ORDER BY level, name`);
}

/** Records the submitter's rating; false when it was rated already (the key keeps it to one). */
export async function insertRating(
  db: Db,
  row: { feedbackId: number; rating: number; comment: string | null },
): Promise<boolean> {
  const inserted = await db.query(sql`
    INSERT INTO feedback_ratings (feedback_id, rating, comment)
    VALUES (${row.feedbackId}, ${row.rating}, ${row.comment})
    ON CONFLICT (feedback_id) DO NOTHING
    RETURNING feedback_id`);
  return inserted.length > 0;
}
