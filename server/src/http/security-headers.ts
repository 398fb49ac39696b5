import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer, pages and API alike (issue 16, defect 6), through @fastify/helmet.
 * The web app is built by Vite into files under /assets, so scripts come only from this origin and no
 * inline script is allowed. Styles may be inline: Mantine writes its theme's CSS variables into a
 * <style> element and components set style attributes. Nobody may frame the app (clickjacking).
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only over TLS (below): on plain HTTP it is ignored at best, and a test or intranet server on
    // http must not tell browsers to insist on https for the host.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    // req.protocol reads X-Forwarded-Proto only with TRUST_PROXY=true, as the session cookie does.
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
