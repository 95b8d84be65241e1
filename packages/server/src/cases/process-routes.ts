import { CalendarEntry, CalendarQuery, LegalRequest, LegalRequestInput } from '@bantay/core/cases/legal';
import { Operation, OperationOutcomeInput, OperationPlanInput } from '@bantay/core/cases/operations';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { listLegalRequests, recordLegalRequest, unitCalendar, updateLegalRequest } from './legal';
import { approveOperation, listOperations, planOperation, recordOutcome } from './operations';

const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });
const RequestParams = CaseParams.extend({ requestId: z.uuid({ message: 'Not a request id.' }) });
const OperationParams = CaseParams.extend({ operationId: z.uuid({ message: 'Not an operation id.' }) });
const DueOn = z.object({ id: z.string(), returnDueOn: z.string().nullable() });

/** Legal process (warrants and requests, the unit calendar) and rescue operations of a case. */
export async function caseProcessRoutes(app: ApiApp): Promise<void> {
  const { db } = app.deps;

  app.get('/api/cases/calendar', {
    config: { access: 'cases:read' },
    schema: {
      tags: ['legal'],
      summary: 'The unit calendar: legal due dates, task due dates and operations of the caller’s cases.',
      querystring: CalendarQuery,
      response: { 200: z.object({ entries: z.array(CalendarEntry) }) },
    },
    handler: async (request) => ({ entries: await unitCalendar(db, contextOf(request), request.query) }),
  });

  app.get('/api/cases/:id/legal', {
    config: { access: 'cases:read' },
    schema: {
      tags: ['legal'],
      summary: 'Warrants and requests of a case with their due dates.',
      params: CaseParams,
      response: { 200: z.object({ requests: z.array(LegalRequest) }) },
    },
    handler: async (request) => ({
      requests: await listLegalRequests(contextOf(request), request.params.id),
    }),
  });

  app.post('/api/cases/:id/legal', {
    config: { access: 'cases:write' },
    schema: {
      tags: ['legal'],
      summary: 'Record a cybercrime warrant, preservation request, request abroad or emergency disclosure.',
      params: CaseParams,
      body: LegalRequestInput,
      response: { 201: DueOn },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await recordLegalRequest(contextOf(request), request.params.id, request.body)),
  });

  app.put('/api/cases/:id/legal/:requestId', {
    config: { access: 'cases:write' },
    schema: {
      tags: ['legal'],
      summary: 'Update a request as it moves on (issued, served, returned with its hash values).',
      params: RequestParams,
      body: LegalRequestInput,
      response: { 200: DueOn.omit({ id: true }) },
    },
    handler: async (request) =>
      updateLegalRequest(contextOf(request), request.params.id, request.params.requestId, request.body),
  });

  app.get('/api/cases/:id/operations', {
    config: { access: 'cases:read' },
    schema: {
      tags: ['operations'],
      summary: 'Rescue operations of a case: plan, team, approval, outcome.',
      params: CaseParams,
      response: { 200: z.object({ operations: z.array(Operation) }) },
    },
    handler: async (request) => ({ operations: await listOperations(contextOf(request), request.params.id) }),
  });

  app.post('/api/cases/:id/operations', {
    config: { access: 'cases:write' },
    schema: {
      tags: ['operations'],
      summary: 'Plan a rescue operation: date, target addresses (PSGC), expected children, team.',
      params: CaseParams,
      body: OperationPlanInput,
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await planOperation(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/cases/:id/operations/:operationId/approve', {
    config: { access: 'cases:supervise' },
    schema: {
      tags: ['operations'],
      summary: 'Approve a plan; refused without a DSWD or partner social worker on the team.',
      params: OperationParams,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      await approveOperation(contextOf(request), request.params.id, request.params.operationId);
      return { ok: true as const };
    },
  });

  app.post('/api/cases/:id/operations/:operationId/outcome', {
    config: { access: 'cases:write' },
    schema: {
      tags: ['operations'],
      summary:
        'Record the outcome: children rescued (victim records and aftercare intakes), arrests, after-action notes.',
      params: OperationParams,
      body: OperationOutcomeInput,
      response: { 200: z.object({ victimCodes: z.array(z.string()), aftercareReferrals: z.number().int() }) },
    },
    handler: async (request) =>
      recordOutcome(contextOf(request), request.params.id, request.params.operationId, request.body),
  });
}
