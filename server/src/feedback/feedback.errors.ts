import { AppError } from '../errors/app-error.ts';

/** Where a complaint or a denunciation goes instead: the law that governs it and the office that receives it. */
const ELSEWHERE = {
  complaint: { law: 'Luật Khiếu nại số 02/2011/QH13', receivedBy: 'citizen_reception' },
  denunciation: { law: 'Luật Tố cáo số 25/2018/QH14', receivedBy: 'citizen_reception' },
} as const;

/** Error codes of feedback and recommendations. */
export const FeedbackErrors = {
  /** Not stored: complaints and denunciations follow their own laws, at the citizen reception office. */
  complaintNotHandled: (kind: 'complaint' | 'denunciation', reason: 'type' | 'wording') =>
    new AppError('FEEDBACK_IS_COMPLAINT', { status: 422, params: { kind, reason, ...ELSEWHERE[kind] } }),
  tooMany: (per: 'address' | 'email', retryAfterSeconds: number) =>
    new AppError('FEEDBACK_TOO_MANY', { status: 429, params: { per, retryAfterSeconds } }),
  unknownField: (fieldId: number) => new AppError('FEEDBACK_UNKNOWN_FIELD', { status: 400, params: { fieldId } }),
  unknownAgency: (agencyId: number) => new AppError('FEEDBACK_UNKNOWN_AGENCY', { status: 400, params: { agencyId } }),
  notAssignable: (status: string) => new AppError('FEEDBACK_NOT_ASSIGNABLE', { status: 409, params: { status } }),
  notWithYourBody: () => new AppError('FEEDBACK_NOT_WITH_YOUR_BODY', { status: 403 }),
  notOpen: (status: string) => new AppError('FEEDBACK_NOT_OPEN', { status: 409, params: { status } }),
  transferTooLate: (transferUntil: string) =>
    new AppError('FEEDBACK_TRANSFER_TOO_LATE', { status: 409, params: { transferUntil } }),
  notAnswered: (status: string) => new AppError('FEEDBACK_NOT_ANSWERED', { status: 409, params: { status } }),
  alreadyRated: () => new AppError('FEEDBACK_ALREADY_RATED', { status: 409 }),
  transferToSameBody: () => new AppError('FEEDBACK_TRANSFER_SAME_BODY', { status: 400 }),
};
