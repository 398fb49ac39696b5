import { z } from 'zod';

// Contracts of the sessions API. Only zod, so the web app can import them.

/** One of the signed-in user's sessions, named by an opaque id (never its token). */
export const SessionResponse = z.object({
  id: z.number(),
  /** "Chrome 120 · Windows", from the User-Agent it signed in with; null when not recognised. */
  device: z.string().nullable(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** The session making this request. */
  current: z.boolean(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SessionListResponse = z.object({ items: z.array(SessionResponse) });
export type SessionListResponse = z.infer<typeof SessionListResponse>;

export const SignOutOthersResponse = z.object({ signedOut: z.number().int().nonnegative() });
