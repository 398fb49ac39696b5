import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error.ts';

/** Fastify's own refusals, renamed to the stable codes the web app translates. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'NOT_MULTIPART',
};

/**
 * The app's one error handler: an AppError → its status and `{ code, params }`; a schema failure → 400
 * VALIDATION_FAILED with the issues; Fastify's own 4xx → a stable code; anything else is logged with
 * the request id and answered 500 INTERNAL_ERROR (internals never leak).
 */
export function errorHandler(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.logDetail) req.log.error({ ...error.logDetail, code: error.code, reqId: req.id }, error.code);
    // A refusal that says when to try again says it in HTTP too, for clients and proxies that read it.
    const { retryAfterSeconds } = error.params;
    if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(retryAfterSeconds));
    return reply.code(error.status).send({ code: error.code, params: error.params });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return reply.code(400).send({
      code: 'VALIDATION_FAILED',
      params: { context: error.validationContext },
      issues: error.validation.map((v) => ({
        path: v.instancePath,
        message: v.message,
        params: v.params,
      })),
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx: malformed JSON, body too large, unsupported media type…
    const code = (error.code && FRAMEWORK_CODES[error.code]) ?? error.code ?? 'BAD_REQUEST';
    return reply.code(status).send({ code, params: { message: error.message } });
  }
  req.log.error({ err: error, reqId: req.id }, 'unhandled error');
  return reply.code(500).send({ code: 'INTERNAL_ERROR', params: { requestId: req.id } });
}
