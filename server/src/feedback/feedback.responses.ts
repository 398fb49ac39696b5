import type { Actor } from '../auth/actor.ts';
import { vietnamDate } from '../calendar/calendar.ts';
import type { FeedbackHistoryRow, FeedbackRow } from './feedback.queries.ts';
import type { FeedbackResponse, FeedbackTrackResponse } from './feedback.schemas.ts';
import { canRate, feedbackAbilities } from './feedback.service.ts';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/** The tracking page's view: built field by field, so no contact data nor staff name can slip in. */
export function toFeedbackTrackResponse(row: FeedbackRow, history: FeedbackHistoryRow[]): FeedbackTrackResponse {
  return {
    trackingCode: row.tracking_code,
    type: row.type,
    field: { id: row.field_id, code: row.field_code, name: row.field_name },
    title: row.title,
    status: row.status,
    submittedOn: vietnamDate(row.created_at),
    agency: ref(row.assigned_agency_id, row.assigned_agency_name),
    answerDueOn: row.status === 'answered' ? null : row.answer_due_on,
    history: history.map((h) => ({
      action: h.action,
      at: h.at.toISOString(),
      agency: ref(h.agency_id, h.agency_name),
    })),
    answer:
      row.answer !== null && row.answered_on !== null && row.assigned_agency_id !== null
        ? {
            text: row.answer,
            answeredOn: row.answered_on,
            agency: { id: row.assigned_agency_id, name: row.assigned_agency_name ?? '' },
          }
        : null,
    rating:
      row.rating !== null && row.rated_at !== null
        ? { value: row.rating, comment: row.rating_comment, ratedOn: vietnamDate(row.rated_at) }
        : null,
    canRate: canRate(row),
  };
}

export function toFeedbackResponse(row: FeedbackRow, actor: Actor): FeedbackResponse {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    type: row.type,
    field: { id: row.field_id, code: row.field_code, name: row.field_name },
    concernedAgency: ref(row.concerned_agency_id, row.concerned_agency_name),
    title: row.title,
    content: row.content,
    contact: {
      name: row.contact_name,
      email: row.contact_email,
      phone: row.contact_phone,
      organisation: row.contact_organisation,
    },
    publication: { consent: row.publish_consent, includeName: row.publish_name },
    status: row.status,
    standing: row.standing,
    agency: ref(row.assigned_agency_id, row.assigned_agency_name),
    assignedOn: row.assigned_on,
    transferUntil: row.transfer_until,
    answerDueOn: row.answer_due_on,
    answer: row.answer,
    answeredOn: row.answered_on,
    submittedAt: row.created_at.toISOString(),
    abilities: feedbackAbilities(actor, row),
  };
}

export function toFeedbackHistoryItem(h: FeedbackHistoryRow) {
  return {
    action: h.action,
    at: h.at.toISOString(),
    agency: ref(h.agency_id, h.agency_name),
    by: ref(h.user_id, h.user_name),
    reason: h.reason,
  };
}
