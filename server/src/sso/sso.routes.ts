import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { ErrorResponse } from '../errors/error.schemas.ts';
import { afterFirstFactor, setSessionCookie, setSignInStepCookie } from '../sign-in/sign-in.ts';
import { SignInOptionsResponse } from './sso.schemas.ts';
import { finishOidcSignIn, startOidcSignIn } from './sso.service.ts';

// Holds the state the browser was sent to the provider with, until it comes back to the callback.
const STATE_COOKIE = 'giamsat_oidc_state';
const STATE_PATH = '/api/auth/oidc';
/** The web app's screens the callback sends the browser to. */
const LOGIN_PAGE = '/login';
const CODE_PAGE = '/login/code';

const redirectAnswer = z.null().describe('A redirect (302): to the identity provider, or back into the app');

export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;

  app.get('/api/auth/options', { schema: { tags: ['auth'], response: { 200: SignInOptionsResponse } } }, async () => ({
    oidc: config.oidc !== null,
  }));

  app.get(
    '/api/auth/oidc/start',
    { schema: { tags: ['auth'], response: { 302: redirectAnswer, 400: ErrorResponse, 404: ErrorResponse } } },
    async (req, reply) => {
      const { url, state } = await startOidcSignIn(req.db, config.oidc);
      const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';
      // Lax, not strict: the provider's redirect back is a navigation from another site.
      reply.setCookie(STATE_COOKIE, state, { path: STATE_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: 600 });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    { schema: { tags: ['auth'], response: { 302: redirectAnswer } } },
    async (req, reply) => {
      const stateFromCookie = req.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
      if (!config.oidc) return reply.redirect(`${LOGIN_PAGE}?sso=SSO_NOT_CONFIGURED`, 302);
      const callbackUrl = new URL(config.oidc.redirectUrl);
      callbackUrl.search = new URL(req.url, 'http://callback').search;
      try {
        const user = await finishOidcSignIn(req.db, config.oidc, { callbackUrl, stateFromCookie });
        const outcome = await afterFirstFactor(req.db, config, {
          userId: user.id,
          role: user.role,
          method: 'oidc',
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? '',
        });
        if (outcome.kind === 'second_factor') {
          setSignInStepCookie(req, reply, config, outcome.pending);
          return reply.redirect(CODE_PAGE, 302);
        }
        setSessionCookie(req, reply, config, outcome.session);
        return reply.redirect('/', 302);
      } catch (error) {
        // The browser came here from the provider: a refusal is a page of the app that says why.
        if (!(error instanceof AppError)) throw error;
        req.log.warn({ code: error.code, detail: error.logDetail }, 'single sign-on refused');
        return reply.redirect(`${LOGIN_PAGE}?sso=${encodeURIComponent(error.code)}`, 302);
      }
    },
  );
};
