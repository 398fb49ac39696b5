import type { MailPreferencesRow } from './mail.queries.ts';
import type { MailPreferencesResponse } from './mail.schemas.ts';

export function toMailPreferencesResponse(row: MailPreferencesRow): MailPreferencesResponse {
  return {
    email: row.email?.trim() || null,
    notificationsByEmail: row.notifications_by_email,
    language: row.language,
  };
}
