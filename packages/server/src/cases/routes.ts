import { z } from 'zod';
import { contextOf } from '../access/request';
import { recordAudit } from '../audit/record';
import type { ApiApp } from '../platform/http/api-app';
import { notFound } from '../platform/http/errors';

const CaseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: z.enum(['referred', 'open', 'closed']),
  unit: z.string().nullable(),
  createdAt: z.string(),
  reportCount: z.number().int(),
});

/**
 * Cases as far as triage needs them: a unit sees the cases it holds (referrals arrive as
 * cases in status 'referred'); a case of another unit answers 404.
 */
export async function caseRoutes(app: ApiApp): Promise<void> {
  const { db } = app.deps;
  const base = () =>
    db
      .selectFrom('case_file as c')
      .leftJoin('unit as n', 'n.id', 'c.unit_id')
      .select((eb) => [
        'c.id',
        'c.number',
        'c.title',
        'c.status',
        'c.unit_id',
        'n.name as unit',
        'c.created_at',
        eb
          .selectFrom('case_report as cr')
          .whereRef('cr.case_id', '=', 'c.id')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('report_count'),
      ]);
  const present = (row: Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    unit: row.unit,
    createdAt: row.created_at.toISOString(),
    reportCount: Number(row.report_count ?? 0),
  });

  app.get('/api/cases', {
    config: { access: 'cases:read' },
    schema: {
      tags: ['cases'],
      summary: 'Cases of the caller’s unit, newest first.',
      response: { 200: z.object({ cases: z.array(CaseSummary) }) },
    },
    handler: async (request) => {
      const { actor } = contextOf(request);
      if (!actor.unitId) return { cases: [] };
      const rows = await base()
        .where('c.unit_id', '=', actor.unitId)
        .orderBy('c.created_at', 'desc')
        .limit(200)
        .execute();
      return { cases: rows.map(present) };
    },
  });

  app.get('/api/cases/:id', {
    config: { access: 'cases:read' },
    schema: {
      tags: ['cases'],
      summary: 'One case of the caller’s unit with its reports; 404 for any other.',
      params: z.object({ id: z.uuid({ message: 'Not a case id.' }) }),
      response: {
        200: CaseSummary.extend({
          reports: z.array(
            z.object({ id: z.string(), externalId: z.string(), priorityLevel: z.number().int() }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const row = await base().where('c.id', '=', request.params.id).executeTakeFirst();
      if (!row || ctx.actor.unitId === null || row.unit_id !== ctx.actor.unitId) {
        await recordAudit(db, ctx.audit, {
          action: 'access.denied',
          outcome: 'denied',
          recordType: 'case',
          recordId: request.params.id,
        });
        throw notFound();
      }
      const reports = await db
        .selectFrom('case_report as cr')
        .innerJoin('report as r', 'r.id', 'cr.report_id')
        .select(['r.id', 'r.external_id', 'r.priority_level'])
        .where('cr.case_id', '=', row.id)
        .execute();
      await recordAudit(db, ctx.audit, { action: 'case.read', recordType: 'case', recordId: row.id });
      return {
        ...present(row),
        reports: reports.map((r) => ({
          id: String(r.id),
          externalId: r.external_id,
          priorityLevel: r.priority_level,
        })),
      };
    },
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
