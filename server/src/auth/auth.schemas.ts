import { Role } from '@giamsat/shared';
import { z } from 'zod';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const MeResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    fullName: z.string(),
    role: Role,
    agency: z.object({ id: z.number(), name: z.string(), level: z.string() }),
    scopeAgency: z.object({ id: z.number(), name: z.string() }).nullable(),
  }),
  /** Send back in the x-csrf-token header on every POST/PUT/PATCH/DELETE. */
  csrfToken: z.string(),
  /** What the server accepts, so a form refuses a file before sending it rather than after. */
  limits: z.object({ maxUploadBytes: z.number().int().positive() }),
});
export type MeResponse = z.infer<typeof MeResponse>;
