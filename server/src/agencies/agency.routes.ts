import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toAgencyDetail, toAgencySummary } from './agency.responses.ts';
import {
  AgencyDetail,
  AgencyIdParams,
  AgencyListQuery,
  AgencyListResponse,
  AgencyMembersResponse,
  AgencyPageQuery,
  AliasBody,
  AliasesResponse,
  AliasParams,
  CreateAgencyBody,
  DuplicatesQuery,
  DuplicatesResponse,
  MergeAgencyBody,
  MergeResponse,
  UpdateAgencyBody,
} from './agency.schemas.ts';
import {
  addAgencyAlias,
  createAgency,
  getAgency,
  listAgencies,
  listAgencyMembers,
  mergeAgency,
  removeAgencyAlias,
  updateAgency,
} from './agency.service.ts';
import { listNearDuplicates, toDuplicatePair } from './agency.units.ts';

const tags = ['agencies'];

export const agenciesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/agencies',
    { schema: { tags, querystring: AgencyListQuery, response: { 200: AgencyListResponse } } },
    async (req) => {
      const { rows, ...page } = await listAgencies(req.db, req.actor, req.query);
      return {
        ...page,
        items: rows.map((row) => ({ ...toAgencySummary(row), aliases: row.aliases, canReport: row.can_report })),
      };
    },
  );

  // Admin only: bodies that look like one body kept twice, to merge (the merge route below).
  app.get(
    '/api/agencies/duplicates',
    { schema: { tags, querystring: DuplicatesQuery, response: { 200: DuplicatesResponse } } },
    async (req) => {
      const { rows, ...page } = await listNearDuplicates(req.db, req.actor, req.query);
      return { ...page, items: rows.map(toDuplicatePair) };
    },
  );

  app.get(
    '/api/agencies/:id',
    { schema: { tags, params: AgencyIdParams, response: { 200: AgencyDetail } } },
    async (req) => toAgencyDetail(await getAgency(req.db, req.actor, req.params.id)),
  );

  app.get(
    '/api/agencies/:id/members',
    {
      schema: { tags, params: AgencyIdParams, querystring: AgencyPageQuery, response: { 200: AgencyMembersResponse } },
    },
    async (req) => {
      const { rows, ...page } = await listAgencyMembers(req.db, req.actor, req.params.id, req.query);
      return { ...page, items: rows.map(toAgencySummary) };
    },
  );

  app.post(
    '/api/agencies',
    { schema: { tags, body: CreateAgencyBody, response: { 201: AgencyDetail } } },
    async (req, reply) => reply.code(201).send(toAgencyDetail(await createAgency(req.db, req.actor, req.body))),
  );

  app.patch(
    '/api/agencies/:id',
    { schema: { tags, params: AgencyIdParams, body: UpdateAgencyBody, response: { 200: AgencyDetail } } },
    async (req) => toAgencyDetail(await updateAgency(req.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/agencies/:id/aliases',
    { schema: { tags, params: AgencyIdParams, body: AliasBody, response: { 201: AliasesResponse } } },
    async (req, reply) => reply.code(201).send(await addAgencyAlias(req.db, req.actor, req.params.id, req.body.alias)),
  );

  app.delete(
    '/api/agencies/:id/aliases/:alias',
    { schema: { tags, params: AliasParams, response: { 200: AliasesResponse } } },
    async (req) => removeAgencyAlias(req.db, req.actor, req.params.id, req.params.alias),
  );

  app.post(
    '/api/agencies/:id/merge',
    { schema: { tags, params: AgencyIdParams, body: MergeAgencyBody, response: { 200: MergeResponse } } },
    async (req) => {
      const { agency, successor, ...summary } = await mergeAgency(req.db, req.actor, req.params.id, req.body);
      return { agency: toAgencyDetail(agency), successor: toAgencyDetail(successor), ...summary };
    },
  );
};
