import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CommonErrors } from '../errors/app-error.ts';
import { type Actor, PUBLIC } from './actor.ts';
import { AuthErrors } from './auth.errors.ts';
import { resolveSession } from './auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
    /** The id of the session making the request (null when nobody is signed in). */
    sessionId: number | null;
  }
  interface FastifyContextConfig {
    /** A write a visitor may make without a session (signing in); every other write needs one. */
    openToVisitors?: boolean;
    /**
     * A read that answers everyone alike, as the public (the public site, open data): the session is not
     * looked up, so a signed-in visitor is served by the replica alone, even while the primary is down.
     */
    sameForEveryone?: boolean;
  }
}

export const SESSION_COOKIE = 'giamsat_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie into `req.actor` on every request (public when absent). A request that
 * changes something with a session cookie must echo the session's CSRF token in `x-csrf-token`:
 * another site can make the browser send the cookie, but cannot read the token.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest<Actor | null>('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.actor = PUBLIC;
    req.csrfToken = null;
    req.sessionId = null;
    const token = req.cookies[SESSION_COOKIE];
    if (req.routeOptions.config.sameForEveryone && SAFE_METHODS.has(req.method)) return;
    // Sessions live on the primary (signing in and its last-seen time write), whichever database the
    // route reads.
    const session = token ? await resolveSession(app.ctx.db, token) : undefined;
    if (!session) {
      // Nothing changes without a session: a visitor's write is refused as "not signed in" before its
      // body is read or validated, whatever the operation (the services check again).
      const matched = req.routeOptions.url !== undefined;
      if (!SAFE_METHODS.has(req.method) && matched && !req.routeOptions.config.openToVisitors) {
        throw CommonErrors.unauthenticated();
      }
      return;
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw AuthErrors.csrfMismatch();
    }
    req.actor = session.actor;
    req.csrfToken = session.csrfToken;
    req.sessionId = session.sessionId;
  });
});
