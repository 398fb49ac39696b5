import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer, pages and API alike (issue 16, defect 6), through @fastify/helmet.
 * The web app is built by Vite into files under /assets, so scripts come only from this origin and no
 * inline script is allowed. Styles may be inline: Mantine writes its theme's CSS variables into a
 * <style> element and components set style attributes. Nobody may frame the app (clickjacking).
 */
/**
 * The headers of a page other sites may frame (the public body card, embedded by a provincial portal with
 * one <iframe>): any site may be its ancestor; it runs no script, loads nothing but its inline style, and
 * sends no form. Every other answer keeps `frame-ancestors 'none'`. A route opts in with `helmet: EMBEDDABLE`.
 */
export const EMBEDDABLE = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ['*'],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'unsafe-inline'"],
    },
  },
  frameguard: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
} as const;

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
