import {
  CaseDetail,
  CaseOpenInput,
  CaseSummary,
  CaseUpdateInput,
  MemberInput,
  NoteInput,
  SubjectIdentifierInput,
  SubjectInput,
  TaskInput,
  TeamOptions,
  TimelineEntry,
  VictimInput,
} from '@bantay/core/cases/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import { recordAudit } from '../audit/record';
import type { ApiApp } from '../platform/http/api-app';
import { addSubject, addVictim, linkIdentifier } from './people';
import {
  acceptCase,
  addMember,
  caseTimeline,
  getCaseDetail,
  listCases,
  openCase,
  teamOptions,
  updateCase,
} from './service';
import { addNote, addTask, completeTask } from './work';

const tags = ['cases'];
const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });
const Created = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/**
 * Cases: a unit sees the cases it holds (referrals arrive in status 'referred' and are
 * accepted), members see the cases they were added to; any other case answers 404.
 */
export async function caseRoutes(app: ApiApp): Promise<void> {
  const { db } = app.deps;

  app.get('/api/cases', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Cases the caller sees (his unit’s and those he is a member of), referred first.',
      response: { 200: z.object({ cases: z.array(CaseSummary) }) },
    },
    handler: async (request) => ({ cases: await listCases(contextOf(request)) }),
  });

  app.post('/api/cases', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Open a case by hand in the caller’s unit; he leads it.',
      body: CaseOpenInput,
      response: { 201: z.object({ id: z.string(), number: z.string() }) },
    },
    handler: async (request, reply) => reply.code(201).send(await openCase(contextOf(request), request.body)),
  });

  app.get('/api/cases/team-options', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'People the caller may put on a case, task or rescue team.',
      response: { 200: TeamOptions },
    },
    handler: async (request) => teamOptions(contextOf(request)),
  });

  app.get('/api/cases/:id', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary:
        'One case with its reports, subjects, victims, tasks and notes; 404 outside the caller’s scope.',
      params: CaseParams,
      response: { 200: CaseDetail },
    },
    handler: async (request) => getCaseDetail(contextOf(request), request.params.id),
  });

  app.patch('/api/cases/:id', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Change title, summary, lead or status.',
      params: CaseParams,
      body: CaseUpdateInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await updateCase(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  app.post('/api/cases/:id/accept', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Accept a referred case: it becomes open.',
      params: CaseParams,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await acceptCase(contextOf(request), request.params.id);
      return ok;
    },
  });

  app.post('/api/cases/:id/members', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Add a member (a colleague, or the prosecutor the case goes to).',
      params: CaseParams,
      body: MemberInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await addMember(contextOf(request), request.params.id, request.body.userId);
      return ok;
    },
  });

  app.get('/api/cases/:id/timeline', {
    config: { access: 'cases:read' },
    schema: {
      tags,
      summary: 'Everything that happened on the case, newest first.',
      params: CaseParams,
      response: { 200: z.object({ entries: z.array(TimelineEntry) }) },
    },
    handler: async (request) => ({ entries: await caseTimeline(contextOf(request), request.params.id) }),
  });

  app.post('/api/cases/:id/subjects', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Add a subject: facilitator, customer, suspect or witness.',
      params: CaseParams,
      body: SubjectInput,
      response: { 201: Created },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addSubject(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/cases/:id/subjects/:subjectId/identifiers', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary:
        'Link an identifier or account to a subject; it is normalised and meets the reports that carry it.',
      params: CaseParams.extend({ subjectId: z.uuid({ message: 'Not a subject id.' }) }),
      body: SubjectIdentifierInput,
      response: { 201: z.object({ id: z.string(), reportCount: z.number().int() }) },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await linkIdentifier(contextOf(request), request.params.id, request.params.subjectId, request.body),
        ),
  });

  app.post('/api/cases/:id/victims', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Add a victim as a pseudonym code with age band, sex and relationship; never a name.',
      params: CaseParams,
      body: VictimInput,
      response: { 201: z.object({ id: z.string(), code: z.string() }) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addVictim(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/cases/:id/tasks', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Add a task with an assignee and a due date.',
      params: CaseParams,
      body: TaskInput,
      response: { 201: Created },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addTask(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/cases/:id/tasks/:taskId/done', {
    config: { access: 'cases:write' },
    schema: {
      tags,
      summary: 'Mark a task done.',
      params: CaseParams.extend({ taskId: z.uuid({ message: 'Not a task id.' }) }),
      response: { 200: Ok },
    },
    handler: async (request) => {
      await completeTask(contextOf(request), request.params.id, request.params.taskId);
      return ok;
    },
  });

  app.post('/api/cases/:id/notes', {
    config: { access: 'cases:write' },
    schema: { tags, summary: 'Add a note.', params: CaseParams, body: NoteInput, response: { 201: Created } },
    handler: async (request, reply) =>
      reply.code(201).send(await addNote(contextOf(request), request.params.id, request.body.body)),
  });

  app.get('/api/referrals/sent', {
    config: { access: 'referrals:read' },
    schema: {
      tags: ['referrals'],
      summary: 'For a foreign liaison: the status of the referrals his agency sent, and nothing else.',
      response: {
        200: z.object({
          referrals: z.array(
            z.object({
              reference: z.string(),
              receivedAt: z.string(),
              status: z.string(),
              decidedAt: z.string().nullable(),
              heldBy: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const rows = await db
        .selectFrom('report as r')
        .leftJoin('case_report as cr', 'cr.report_id', 'r.id')
        .leftJoin('case_file as c', 'c.id', 'cr.case_id')
        .leftJoin('organisation as o', 'o.id', 'c.organisation_id')
        .select(['r.external_id', 'r.received_at', 'r.status', 'r.decided_at', 'o.name as held_by'])
        .where('r.source', '=', ctx.actor.organisationCode)
        .orderBy('r.received_at', 'desc')
        .limit(500)
        .execute();
      await recordAudit(db, ctx.audit, { action: 'referral.status_read', details: { count: rows.length } });
      return {
        referrals: rows.map((r) => ({
          reference: r.external_id,
          receivedAt: r.received_at.toISOString(),
          status: r.status,
          decidedAt: r.decided_at?.toISOString() ?? null,
          heldBy: r.held_by,
        })),
      };
    },
  });
}
