import { IdParams } from '@giamsat/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { toLoginBlockResponse, toUserResponse } from './account.responses.ts';
import {
  AccountTokenBody,
  AccountTokenResponse,
  AccountTokenSentResponse,
  ChangePasswordBody,
  CreateUserBody,
  LoginBlockListResponse,
  SetPasswordBody,
  UpdateUserBody,
  UserIdParams,
  UserListQuery,
  UserListResponse,
  UserResponse,
} from './account.schemas.ts';
import {
  changePassword,
  createUser,
  getUser,
  liftLoginBlock,
  listLoginBlocks,
  listUsers,
  updateUser,
} from './account.service.ts';
import { lookupAccountLink, sendAccountLink, setPasswordWithLink } from './invitation.service.ts';

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];

  app.get(
    '/api/users',
    { schema: { tags, querystring: UserListQuery, response: { 200: UserListResponse } } },
    async (req) => {
      const { rows, ...page } = await listUsers(req.db, req.actor, req.query);
      return { ...page, items: rows.map(toUserResponse) };
    },
  );

  app.get('/api/users/:id', { schema: { tags, params: UserIdParams, response: { 200: UserResponse } } }, async (req) =>
    toUserResponse(await getUser(req.db, req.actor, req.params.id)),
  );

  app.post(
    '/api/users',
    { schema: { tags, body: CreateUserBody, response: { 201: UserResponse } } },
    async (req, reply) => reply.code(201).send(toUserResponse(await createUser(req.db, req.actor, req.body))),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, params: UserIdParams, body: UpdateUserBody, response: { 200: UserResponse } } },
    async (req) => toUserResponse(await updateUser(req.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/users/:id/password',
    { schema: { tags, params: UserIdParams, body: ChangePasswordBody, response: { 204: z.null() } } },
    async (req, reply) => {
      await changePassword(req.db, req.actor, req.params.id, req.body, req.cookies[SESSION_COOKIE] ?? null);
      return reply.code(204).send(null);
    },
  );

  // An administrator mails the account a link to set its password (an invitation again, or a reset).
  app.post(
    '/api/users/:id/password-link',
    {
      schema: {
        tags,
        summary: 'Mail the account a single-use link to set its password (no password is ever shown)',
        params: UserIdParams,
        response: { 202: AccountTokenSentResponse },
      },
    },
    async (req, reply) => {
      const sent = await sendAccountLink(req.db, req.actor, req.params.id);
      return reply.code(202).send({ purpose: sent.purpose, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  // The set-password page (no session: the link is the proof). The token comes in the body, never the path.
  app.post(
    '/api/account-links/lookup',
    {
      config: { openToVisitors: true },
      schema: {
        tags,
        summary: 'Whose account a link to set a password opens, and until when',
        body: AccountTokenBody,
        response: { 200: AccountTokenResponse },
      },
    },
    async (req) => {
      const row = await lookupAccountLink(req.db, req.body.token);
      return {
        purpose: row.purpose,
        username: row.username,
        fullName: row.full_name,
        expiresAt: row.expires_at.toISOString(),
      };
    },
  );

  app.post(
    '/api/account-links/password',
    {
      config: { openToVisitors: true },
      schema: {
        tags,
        summary: 'Set the password with a link (once); every session of the account ends',
        body: SetPasswordBody,
        response: { 200: z.object({ username: z.string() }) },
      },
    },
    async (req) => setPasswordWithLink(req.db, req.body),
  );

  // Administrators see the sign-in blocks in force and lift one (its counter starts again).
  app.get('/api/login-blocks', { schema: { tags, response: { 200: LoginBlockListResponse } } }, async (req) => ({
    items: (await listLoginBlocks(req.db, req.actor)).map(toLoginBlockResponse),
  }));

  app.delete(
    '/api/login-blocks/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await liftLoginBlock(req.db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
