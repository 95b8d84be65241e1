import {
  AssignInput,
  BulkInput,
  DecisionInput,
  ProvinceCount,
  QueueQuery,
  QueueResponse,
  ReportDetail,
  ReviewInput,
  SavedFilterInput,
  TriageSettingsInput,
} from '@bantay/core/triage/schema';
import { sql } from 'kysely';
import { z } from 'zod';
import { contextOf } from '../access/request';
import { recordAudit } from '../audit/record';
import { rescoreWhere } from '../intake/rescore';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { assignReports, claimReport, decide, reviewDecision } from './decisions';
import { queueCounts, queuePage } from './queue';
import { getReportDetail, getReportDocument } from './report';
import { reportScope, scopeCondition } from './scope';
import { getTriageSettings } from './settings';
import { OPEN_REPORT_STATUSES } from '@bantay/core/triage/schema';

const tags = ['triage'];
const ReportParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Not a report id.') });
const Ok = z.object({ ok: z.literal(true) });

export async function triageRoutes(app: ApiApp): Promise<void> {
  const { deps } = app;

  app.get('/api/triage/queue', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'The triage queue in the caller’s scope: filter, sort, keyset pages.',
      querystring: QueueQuery,
      response: { 200: QueueResponse },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const settings = await getTriageSettings(deps.db);
      const options = { now: ctx.audit.now, p1ReviewMinutes: settings.p1ReviewMinutes };
      const [page, counts] = await Promise.all([
        queuePage(deps.db, ctx.actor, request.query, options),
        queueCounts(deps.db, ctx.actor, options),
      ]);
      return { ...page, counts };
    },
  });

  app.get('/api/triage/reports/:id', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'One report: reasons, identifiers, cluster, files (hashes only), decisions. Audited.',
      params: ReportParams,
      response: { 200: ReportDetail },
    },
    handler: async (request) => getReportDetail(contextOf(request), request.params.id),
  });

  app.get('/api/triage/reports/:id/document', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'The original document as received, with its SHA-256. Every view is audited.',
      params: ReportParams,
      response: { 200: z.object({ sha256: z.string(), format: z.string(), content: z.string() }) },
    },
    handler: async (request) => getReportDocument(contextOf(request), request.params.id),
  });

  app.post('/api/triage/reports/:id/claim', {
    config: { access: 'triage:decide' },
    schema: { tags, summary: 'Claim a report for review.', params: ReportParams, response: { 200: Ok } },
    handler: async (request) => {
      await claimReport(contextOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  app.post('/api/triage/reports/:id/assign', {
    config: { access: 'triage:supervise' },
    schema: {
      tags,
      summary: 'Assign a report to an analyst, or release it.',
      params: ReportParams,
      body: AssignInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await assignReports(contextOf(request), [request.params.id], request.body.userId);
      return { ok: true as const };
    },
  });

  app.post('/api/triage/reports/:id/decision', {
    config: { access: 'triage:decide' },
    schema: {
      tags,
      summary:
        'Decide: refer to a unit, attach to a case, merge as duplicate, ask for information, or close with a reason.',
      params: ReportParams,
      body: DecisionInput,
      response: { 200: z.object({ caseId: z.uuid().nullable(), caseNumber: z.string().nullable() }) },
    },
    handler: async (request) => decide(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/triage/reports/:id/review', {
    config: { access: 'triage:supervise' },
    schema: {
      tags,
      summary: 'Review the last decision: uphold it or reopen the report.',
      params: ReportParams,
      body: ReviewInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await reviewDecision(contextOf(request), request.params.id, request.body.outcome, request.body.note);
      return { ok: true as const };
    },
  });

  app.post('/api/triage/bulk', {
    config: { access: 'triage:supervise' },
    schema: {
      tags,
      summary: 'Assign or close many reports at once; each is audited.',
      body: BulkInput,
      response: {
        200: z.object({
          done: z.number().int(),
          failed: z.array(z.object({ id: z.string(), message: z.string() })),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const { reportIds, action } = request.body;
      if (action.action === 'assign')
        return { done: await assignReports(ctx, reportIds, action.userId), failed: [] };
      const failed: { id: string; message: string }[] = [];
      for (const id of reportIds) {
        try {
          await decide(ctx, id, { decision: 'close', reason: action.reason, note: action.note });
        } catch (error) {
          failed.push({ id, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return { done: reportIds.length - failed.length, failed };
    },
  });

  app.get('/api/triage/map', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'Open reports by province (and NCR city) in the caller’s scope, for the map.',
      response: { 200: z.object({ provinces: z.array(ProvinceCount), unlocated: z.number().int() }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const rows = await sql<{ code: string | null; name: string | null; open: string; p1: string }>`
        SELECT coalesce(r.province_code, r.region_code) AS code, p.name, count(*) AS open, count(*) FILTER (WHERE r.priority_level = 1) AS p1
          FROM report r LEFT JOIN psgc_area p ON p.code = coalesce(r.province_code, r.region_code)
         WHERE r.status = ANY(${[...OPEN_REPORT_STATUSES]}::text[]) AND ${scopeCondition(reportScope(ctx.actor))}
         GROUP BY 1, 2`.execute(deps.db);
      return {
        provinces: rows.rows
          .filter((r) => r.code)
          .map((r) => ({ code: r.code!, name: r.name ?? r.code!, open: Number(r.open), p1: Number(r.p1) })),
        unlocated: Number(rows.rows.find((r) => !r.code)?.open ?? 0),
      };
    },
  });

  app.get('/api/triage/units', {
    config: { access: 'triage:decide' },
    schema: {
      tags,
      summary: 'Units a report can be referred to.',
      response: {
        200: z.object({
          units: z.array(
            z.object({
              id: z.uuid(),
              name: z.string(),
              organisation: z.string(),
              organisationCode: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async () => {
      const rows = await deps.db
        .selectFrom('unit as n')
        .innerJoin('organisation as o', 'o.id', 'n.organisation_id')
        .select(['n.id', 'n.name', 'o.name as organisation', 'o.code as organisation_code'])
        .where('o.disabled_at', 'is', null)
        .where('o.kind', 'in', ['police', 'nbi'])
        .orderBy('o.code')
        .orderBy('n.name')
        .execute();
      return {
        units: rows.map((r) => ({
          id: r.id,
          name: r.name,
          organisation: r.organisation,
          organisationCode: r.organisation_code,
        })),
      };
    },
  });

  app.get('/api/triage/analysts', {
    config: { access: 'triage:supervise' },
    schema: {
      tags,
      summary: 'Analysts reports can be assigned to.',
      response: { 200: z.object({ analysts: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const rows = await deps.db
        .selectFrom('app_user')
        .select(['id', 'display_name'])
        .where('organisation_id', '=', ctx.actor.organisationId)
        .where('role', 'in', ['triage_analyst', 'supervisor'])
        .where('disabled_at', 'is', null)
        .orderBy('display_name')
        .execute();
      return { analysts: rows.map((r) => ({ id: r.id, name: r.display_name })) };
    },
  });

  app.get('/api/triage/settings', {
    config: { access: 'triage:read' },
    schema: { tags, summary: 'Priority weights and linking rules.', response: { 200: TriageSettingsInput } },
    handler: async () => getTriageSettings(deps.db),
  });

  app.put('/api/triage/settings', {
    config: { access: 'triage:supervise' },
    schema: {
      tags,
      summary: 'Change priority weights and linking rules; the open queue is re-scored at once.',
      body: TriageSettingsInput,
      response: { 200: z.object({ rescored: z.number().int() }) },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const input = request.body;
      if (input.weights.p2_threshold >= input.weights.p1_threshold) {
        throw new AppError(
          'validation_failed',
          'The P2 threshold must be below the P1 threshold.',
          'weights.p2_threshold',
        );
      }
      const client = await deps.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO triage_setting (id, weights, hub_threshold, ip_window_hours, p1_review_minutes, updated_at, updated_by, hub_fanout)
           VALUES (1, $1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET weights = excluded.weights, hub_threshold = excluded.hub_threshold, ip_window_hours = excluded.ip_window_hours,
             p1_review_minutes = excluded.p1_review_minutes, updated_at = excluded.updated_at, updated_by = excluded.updated_by, hub_fanout = excluded.hub_fanout`,
          [
            JSON.stringify(input.weights),
            input.hubThreshold,
            input.ipWindowHours,
            input.p1ReviewMinutes,
            ctx.audit.now,
            ctx.actor.userId,
            input.hubFanout,
          ],
        );
        const rescored = await rescoreWhere(
          client,
          { allOpen: true },
          // Every row's reasons: new weights can move two factors by as much in opposite ways,
          // leaving a score as it was but not its reasons' points (capped rows are always compared).
          { weights: input.weights, now: ctx.audit.now, reasons: true },
        );
        await client.query('COMMIT');
        await recordAudit(deps.db, ctx.audit, {
          action: 'triage.settings_changed',
          details: { ...input, rescored },
        });
        return { rescored };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  });

  const FilterView = z.object({ id: z.uuid(), name: z.string(), filter: z.record(z.string(), z.unknown()) });
  app.get('/api/triage/filters', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'The caller’s saved queue filters.',
      response: { 200: z.object({ filters: z.array(FilterView) }) },
    },
    handler: async (request) => {
      const rows = await deps.db
        .selectFrom('saved_filter')
        .select(['id', 'name', 'filter'])
        .where('user_id', '=', contextOf(request).actor.userId)
        .orderBy('name')
        .execute();
      return {
        filters: rows.map((r) => ({ id: r.id, name: r.name, filter: r.filter as Record<string, unknown> })),
      };
    },
  });

  app.post('/api/triage/filters', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'Save a queue filter under a name (replaces one of the same name).',
      body: SavedFilterInput,
      response: { 201: FilterView },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const row = await deps.db
        .insertInto('saved_filter')
        .values({
          user_id: ctx.actor.userId,
          name: request.body.name,
          filter: JSON.stringify(request.body.filter),
          created_at: ctx.audit.now,
        })
        .onConflict((oc) =>
          oc.columns(['user_id', 'name']).doUpdateSet({ filter: JSON.stringify(request.body.filter) }),
        )
        .returning(['id', 'name', 'filter'])
        .executeTakeFirstOrThrow();
      return reply
        .code(201)
        .send({ id: row.id, name: row.name, filter: row.filter as Record<string, unknown> });
    },
  });

  app.delete('/api/triage/filters/:id', {
    config: { access: 'triage:read' },
    schema: {
      tags,
      summary: 'Delete one of the caller’s saved filters.',
      params: z.object({ id: z.uuid() }),
      response: { 200: Ok },
    },
    handler: async (request) => {
      const result = await deps.db
        .deleteFrom('saved_filter')
        .where('id', '=', request.params.id)
        .where('user_id', '=', contextOf(request).actor.userId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('not_found');
      return { ok: true as const };
    },
  });
}
