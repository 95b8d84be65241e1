import { Graph, GraphExpandQuery } from '@bantay/core/cases/graph';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { caseFtmEntities } from './ftm';
import { caseGraph, expandNode } from './graph';

const tags = ['graph'];
const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });

/** The link graph of a case, its expansion node by node, and the FollowTheMoney export. */
export async function caseGraphRoutes(app: ApiApp): Promise<void> {
  app.get('/api/cases/:id/graph', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The case as a graph: reports, identifiers, subjects; every edge names its source.',
      params: CaseParams,
      response: { 200: Graph },
    },
    handler: async (request) => caseGraph(contextOf(request), request.params.id),
  });

  app.get('/api/cases/:id/graph/expand', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'One node’s neighbours from the database, within the caller’s cases.',
      params: CaseParams,
      querystring: GraphExpandQuery,
      response: { 200: Graph },
    },
    handler: async (request) => expandNode(contextOf(request), request.params.id, request.query.node),
  });

  app.get('/api/cases/:id/export/ftm', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The case’s people and accounts as FollowTheMoney entities, one JSON object a line.',
      params: CaseParams,
    },
    handler: async (request, reply) => {
      const entities = await caseFtmEntities(contextOf(request), request.params.id);
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="case.ftm.json"')
        .send(entities.map((entity) => JSON.stringify(entity)).join('\n') + '\n');
    },
  });
}
