import {
  AccusedInput,
  ChargeInput,
  CourtCaseDetail,
  CourtCaseOpenInput,
  CourtCaseSummary,
  CourtCaseUpdateInput,
  CourtDate,
  CourtStatus,
  CourtTimelineEntry,
  Hearing,
  HearingInput,
  HearingUpdateInput,
  OutcomeInput,
  PleaInput,
  ProsecutionDashboard,
  STAGE_KINDS,
  StageInput,
} from '@bantay/core/prosecution/schema';
import { STATUTE_CATALOGUE } from '@bantay/core/prosecution/statutes';
import { z } from 'zod';
import { sql, type SqlBool } from 'kysely';
import { contextOf } from '../access/request';
import { recordAudit } from '../audit/record';
import { prosecutionDashboard } from './dashboard';
import { addRouteFor } from '../platform/http/add-route';
import type { ApiApp } from '../platform/http/api-app';
import {
  addHearing,
  courtDates,
  courtStatusOfCase,
  hearingsICalendar,
  officeHearings,
  updateHearing,
} from './hearings';
import { addAccused, addCharge, recordOutcome, recordPlea, recordStage } from './proceedings';
import { courtCaseVisible } from './scope';
import { courtTimeline, getCourtCase, listCourtCases, openCourtCase, updateCourtCase } from './service';

const tags = ['prosecution'];
const Params = z.object({ id: z.uuid({ message: 'Not a court case id.' }) });
const Created = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
/** `POST …/court-cases/:id/<things>`: adds one thing to a court case, 201 with its id. */
const addRoute = addRouteFor({ tags, params: Params, created: Created });
const CalendarQuery = z.object({
  court: z.string().trim().max(200).optional(),
  mine: z.enum(['true', 'false']).optional(),
});
const OfficeHearing = Hearing.extend({
  courtCaseId: z.string(),
  docketNumber: z.string(),
  title: z.string(),
});

/**
 * Prosecution: court cases held by a prosecutors' office (others answer 404), their accused,
 * charges from the statute catalogue, stages, pleas, hearings and outcomes; the hearings
 * calendar; the investigating unit's view of its case in court; the social worker's court dates.
 */
export async function prosecutionRoutes(app: ApiApp): Promise<void> {
  app.get('/api/prosecution/statutes', {
    config: { access: 'prosecution:read' },
    schema: { tags, summary: 'The statute catalogue: what may be charged.' },
    handler: async () => STATUTE_CATALOGUE,
  });

  app.get('/api/prosecution/court-cases', {
    config: { access: 'prosecution:read' },
    schema: {
      tags,
      summary: 'Court cases of the caller’s office, open first.',
      response: { 200: z.object({ courtCases: z.array(CourtCaseSummary) }) },
    },
    handler: async (request) => ({ courtCases: await listCourtCases(contextOf(request)) }),
  });

  app.post('/api/prosecution/court-cases', {
    config: { access: 'prosecution:write' },
    schema: {
      tags,
      summary: 'Open a court case from an investigation case (its subjects become the accused) or by hand.',
      body: CourtCaseOpenInput,
      response: { 201: Created },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await openCourtCase(contextOf(request), request.body)),
  });

  app.get('/api/prosecution/calendar', {
    config: { access: 'prosecution:read' },
    schema: {
      tags,
      summary:
        'Hearings of the office from yesterday on; per court (court=) or the caller’s own (mine=true).',
      querystring: CalendarQuery,
      response: { 200: z.object({ hearings: z.array(OfficeHearing) }) },
    },
    handler: async (request) => ({
      hearings: await officeHearings(contextOf(request), {
        court: request.query.court,
        mine: request.query.mine === 'true',
      }),
    }),
  });

  app.get('/api/prosecution/calendar.ics', {
    config: { access: 'prosecution:read' },
    schema: { tags, summary: 'The caller’s own hearings as iCalendar (text/calendar).' },
    handler: async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="my-hearings.ics"')
        .send(await hearingsICalendar(contextOf(request), 'My hearings', { mine: true })),
  });

  app.get('/api/prosecution/court-cases/:id', {
    config: { access: 'prosecution:read' },
    schema: {
      tags,
      summary: 'One court case with charges, stages and clocks, hearings, outcomes; 404 outside the office.',
      params: Params,
      response: { 200: CourtCaseDetail },
    },
    handler: async (request) => getCourtCase(contextOf(request), request.params.id),
  });

  app.patch('/api/prosecution/court-cases/:id', {
    config: { access: 'prosecution:write' },
    schema: {
      tags,
      summary: 'Change docket, court, judge, private prosecutor or status; add a prosecutor.',
      params: Params,
      body: CourtCaseUpdateInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await updateCourtCase(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.get('/api/prosecution/court-cases/:id/timeline', {
    config: { access: 'prosecution:read' },
    schema: {
      tags,
      summary: 'Everything that happened on the court case, newest first.',
      params: Params,
      response: { 200: z.object({ entries: z.array(CourtTimelineEntry) }) },
    },
    handler: async (request) => ({ entries: await courtTimeline(contextOf(request), request.params.id) }),
  });

  app.get('/api/prosecution/court-cases/:id/hearings.ics', {
    config: { access: 'prosecution:read' },
    schema: { tags, summary: 'The court case’s hearings as iCalendar (text/calendar).', params: Params },
    handler: async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="hearings.ics"')
        .send(await hearingsICalendar(contextOf(request), 'Hearings', { courtCaseId: request.params.id })),
  });

  addRoute(app, '/api/prosecution/court-cases/:id/accused', {
    access: 'prosecution:write',
    summary: 'Name an accused by hand.',
    body: AccusedInput,
    add: addAccused,
  });

  addRoute(app, '/api/prosecution/court-cases/:id/charges', {
    access: 'prosecution:write',
    summary:
      'File a charge: accused, statute and section from the catalogue, counts, qualifying circumstances.',
    body: ChargeInput,
    add: addCharge,
  });

  app.put('/api/prosecution/court-cases/:id/stages/:kind', {
    config: { access: 'prosecution:write' },
    schema: {
      tags,
      summary: 'Record the date a stage was reached (inquest … appeal).',
      params: Params.extend({ kind: z.enum(STAGE_KINDS) }),
      body: StageInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await recordStage(contextOf(request), request.params.id, request.params.kind, request.body);
      return ok;
    },
  });

  addRoute(app, '/api/prosecution/court-cases/:id/pleas', {
    access: 'prosecution:write',
    summary: 'Record a plea agreement to a lesser offence of the catalogue.',
    body: PleaInput,
    add: recordPlea,
  });

  addRoute(app, '/api/prosecution/court-cases/:id/hearings', {
    access: 'prosecution:write',
    summary: 'Schedule a hearing; a child witness (by pseudonym) notifies her social worker.',
    body: HearingInput,
    add: addHearing,
  });

  app.patch('/api/prosecution/court-cases/:id/hearings/:hearingId', {
    config: { access: 'prosecution:write' },
    schema: {
      tags,
      summary: 'Record the protections granted, or that the hearing was held.',
      params: Params.extend({ hearingId: z.uuid({ message: 'Not a hearing id.' }) }),
      body: HearingUpdateInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await updateHearing(contextOf(request), request.params.id, request.params.hearingId, request.body);
      return ok;
    },
  });

  app.put('/api/prosecution/court-cases/:id/outcomes', {
    config: { access: 'prosecution:write' },
    schema: {
      tags,
      summary: 'Record the outcome of a charge: result, sentence, fine, civil damages, appeal status.',
      params: Params,
      body: OutcomeInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await recordOutcome(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.get('/api/cases/:id/court', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'The investigating unit’s view of its case in court: status, stage, hearings.',
      params: z.object({ id: z.uuid({ message: 'Not a case id.' }) }),
      response: { 200: z.object({ courtCases: z.array(CourtStatus) }) },
    },
    handler: async (request) => ({
      courtCases: await courtStatusOfCase(contextOf(request), request.params.id),
    }),
  });

  app.get('/api/aftercare/court-dates', {
    config: { access: 'aftercare:read' },
    schema: {
      tags: ['aftercare'],
      summary: 'Hearings where the organisation’s children testify: pseudonym, date, court, accommodations.',
      response: { 200: z.object({ courtDates: z.array(CourtDate) }) },
    },
    handler: async (request) => ({ courtDates: await courtDates(contextOf(request)) }),
  });

  app.get('/api/prosecution/dashboard', {
    config: { access: 'prosecution:read' },
    schema: {
      tags,
      summary: 'The office in numbers: pending by stage and court, medians, conviction and plea rates.',
      response: { 200: ProsecutionDashboard },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const result = await prosecutionDashboard(ctx.deps.db, courtCaseVisible(ctx.actor));
      await recordAudit(ctx.deps.db, ctx.audit, {
        action: 'prosecution.dashboard_read',
        details: { scope: 'office' },
      });
      return result;
    },
  });

  app.get('/api/metrics/prosecution', {
    config: { access: 'metrics:read' },
    schema: {
      tags: ['metrics'],
      summary: 'Prosecution across the programme, aggregates only.',
      response: { 200: ProsecutionDashboard },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const result = await prosecutionDashboard(ctx.deps.db, sql<SqlBool>`true`);
      await recordAudit(ctx.deps.db, ctx.audit, {
        action: 'prosecution.dashboard_read',
        details: { scope: 'programme' },
      });
      return result;
    },
  });
}
