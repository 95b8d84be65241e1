import {
  AftercareDashboard,
  ProgrammeAftercareDashboard,
  ApprovalInput,
  AssessmentInput,
  CarePlanInput,
  ClosureInput,
  ConsentInput,
  IntakeInput,
  Partner,
  PartnerInput,
  PlacementInput,
  PlanReviewInput,
  ServiceSessionInput,
  SurvivorDetail,
  SurvivorIdentity,
  SurvivorSummary,
  SurvivorUpdate,
  Task,
  TransferInput,
} from '@bantay/core/aftercare/schema';
import { Instrument } from '@bantay/core/aftercare/instrument';
import { programmeDashboard } from '@bantay/core/aftercare/small-counts';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { contextOf } from '../access/request';
import { recordAudit } from '../audit/record';
import type { ApiApp } from '../platform/http/api-app';
import { addRoute, Created, Ok, ok, Params, tags } from './route-schemas';
import { createCarePlan, decideCarePlan, reviewCarePlan } from './care-plans';
import {
  decideClosure,
  recordAssessment,
  recordConsent,
  recordService,
  requestClosure,
  updateSurvivor,
  withdrawConsent,
} from './casework';
import { aftercareDashboard } from './dashboard';
import { followUpRoutes } from './followup-routes';
import { directIntake, updateIdentity, viewIdentity } from './intake';
import { listInstruments, loadInstrument } from './instruments';
import { listPartners, savePartner } from './partners';
import { placeSurvivor, transferSurvivor } from './placements';
import { getSurvivorDetail, listSurvivors } from './record';
import { survivorScope } from './scope';

/**
 * Aftercare: survivor records (the identity behind its own audited route), consents, care
 * plans with supervisor approval, partners and placements, outcome assessments, services,
 * closure, dashboards. Out-of-scope records answer 404.
 */
export async function aftercareRoutes(app: ApiApp): Promise<void> {
  const { deps } = app;

  app.get('/api/aftercare/survivors', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary:
        'Survivors in the caller’s scope (his organisation’s, or his shelter’s residents) and what is due.',
      response: { 200: z.object({ survivors: z.array(SurvivorSummary), tasks: z.array(Task) }) },
    },
    handler: async (request) => listSurvivors(contextOf(request)),
  });

  app.post('/api/aftercare/survivors', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary:
        'Direct intake: a survivor record held by the caller’s organisation; the RA 7610 report falls due in 48 hours.',
      body: IntakeInput,
      response: { 201: z.object({ id: z.uuid(), code: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await directIntake(contextOf(request), request.body)),
  });

  app.get('/api/aftercare/survivors/:id', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary:
        'One survivor record, pseudonymised, with consents, placements, plans, assessments and abilities. Audited.',
      params: Params,
      response: { 200: SurvivorDetail },
    },
    handler: async (request) => getSurvivorDetail(contextOf(request), request.params.id),
  });

  app.patch('/api/aftercare/survivors/:id', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Risk level, safety plan, or the reference of the RA 7610 report once sent.',
      params: Params,
      body: SurvivorUpdate,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await updateSurvivor(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.get('/api/aftercare/survivors/:id/identity', {
    config: { access: 'aftercare:identity' },
    schema: {
      tags,
      summary:
        'The child’s identity, decrypted. Only the holding organisation; every view writes one audit row.',
      params: Params,
      response: { 200: z.object({ identity: SurvivorIdentity.nullable() }) },
    },
    handler: async (request) => viewIdentity(contextOf(request), request.params.id),
  });

  app.put('/api/aftercare/survivors/:id/identity', {
    config: { access: 'aftercare:identity' },
    schema: {
      tags,
      summary: 'Enter or correct the child’s identity (stored encrypted). Never a photograph.',
      params: Params,
      body: SurvivorIdentity,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await updateIdentity(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  addRoute(app, '/api/aftercare/survivors/:id/consents', {
    access: 'aftercare:write',
    summary:
      'Record a consent given or refused: services, information sharing, disclosure to an organisation.',
    body: ConsentInput,
    add: recordConsent,
  });

  app.post('/api/aftercare/consents/:id/withdraw', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Withdraw a consent from now on; the record keeps it, marked withdrawn.',
      params: Params,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await withdrawConsent(contextOf(request), request.params.id);
      return ok;
    },
  });

  addRoute(app, '/api/aftercare/survivors/:id/care-plans', {
    access: 'aftercare:write',
    summary: 'A new version of the care plan (goals per domain, interventions), for a supervisor to approve.',
    body: CarePlanInput,
    add: createCarePlan,
  });

  app.post('/api/aftercare/care-plans/:id/decision', {
    config: { access: 'aftercare:supervise' },
    schema: {
      tags,
      summary: 'Approve or return a care plan; never one’s own.',
      params: Params,
      body: ApprovalInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await decideCarePlan(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.post('/api/aftercare/care-plans/:id/reviews', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary:
        'Record a scheduled review of the approved care plan; the next review falls due one interval later.',
      params: Params,
      body: PlanReviewInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await reviewCarePlan(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  addRoute(app, '/api/aftercare/survivors/:id/placements', {
    access: 'aftercare:write',
    summary: 'Place the child with a partner, or move her or him (the current placement ends).',
    body: PlacementInput,
    add: placeSurvivor,
  });

  app.post('/api/aftercare/survivors/:id/transfer', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Transfer the case to another organisation; needs a recorded consent to disclose to it.',
      params: Params,
      body: TransferInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await transferSurvivor(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  addRoute(app, '/api/aftercare/survivors/:id/assessments', {
    access: 'aftercare:write',
    summary:
      'An outcome assessment: every sub-domain scored 1–4 with a reason; domain scores are their means.',
    body: AssessmentInput,
    add: recordAssessment,
  });

  addRoute(app, '/api/aftercare/survivors/:id/services', {
    access: 'aftercare:write',
    summary: 'A service session delivered (counselling, medical, education, …).',
    body: ServiceSessionInput,
    add: recordService,
  });

  app.post('/api/aftercare/survivors/:id/closure', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Ask to close the record (restored, transferred, aged out); a supervisor decides.',
      params: Params,
      body: ClosureInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await requestClosure(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.post('/api/aftercare/survivors/:id/closure/decision', {
    config: { access: 'aftercare:supervise' },
    schema: {
      tags,
      summary: 'Approve the closure or send the record back to active; never on one’s own request.',
      params: Params,
      body: ApprovalInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await decideClosure(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.get('/api/aftercare/partners', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary: 'The aftercare partner directory, with accreditation, capacity and occupancy.',
      response: { 200: z.object({ partners: z.array(Partner) }) },
    },
    handler: async (request) => ({ partners: await listPartners(contextOf(request)) }),
  });

  app.post('/api/aftercare/partners', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Add a partner to the directory.',
      body: PartnerInput,
      response: { 201: Created },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await savePartner(contextOf(request), request.body)),
  });

  app.put('/api/aftercare/partners/:id', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Change a partner.',
      params: Params,
      body: PartnerInput,
      response: { 200: Created },
    },
    handler: async (request) => savePartner(contextOf(request), request.body, request.params.id),
  });

  app.get('/api/aftercare/instruments', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary: 'Outcome instruments the caller’s organisation can use: Bantay’s default and its own.',
      response: { 200: z.object({ instruments: z.array(Instrument) }) },
    },
    handler: async (request) => ({ instruments: await listInstruments(contextOf(request)) }),
  });

  app.post('/api/aftercare/instruments', {
    config: { access: 'aftercare:supervise' },
    schema: {
      tags,
      summary: 'Load the organisation’s own scored instrument as data; its new intakes use it.',
      body: Instrument,
      response: { 201: z.object({ id: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await loadInstrument(contextOf(request), request.body)),
  });

  app.get('/api/aftercare/organisations', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'Organisations a case can be disclosed or transferred to, and partners linked to.',
      response: {
        200: z.object({
          organisations: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
        }),
      },
    },
    handler: async () => ({
      organisations: await deps.db
        .selectFrom('organisation')
        .select(['id', 'name', 'kind'])
        .where('disabled_at', 'is', null)
        .where('kind', 'in', ['social_welfare', 'shelter', 'ngo', 'national_centre'])
        .orderBy('name')
        .execute(),
    }),
  });

  app.get('/api/aftercare/dashboard', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary:
        'The caller’s organisation in numbers: in care, by partner, time in care, domain trends, restored.',
      response: { 200: AftercareDashboard },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const result = await aftercareDashboard(deps.db, survivorScope(ctx.actor), ctx.audit.now);
      return result;
    },
  });

  app.get('/api/metrics/aftercare', {
    config: { access: 'metrics:read' },
    schema: {
      tags: ['metrics'],
      summary: 'Aftercare across the programme, aggregates only; counts under 5 shown as "<5".',
      response: { 200: ProgrammeAftercareDashboard },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const result = programmeDashboard(await aftercareDashboard(deps.db, sql<SqlBool>`true`, ctx.audit.now));
      await recordAudit(deps.db, ctx.audit, {
        action: 'aftercare.dashboard_read',
        details: { scope: 'programme' },
      });
      return result;
    },
  });

  await followUpRoutes(app);
}
