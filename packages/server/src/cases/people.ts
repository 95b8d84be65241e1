import type {
  Subject,
  SubjectIdentifierInput,
  SubjectInput,
  Victim,
  VictimInput,
} from '@bantay/core/cases/schema';
import {
  SubjectIdentifierInput as IdentifierSchema,
  SubjectInput as SubjectSchema,
} from '@bantay/core/cases/schema';
import { normaliseIdentifier } from '@bantay/core/identifiers/normalise';
import { isRejection } from '@bantay/core/identifiers/types';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { AppError, notFound } from '../platform/http/errors';
import { changeCase, psgcPlace, recordCaseChange, type Trx } from './scope';

const isoDate = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/** The subjects of a case with their identifiers and the reports those identifiers appear in. */
export async function listSubjects(executor: Executor, caseId: string): Promise<Subject[]> {
  const subjects = await executor
    .selectFrom('case_subject as s')
    .leftJoin('psgc_area as p', 'p.code', 's.psgc_code')
    .selectAll('s')
    .select('p.name as place')
    .where('s.case_id', '=', caseId)
    .orderBy('s.created_at')
    .execute();
  if (subjects.length === 0) return [];
  const identifiers = await executor
    .selectFrom('case_subject_identifier as si')
    .leftJoin('identifier as i', 'i.id', 'si.identifier_id')
    .select([
      'si.id',
      'si.subject_id',
      'si.kind',
      'si.value',
      'si.platform',
      'si.identifier_id',
      'i.report_count',
    ])
    .where(
      'si.subject_id',
      'in',
      subjects.map((s) => s.id),
    )
    .orderBy('si.added_at')
    .execute();
  const linkedIds = identifiers.flatMap((i) => (i.identifier_id ? [i.identifier_id] : []));
  const inCase = linkedIds.length
    ? await executor
        .selectFrom('report_identifier as ri')
        .innerJoin('case_report as cr', 'cr.report_id', 'ri.report_id')
        .innerJoin('report as r', 'r.id', 'ri.report_id')
        .select(['ri.identifier_id', 'r.id', 'r.external_id'])
        .distinct()
        .where('cr.case_id', '=', caseId)
        .where('ri.identifier_id', 'in', linkedIds)
        .execute()
    : [];
  return subjects.map((s) => ({
    id: s.id,
    role: s.role as Subject['role'],
    fullName: s.full_name,
    aliases: s.aliases,
    nationality: s.nationality,
    birthDate: isoDate(s.birth_date),
    address: s.address,
    psgcCode: s.psgc_code,
    place: s.place,
    notes: s.notes,
    arrestedAt: s.arrested_at?.toISOString() ?? null,
    forProsecution: s.for_prosecution,
    identifiers: identifiers
      .filter((i) => i.subject_id === s.id)
      .map((i) => ({
        id: i.id,
        kind: i.kind as Subject['identifiers'][number]['kind'],
        value: i.value,
        platform: i.platform,
        reportCount: i.report_count ?? 0,
        caseReports: inCase
          .filter((r) => i.identifier_id !== null && String(r.identifier_id) === String(i.identifier_id))
          .map((r) => ({ id: String(r.id), externalId: r.external_id })),
      })),
  }));
}

export async function addSubject(
  ctx: RequestContext,
  caseId: string,
  raw: SubjectInput,
): Promise<{ id: string }> {
  const input = SubjectSchema.parse(raw);
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    await psgcPlace(trx, input.psgcCode, 'psgcCode');
    const created = await trx
      .insertInto('case_subject')
      .values({
        case_id: row.id,
        role: input.role,
        full_name: input.fullName,
        aliases: input.aliases,
        nationality: input.nationality ?? null,
        birth_date: input.birthDate ?? null,
        address: input.address ?? null,
        psgc_code: input.psgcCode ?? null,
        notes: input.notes ?? null,
        arrested_at: null,
        arrest_operation_id: null,
        created_by: ctx.actor.userId,
        created_at: ctx.audit.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.subject_added',
      recordType: 'case_subject',
      recordId: created.id,
      details: { role: input.role, name: input.fullName },
    });
    return created;
  });
}

/**
 * Links an identifier or account to a subject. It is normalised as intake normalises
 * report identifiers, so it meets every report that carries it.
 */
export async function linkIdentifier(
  ctx: RequestContext,
  caseId: string,
  subjectId: string,
  raw: SubjectIdentifierInput,
): Promise<{ id: string; reportCount: number }> {
  const input = IdentifierSchema.parse(raw);
  const normalised = normaliseIdentifier({
    kind: input.kind,
    value: input.value,
    ...(input.platform ? { platform: input.platform } : {}),
  });
  if (isRejection(normalised)) throw new AppError('validation_failed', normalised.reason, 'value');
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const subject = await trx
      .selectFrom('case_subject')
      .select(['id', 'full_name'])
      .where('id', '=', subjectId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!subject) throw notFound();
    const known = await trx
      .selectFrom('identifier')
      .select(['id', 'report_count'])
      .where('kind', '=', normalised.kind)
      .where('match_key', '=', normalised.matchKey)
      .executeTakeFirst();
    const created = await trx
      .insertInto('case_subject_identifier')
      .values({
        subject_id: subject.id,
        kind: normalised.kind,
        value: normalised.value,
        match_key: normalised.matchKey,
        platform: normalised.platform ?? null,
        identifier_id: known?.id ?? null,
        added_by: ctx.actor.userId,
        added_at: ctx.audit.now,
      })
      .onConflict((oc) => oc.columns(['subject_id', 'kind', 'match_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created)
      throw new AppError('conflict', 'This identifier is already linked to the subject.', 'value');
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.identifier_linked',
      recordType: 'case_subject',
      recordId: subject.id,
      details: { subject: subject.full_name, kind: normalised.kind, reports: known?.report_count ?? 0 },
    });
    return { id: created.id, reportCount: known?.report_count ?? 0 };
  });
}

export async function listVictims(executor: Executor, caseId: string): Promise<Victim[]> {
  const rows = await executor
    .selectFrom('case_victim as v')
    .leftJoin('case_subject as s', 's.id', 'v.facilitator_id')
    .leftJoin('aftercare_referral as a', 'a.victim_id', 'v.id')
    .leftJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select([
      'v.id',
      'v.code',
      'v.age_band',
      'v.sex',
      'v.relationship',
      'v.rescued_at',
      's.full_name as facilitator',
      'o.name as aftercare',
    ])
    .where('v.case_id', '=', caseId)
    .orderBy('v.code')
    .execute();
  return rows.map((v) => ({
    id: v.id,
    code: v.code,
    ageBand: v.age_band as Victim['ageBand'],
    sex: v.sex as Victim['sex'],
    relationship: v.relationship as Victim['relationship'],
    facilitator: v.facilitator,
    rescuedAt: v.rescued_at?.toISOString() ?? null,
    aftercare: v.aftercare,
  }));
}

/**
 * Inserts a victim as a pseudonym code (the case number and a running letter-free number);
 * shared by the victims tab and rescue outcomes. No name is ever stored here.
 */
export async function insertVictim(
  trx: Trx,
  ctx: RequestContext,
  kase: { id: string; number: string },
  input: VictimInput & { operationId?: string; rescuedAt?: Date },
): Promise<{ id: string; code: string }> {
  if (input.facilitatorId) {
    const facilitator = await trx
      .selectFrom('case_subject')
      .select('id')
      .where('id', '=', input.facilitatorId)
      .where('case_id', '=', kase.id)
      .executeTakeFirst();
    if (!facilitator)
      throw new AppError('validation_failed', 'Choose a subject of this case.', 'facilitatorId');
  }
  const { n } = await trx
    .selectFrom('case_victim')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', kase.id)
    .executeTakeFirstOrThrow();
  const code = `${kase.number}-V${String(Number(n) + 1).padStart(2, '0')}`;
  const created = await trx
    .insertInto('case_victim')
    .values({
      case_id: kase.id,
      code,
      age_band: input.ageBand,
      sex: input.sex,
      relationship: input.relationship,
      facilitator_id: input.facilitatorId ?? null,
      operation_id: input.operationId ?? null,
      rescued_at: input.rescuedAt ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.audit.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: created.id, code };
}

export async function addVictim(
  ctx: RequestContext,
  caseId: string,
  input: VictimInput,
): Promise<{ id: string; code: string }> {
  return changeCase(ctx, caseId, 'write', async (trx, row) => {
    const victim = await insertVictim(trx, ctx, row, input);
    await recordCaseChange(trx, ctx, row.id, {
      action: 'case.victim_added',
      recordType: 'case_victim',
      recordId: victim.id,
      details: { code: victim.code, ageBand: input.ageBand },
    });
    return victim;
  });
}
