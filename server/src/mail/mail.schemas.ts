// Contracts of a person's e-mail settings. Only zod: the web app imports this file.
import { z } from 'zod';

export const MailLanguage = z.enum(['vi', 'en']);

export const UpdateMailPreferencesBody = z
  .object({
    /** Every notification of the body's bell comes by e-mail too (the default). */
    notificationsByEmail: z.boolean(),
    language: MailLanguage,
  })
  .strict();
export type UpdateMailPreferencesBody = z.infer<typeof UpdateMailPreferencesBody>;

export const MailPreferencesResponse = z.object({
  /** The account's address; null: no e-mail can reach this person whatever they choose. */
  email: z.string().nullable(),
  notificationsByEmail: z.boolean(),
  language: MailLanguage,
});
export type MailPreferencesResponse = z.infer<typeof MailPreferencesResponse>;
