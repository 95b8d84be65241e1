import type { Actor } from '@bantay/core/access/actor';
import {
  ACCOUNT_KINDS,
  GRAPH_EXPAND_LIMIT,
  type Graph,
  type GraphEdge,
  type GraphNode,
} from '@bantay/core/cases/graph';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { caseVisible, readCase } from './scope';

/** Collects nodes and edges once each, whatever order the queries find them in. */
class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();

  node(node: GraphNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  edge(source: string, target: string, label: string, via: string): void {
    const id = `${source}|${label}|${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, source, target, label, via });
  }

  build(): Graph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

/**
 * Reports the actor may see from a case: those in any case he can see. Written on a report
 * id column and checked report by report through case_report's index; `offset 0` keeps
 * PostgreSQL from hashing all of the actor's case reports first to check a handful.
 */
function reportInScope(actor: Actor, column = 'r.id'): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
    where cr.report_id = ${sql.ref(column)} and ${caseVisible(actor)} offset 0)`;
}

/**
 * Above this many reports an identifier is expanded from the actor's side (the reports of
 * his cases that name it) rather than from the identifier's (each of its reports checked).
 * Each way costs a few microseconds a row: 10 000 reports of an identifier weigh about as
 * much as the reports of a large unit's 300 cases (measured in bench/graph.bench.ts).
 */
export const GRAPH_FAN_OUT_SCAN = 10_000;

const identifierNode = (i: { id: string | number; kind: string; value: string }): GraphNode => ({
  id: `identifier:${i.id}`,
  type: ACCOUNT_KINDS.includes(i.kind) ? 'account' : 'identifier',
  label: i.value,
  kind: i.kind,
  at: null,
});
const reportNode = (r: {
  id: string | number;
  external_id: string;
  incident_type: string;
  received_at: Date;
}): GraphNode => ({
  id: `report:${r.id}`,
  type: 'report',
  label: r.external_id,
  kind: r.incident_type,
  at: r.received_at.toISOString(),
});
const personNode = (s: { id: string; full_name: string; role: string }): GraphNode => ({
  id: `person:${s.id}`,
  type: 'person',
  label: s.full_name,
  kind: s.role,
  at: null,
});

/** A report's linking identifiers (hubs and never-linking ones left out: they mean nothing). */
async function addReportIdentifiers(
  executor: Executor,
  graph: GraphBuilder,
  reports: { id: string; external_id: string }[],
) {
  if (reports.length === 0) return;
  const rows = await executor
    .selectFrom('report_identifier as ri')
    .innerJoin('identifier as i', 'i.id', 'ri.identifier_id')
    .select(['ri.report_id', 'i.id', 'i.kind', 'i.value'])
    .distinct()
    .where(
      'ri.report_id',
      'in',
      reports.map((r) => r.id),
    )
    .where('i.is_hub', '=', false)
    .where('i.link_policy', '<>', 'never')
    .execute();
  for (const row of rows) {
    const report = reports.find((r) => String(r.id) === String(row.report_id));
    const target = graph.node(identifierNode(row));
    graph.edge(`report:${row.report_id}`, target, 'names', `report ${report?.external_id ?? row.report_id}`);
  }
}

/** Subjects and the identifiers the case links to them. */
async function addSubjects(
  executor: Executor,
  graph: GraphBuilder,
  caseNode: string,
  caseNumber: string,
  subjectWhere: { caseId?: string; identifierId?: string; actor: Actor },
) {
  let query = executor
    .selectFrom('case_subject as s')
    .innerJoin('case_file as c', 'c.id', 's.case_id')
    .select(['s.id', 's.full_name', 's.role', 'c.id as case_id', 'c.number'])
    .where(
      sql<SqlBool>`(c.unit_id = ${subjectWhere.actor.unitId} or exists (select 1 from case_member m where m.case_id = c.id and m.user_id = ${subjectWhere.actor.userId}))`,
    );
  if (subjectWhere.caseId) query = query.where('s.case_id', '=', subjectWhere.caseId);
  if (subjectWhere.identifierId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_subject_identifier as si')
          .select('si.id')
          .whereRef('si.subject_id', '=', 's.id')
          .where('si.identifier_id', '=', subjectWhere.identifierId ?? '0'),
      ),
    );
  const subjects = await query.limit(GRAPH_EXPAND_LIMIT).execute();
  for (const subject of subjects) {
    const person = graph.node(personNode(subject));
    const holder =
      caseNode ||
      graph.node({
        id: `case:${subject.case_id}`,
        type: 'case',
        label: subject.number,
        kind: null,
        at: null,
      });
    graph.edge(holder, person, 'subject', `case ${caseNumber || subject.number}`);
  }
  if (subjects.length === 0) return;
  const identifiers = await executor
    .selectFrom('case_subject_identifier as si')
    .select(['si.id', 'si.subject_id', 'si.kind', 'si.value', 'si.identifier_id'])
    .where(
      'si.subject_id',
      'in',
      subjects.map((s) => s.id),
    )
    .execute();
  for (const si of identifiers) {
    const subject = subjects.find((s) => s.id === si.subject_id);
    const node = graph.node(
      identifierNode({ id: si.identifier_id ?? `s${si.id}`, kind: si.kind, value: si.value }),
    );
    graph.edge(`person:${si.subject_id}`, node, 'uses', `case ${subject?.number ?? ''} subject record`);
  }
}

async function addCase(
  executor: Executor,
  actor: Actor,
  graph: GraphBuilder,
  kase: { id: string; number: string; title: string },
) {
  const caseNode = graph.node({
    id: `case:${kase.id}`,
    type: 'case',
    label: kase.number,
    kind: null,
    at: null,
  });
  const reports = await executor
    .selectFrom('case_report as cr')
    .innerJoin('report as r', 'r.id', 'cr.report_id')
    .select(['r.id', 'r.external_id', 'r.incident_type', 'r.received_at'])
    .where('cr.case_id', '=', kase.id)
    .limit(500)
    .execute();
  for (const report of reports)
    graph.edge(caseNode, graph.node(reportNode(report)), 'contains', `case ${kase.number}`);
  await addReportIdentifiers(
    executor,
    graph,
    reports.map((r) => ({ id: String(r.id), external_id: r.external_id })),
  );
  await addSubjects(executor, graph, caseNode, kase.number, { caseId: kase.id, actor });
}

/** The case's own graph: its reports, their identifiers, its subjects and theirs. Audited. */
export async function caseGraph(ctx: RequestContext, caseId: string): Promise<Graph> {
  const row = await readCase(ctx, caseId);
  const graph = new GraphBuilder();
  await addCase(ctx.deps.db, ctx.actor, graph, row);
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'case.graph_read',
    recordType: 'case',
    recordId: row.id,
  });
  return graph.build();
}

/**
 * The newest reports in the actor's cases that name an identifier. A busy identifier
 * (thousands of reports nationwide) is met from the reports of the actor's cases, through
 * the (report_id, identifier_id) index; a quiet one from its own reports. bench/graph.bench.ts
 * measures both at 1 000 000 reports.
 */
export function identifierReports(
  executor: Executor,
  actor: Actor,
  identifierId: string,
  reportCount: number,
) {
  const named =
    reportCount > GRAPH_FAN_OUT_SCAN
      ? executor
          .selectFrom('case_file as c')
          .innerJoin('case_report as cr', 'cr.case_id', 'c.id')
          .innerJoin('report_identifier as ri', 'ri.report_id', 'cr.report_id')
          .select('ri.report_id')
          .where(caseVisible(actor))
          .where('ri.identifier_id', '=', identifierId)
      : executor
          .selectFrom('report_identifier as ri')
          .select('ri.report_id')
          .where('ri.identifier_id', '=', identifierId)
          .where(reportInScope(actor, 'ri.report_id'));
  // The few reports in scope are found first and then sorted (`offset 0` keeps them apart):
  // left to itself, PostgreSQL may walk all reports newest first hoping to meet 50 soon.
  return executor
    .selectFrom(named.distinct().offset(0).as('q'))
    .innerJoin('report as r', 'r.id', 'q.report_id')
    .select(['r.id', 'r.external_id', 'r.incident_type', 'r.received_at'])
    .orderBy('r.received_at', 'desc')
    .limit(GRAPH_EXPAND_LIMIT);
}

/**
 * One node's neighbours from the database, within the actor's scope: an identifier's
 * reports and subjects, a report's identifiers and cases, a person's identifiers, a case's
 * graph. What lies outside the actor's cases is counted, never shown.
 */
export async function expandNode(ctx: RequestContext, caseId: string, node: string): Promise<Graph> {
  await readCase(ctx, caseId);
  const { db } = ctx.deps;
  const { actor } = ctx;
  const [type, key = ''] = node.split(':');
  const graph = new GraphBuilder();
  switch (type) {
    case 'identifier': {
      if (!/^\d{1,18}$/.test(key)) throw notFound();
      const identifier = await db
        .selectFrom('identifier')
        .select(['id', 'kind', 'value', 'report_count'])
        .where('id', '=', key)
        .executeTakeFirst();
      if (!identifier) throw notFound();
      const id = graph.node(identifierNode(identifier));
      const reports = await identifierReports(db, actor, key, identifier.report_count).execute();
      for (const report of reports)
        graph.edge(graph.node(reportNode(report)), id, 'names', `report ${report.external_id}`);
      const outside = identifier.report_count - reports.length;
      if (outside > 0) {
        const more = graph.node({
          id: `more:${key}`,
          type: 'more',
          label: `+${outside}`,
          kind: null,
          at: null,
        });
        graph.edge(more, id, 'names', 'reports outside your cases (counted, not shown)');
      }
      await addSubjects(db, graph, '', '', { identifierId: key, actor });
      break;
    }
    case 'report': {
      if (!/^\d{1,18}$/.test(key)) throw notFound();
      const report = await db
        .selectFrom('report as r')
        .select(['r.id', 'r.external_id', 'r.incident_type', 'r.received_at'])
        .where('r.id', '=', key)
        .where(reportInScope(actor))
        .executeTakeFirst();
      if (!report) throw notFound();
      graph.node(reportNode(report));
      await addReportIdentifiers(db, graph, [{ id: String(report.id), external_id: report.external_id }]);
      const cases = await db
        .selectFrom('case_report as cr')
        .innerJoin('case_file as c', 'c.id', 'cr.case_id')
        .select(['c.id', 'c.number'])
        .where('cr.report_id', '=', key)
        .where(
          sql<SqlBool>`(c.unit_id = ${actor.unitId} or exists (select 1 from case_member m where m.case_id = c.id and m.user_id = ${actor.userId}))`,
        )
        .execute();
      for (const c of cases)
        graph.edge(
          graph.node({ id: `case:${c.id}`, type: 'case', label: c.number, kind: null, at: null }),
          `report:${key}`,
          'contains',
          `case ${c.number}`,
        );
      break;
    }
    case 'person': {
      const subject = await db
        .selectFrom('case_subject as s')
        .select(['s.case_id'])
        .where('s.id', '=', /^[0-9a-f-]{36}$/i.test(key) ? key : '00000000-0000-0000-0000-000000000000')
        .executeTakeFirst();
      if (!subject) throw notFound();
      const kase = await readCase(ctx, subject.case_id);
      await addSubjects(db, graph, `case:${kase.id}`, kase.number, { caseId: kase.id, actor });
      graph.node({ id: `case:${kase.id}`, type: 'case', label: kase.number, kind: null, at: null });
      break;
    }
    case 'case': {
      const kase = await readCase(ctx, key);
      await addCase(db, actor, graph, kase);
      break;
    }
    default:
      throw notFound();
  }
  return graph.build();
}
