import { uncompressSync } from 'lz4-napi';
import type { IdentifierKind } from '@bantay/core/intake/report';
import type { ReportDetail } from '@bantay/core/triage/schema';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { documentContext } from '../intake/store';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { presentQueueItem, queueSelect } from './queue';
import { reportAbilities, reportScope, scopeCondition } from './scope';
import { getTriageSettings } from './settings';
import { can } from '@bantay/core/access/roles';

const CLUSTER_MEMBERS_SHOWN = 50;

/** Loads a report the caller may see, or 404 (also when it exists out of his scope). */
export async function findReportInScope(db: Executor, ctx: RequestContext, id: string) {
  if (!/^\d{1,18}$/.test(id)) throw notFound();
  const row = await queueSelect(db)
    .select([
      'r.incident_at',
      'r.escalation_reason',
      'r.annotations',
      'r.summary',
      'r.country_codes',
      'r.location_source',
      'r.location_confidence',
      'r.priority_reasons',
    ])
    .where('r.id', '=', id)
    .where(scopeCondition(reportScope(ctx.actor)))
    .executeTakeFirst();
  if (!row) {
    await recordAudit(db, ctx.audit, {
      action: 'access.denied',
      outcome: 'denied',
      recordType: 'report',
      recordId: id,
    });
    throw notFound();
  }
  return row;
}

/**
 * The report page: summary, reasons, identifiers with their links, cluster, files (hashes
 * and metadata only), decisions, deconfliction. Reading it is audited; an analyst's first
 * read marks the report reviewed for the overdue clock.
 */
export async function getReportDetail(ctx: RequestContext, id: string): Promise<ReportDetail> {
  const { db } = ctx.deps;
  const now = ctx.audit.now;
  const settings = await getTriageSettings(db);
  const row = await findReportInScope(db, ctx, id);

  const [identifiers, files, decisions, document, members, sameFile] = await Promise.all([
    db
      .selectFrom('report_identifier as ri')
      .innerJoin('identifier as i', 'i.id', 'ri.identifier_id')
      .select([
        sql<string>`i.id::text`.as('id'),
        'i.kind',
        'i.value',
        'ri.raw',
        'i.platform',
        'ri.role',
        'i.flags',
        'i.link_policy',
        'i.is_hub',
        'i.report_count',
        'ri.observed_at',
        'ri.port',
        'i.country_code',
      ])
      .where('ri.report_id', '=', id)
      .orderBy('ri.person_index')
      .execute(),
    db.selectFrom('report_file').selectAll().where('report_id', '=', id).orderBy('file_index').execute(),
    db
      .selectFrom('triage_decision as d')
      .innerJoin('app_user as u', 'u.id', 'd.decided_by')
      .leftJoin('app_user as v', 'v.id', 'd.reviewed_by')
      .leftJoin('unit as n', 'n.id', 'd.to_unit_id')
      .leftJoin('case_file as c', 'c.id', 'd.case_id')
      .select([
        'd.id',
        'd.decision',
        'd.close_reason',
        'd.note',
        'd.decided_by',
        'u.display_name as decided_by_name',
        'd.decided_at',
        'n.name as unit_name',
        'c.number as case_number',
        sql<string | null>`d.duplicate_of::text`.as('duplicate_of'),
        'd.reviewed_by',
        'v.display_name as reviewed_by_name',
        'd.reviewed_at',
        'd.review_outcome',
        'd.review_note',
      ])
      .where('d.report_id', '=', id)
      .orderBy('d.decided_at', 'desc')
      .execute(),
    db.selectFrom('report_document').select(['sha256']).where('report_id', '=', id).executeTakeFirstOrThrow(),
    sql<{
      id: string;
      external_id: string;
      received_at: Date;
      priority_level: number;
      status: string;
      shared: string[];
    }>`
      SELECT r.id::text, r.external_id, r.received_at, r.priority_level, r.status,
             coalesce(array_agg(DISTINCT ri.identifier_id::text) FILTER (WHERE mine.identifier_id IS NOT NULL), '{}') AS shared
        FROM report r
        LEFT JOIN report_identifier ri ON ri.report_id = r.id
        LEFT JOIN report_identifier mine ON mine.report_id = ${id} AND mine.identifier_id = ri.identifier_id
       WHERE r.cluster_id = ${row.cluster_id}::bigint AND r.id <> ${id}::bigint AND ${scopeCondition(reportScope(ctx.actor))}
       GROUP BY r.id ORDER BY r.received_at DESC LIMIT ${CLUSTER_MEMBERS_SHOWN}`.execute(db),
    sql<{ n: string }>`
      SELECT count(DISTINCT f2.report_id) AS n FROM report_file f JOIN report_file f2
          ON (f2.md5 = f.md5 OR f2.sha1 = f.sha1) AND f2.report_id <> f.report_id
       WHERE f.report_id = ${id}::bigint`.execute(db),
  ]);
  const deconfliction = await deconflict(db, ctx, id);
  const lastDecision = decisions[0];

  await db.transaction().execute(async (trx) => {
    if (row.first_reviewed_at === null && can(ctx.actor.role, 'triage:decide')) {
      await trx
        .updateTable('report')
        .set({ first_reviewed_at: now })
        .where('id', '=', id)
        .where('first_reviewed_at', 'is', null)
        .execute();
    }
    await recordAudit(trx, ctx.audit, { action: 'report.read', recordType: 'report', recordId: id });
  });

  const psgc = await db
    .selectFrom('psgc_area')
    .select(['code', 'name'])
    .where('code', 'in', [row.region_code ?? '', row.province_code ?? ''])
    .execute();
  const nameOf = (code: string | null) => psgc.find((p) => p.code === code)?.name ?? null;

  return {
    ...presentQueueItem(row, now, settings.p1ReviewMinutes),
    incidentAt: row.incident_at?.toISOString() ?? null,
    escalationReason: row.escalation_reason,
    annotations: row.annotations,
    summary: row.summary,
    countryCodes: row.country_codes,
    location: {
      regionCode: row.region_code,
      regionName: nameOf(row.region_code),
      provinceCode: row.province_code,
      provinceName: nameOf(row.province_code),
      source: row.location_source,
      confidence: row.location_confidence,
    },
    priorityReasons: row.priority_reasons as ReportDetail['priorityReasons'],
    identifiers: identifiers.map((i) => ({
      id: i.id,
      kind: i.kind as IdentifierKind,
      value: i.value,
      raw: i.raw,
      platform: i.platform,
      role: i.role,
      flags: i.flags,
      linkPolicy: i.link_policy,
      isHub: i.is_hub,
      reportCount: i.report_count,
      observedAt: i.observed_at?.toISOString() ?? null,
      port: i.port,
      countryCode: i.country_code,
    })),
    files: files.map((f) => ({
      index: f.file_index,
      originalName: f.original_name,
      viewedByEsp: f.viewed_by_esp,
      publiclyAvailable: f.publicly_available,
      annotations: f.annotations,
      classification: f.classification,
      md5: f.md5?.toString('hex') ?? null,
      sha1: f.sha1?.toString('hex') ?? null,
      sha256: f.sha256?.toString('hex') ?? null,
      pdq: f.pdq?.toString('hex') ?? null,
      match:
        f.match_kind === 'exact' || f.match_kind === 'pdq'
          ? {
              kind: f.match_kind,
              distance: f.match_distance ?? 0,
              category: f.match_category,
              series: f.match_series,
            }
          : null,
    })),
    cluster: {
      id: row.cluster_id,
      size: row.cluster_size,
      members: members.rows.map((m) => ({
        id: m.id,
        externalId: m.external_id,
        receivedAt: m.received_at.toISOString(),
        priorityLevel: m.priority_level,
        status: m.status as ReportDetail['status'],
        shared: m.shared,
      })),
    },
    sameFileReports: Number(sameFile.rows[0]?.n ?? 0),
    deconfliction,
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      closeReason: d.close_reason as ReportDetail['decisions'][number]['closeReason'],
      note: d.note,
      decidedBy: { id: d.decided_by, name: d.decided_by_name },
      decidedAt: d.decided_at.toISOString(),
      toUnit: d.unit_name,
      caseNumber: d.case_number,
      duplicateOf: d.duplicate_of,
      review:
        d.reviewed_by && d.reviewed_at && d.review_outcome
          ? {
              by: { id: d.reviewed_by, name: d.reviewed_by_name ?? '' },
              at: d.reviewed_at.toISOString(),
              outcome: d.review_outcome as 'upheld' | 'reopened',
              note: d.review_note,
            }
          : null,
    })),
    abilities: reportAbilities(ctx.actor, {
      status: row.status,
      assigneeId: row.assignee_id,
      lastDecision: lastDecision
        ? { by: lastDecision.decided_by, reviewed: lastDecision.reviewed_at !== null }
        : undefined,
    }),
    documentSha256: document.sha256.toString('hex'),
  };
}

/**
 * Identifiers of this report that already sit in an open case elsewhere. The case number
 * is shown only to a member of the holding unit; anyone else learns the unit and is asked
 * to go through his supervisor.
 */
async function deconflict(
  db: Executor,
  ctx: RequestContext,
  id: string,
): Promise<ReportDetail['deconfliction']> {
  const rows = await sql<{
    value: string;
    case_id: string;
    number: string;
    unit_id: string | null;
    unit_name: string | null;
    organisation_name: string;
  }>`
    SELECT DISTINCT i.value, c.id::text AS case_id, c.number, c.unit_id::text, n.name AS unit_name, o.name AS organisation_name
      FROM report_identifier mine
      JOIN identifier i ON i.id = mine.identifier_id AND i.link_policy <> 'never' AND NOT i.is_hub
      JOIN report_identifier other ON other.identifier_id = mine.identifier_id AND other.report_id <> mine.report_id
      JOIN case_report cr ON cr.report_id = other.report_id
      JOIN case_file c ON c.id = cr.case_id AND c.status <> 'closed'
      JOIN organisation o ON o.id = c.organisation_id
      LEFT JOIN unit n ON n.id = c.unit_id
     WHERE mine.report_id = ${id}::bigint
     LIMIT 50`.execute(db);
  return rows.rows.map((row) => {
    const visible =
      row.unit_id !== null && row.unit_id === ctx.actor.unitId && can(ctx.actor.role, 'cases:read');
    return {
      identifier: row.value,
      unitName: row.unit_name ?? row.organisation_name,
      organisationName: row.organisation_name,
      caseId: visible ? row.case_id : null,
      caseNumber: visible ? row.number : null,
    };
  });
}

/** The original document as received: decrypted and decompressed for reading, audited. */
export async function getReportDocument(
  ctx: RequestContext,
  id: string,
): Promise<{ sha256: string; format: string; content: string }> {
  const { db, cipher } = ctx.deps;
  const row = await findReportInScope(db, ctx, id);
  const document = await db
    .selectFrom('report_document')
    .selectAll()
    .where('report_id', '=', id)
    .executeTakeFirstOrThrow();
  const content = uncompressSync(cipher.decrypt(document.content, documentContext(id))).toString('utf8');
  await recordAudit(db, ctx.audit, {
    action: 'report.document_read',
    recordType: 'report',
    recordId: id,
    details: { sha256: document.sha256.toString('hex') },
  });
  return {
    sha256: document.sha256.toString('hex'),
    format: row.source === 'NCMEC' ? 'xml' : 'text',
    content,
  };
}
