import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PUBLIC_ROOT } from '../public/public.views.ts';

const defaultDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The app's 404 handler, and the built web app (web/dist) at `/` for a signed-in user (a visitor goes to
 * the public site). Every GET outside /api that is not
 * a file gets index.html, so the app's own addresses (/tasks/12) survive a reload or a shared link.
 * Unknown API addresses and missing files (a stale asset name) get the API's 404 `{ code, params }`,
 * as does everything when the app is not built (API-only tests).
 * Wrapped in fastify-plugin: the not-found handler must be the root's.
 */
export const webPlugin = fp(async (app: FastifyInstance, options: { dist?: string }) => {
  const dist = options.dist ?? defaultDist;
  const built = existsSync(`${dist}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      // Files are looked up on each request (a rebuilt app is served without a restart); a missing
      // one falls through to the not-found handler below.
      wildcard: true,
      index: false,
      cacheControl: false,
      // Hashed asset names never change content; index.html must always be asked again.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // A visitor who is not signed in lands on the public site; a signed-in user gets the web app.
  app.get('/', { schema: { hide: true } }, (req, reply) => {
    if (req.actor.kind === 'public') return reply.header('cache-control', 'no-cache').redirect(PUBLIC_ROOT);
    if (!built) return reply.callNotFound();
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isAppAddress =
      (req.method === 'GET' || req.method === 'HEAD') &&
      path !== '/api' &&
      !path.startsWith('/api/') &&
      // The public site answers its own addresses (public.routes.ts), never with the web app.
      path !== PUBLIC_ROOT &&
      !path.startsWith(`${PUBLIC_ROOT}/`) &&
      !/\.[a-z0-9]+$/i.test(path);
    if (built && isAppAddress) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ code: 'ROUTE_NOT_FOUND', params: { method: req.method, url: req.url } });
  });
});
