import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { ErrorResponse } from '../errors/error.schemas.ts';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * A multipart/form-data upload's fields, for the OpenAPI document only: the route reads the parts
     * itself (streamed, size-checked), so Fastify must not validate a body.
     */
    uploadForm?: ZodType;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The answers any operation may give besides its own: all in ErrorResponse's shape. */
const READ_ERRORS = {
  400: 'Invalid input (VALIDATION_FAILED, INVALID_TEXT…)',
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN)',
  404: 'Not found, or not visible to the caller (NOT_FOUND)',
} as const;
const CHANGE_ERRORS = {
  ...READ_ERRORS,
  403: 'Not allowed (FORBIDDEN), or the session’s CSRF token is missing or wrong (CSRF_TOKEN_INVALID)',
  409: 'Changed by someone else meanwhile (VERSION_CONFLICT), or a conflicting state',
  413: 'Request body or file too large (PAYLOAD_TOO_LARGE, FILE_TOO_LARGE)',
} as const;

/**
 * The OpenAPI document as the API really behaves (issue 16, defect 7): every operation names the
 * session it may carry (reads: signed in or not — what the public may see is narrower; changes: the
 * session cookie plus its CSRF token in x-csrf-token), its 4xx answers in the one error shape, and an
 * upload its form fields. A route may state its own `security` (sign-in needs none).
 */
export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: { title: 'giamsat API', version: '0.1.0', description: 'Theo dõi nhiệm vụ — Nghị quyết 57-NQ/TW' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description:
            'The csrfToken from POST /api/auth/login or GET /api/auth/me, on every change made with a session.',
        },
      },
    },
  },
  transform: (input) => {
    const { schema, route } = input;
    if (!schema || schema.hide) return jsonSchemaTransform(input);
    const { uploadForm, ...own } = schema;
    const methods = [route.method].flat();
    const changes = methods.some((m) => !SAFE_METHODS.has(m));
    const errors = changes ? CHANGE_ERRORS : READ_ERRORS;
    const ownResponse = (own.response ?? {}) as Record<string, unknown>;
    const transformed = jsonSchemaTransform({
      ...input,
      schema: {
        ...own,
        ...(uploadForm ? { body: uploadForm } : {}),
        security: own.security ?? (changes ? [{ session: [], csrf: [] }] : [{ session: [] }, {}]),
        response: { ...Object.fromEntries(Object.keys(errors).map((s) => [s, ErrorResponse])), ...ownResponse },
      },
    });
    // The shared schema is one component; each answer says in words when it comes.
    const response = transformed.schema.response as Record<string, object>;
    for (const [status, description] of Object.entries(errors)) {
      if (ownResponse[status] === undefined) response[status] = { ...response[status], description };
    }
    return transformed;
  },
  transformObject: jsonSchemaTransformObject,
};
