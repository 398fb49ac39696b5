import { z } from 'zod';

/**
 * What every refusal looks like (errors/error-handler.ts): a stable code the web app translates, the
 * facts behind it, and for a schema failure the issues. One schema, named in the OpenAPI document's
 * components, that every operation's 4xx answers point to.
 */
export const ErrorResponse = z
  .object({
    code: z.string().describe('Stable error code, e.g. VALIDATION_FAILED, FORBIDDEN, TOO_MANY_LOGIN_ATTEMPTS'),
    params: z.record(z.string(), z.unknown()),
    issues: z
      .array(z.object({ path: z.string(), message: z.string(), params: z.unknown() }))
      .optional()
      .describe('VALIDATION_FAILED only: what was wrong where'),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
