import { randomUUID } from 'node:crypto';
import type {
  AttendanceInput,
  ConferenceInput,
  CourtSupportInput,
  EnrolmentInput,
  FollowUpInput,
  TherapyNote,
  TherapyNoteInput,
} from '@bantay/core/aftercare/schema';
import { sql } from 'kysely';
import type { RequestContext } from '../access/request';
import type { Executor } from '../platform/db';
import { notFound } from '../platform/http/errors';
import { addToSurvivor, changeSurvivor } from './casework';
import { readSurvivor } from './scope';

/** The context a therapy note's ciphertext is bound to. */
export const therapyNoteContext = (noteId: string) => `therapy_note.note:${noteId}`;

export function writeTherapyNote(
  ctx: RequestContext,
  id: string,
  input: TherapyNoteInput,
): Promise<{ id: string }> {
  return changeSurvivor(ctx, id, 'therapyNotes', async (trx, row) => {
    // The id is known before the insert: the ciphertext is bound to it.
    const noteId = randomUUID();
    await trx
      .insertInto('therapy_note')
      .values({
        id: noteId,
        survivor_id: row.id,
        held_on: input.heldOn,
        note: ctx.deps.cipher.encrypt(input.note, therapyNoteContext(noteId)),
        written_by: ctx.actor.userId,
        written_at: ctx.audit.now,
      })
      .execute();
    return {
      result: { id: noteId },
      audit: { action: 'aftercare.therapy_note_written', details: { noteId } },
    };
  });
}

/** The therapy notes, decrypted for the therapist role only; each reading is one audit row. */
export function readTherapyNotes(ctx: RequestContext, id: string): Promise<TherapyNote[]> {
  return readSurvivor(ctx, id, 'therapyNotes', 'therapy_note', async (row) => {
    const notes = await ctx.deps.db
      .selectFrom('therapy_note as n')
      .innerJoin('app_user as u', 'u.id', 'n.written_by')
      .select(['n.id', 'n.held_on', 'n.note', 'u.display_name', 'n.written_at'])
      .where('n.survivor_id', '=', row.id)
      .orderBy('n.held_on', 'desc')
      .execute();
    const result = notes.map((n) => ({
      id: n.id,
      heldOn: n.held_on,
      note: ctx.deps.cipher.decryptString(n.note, therapyNoteContext(n.id)),
      writtenBy: n.display_name,
      writtenAt: n.written_at.toISOString(),
    }));
    return { result, audit: { action: 'aftercare.therapy_notes_read', details: { notes: result.length } } };
  });
}

export function recordEnrolment(
  ctx: RequestContext,
  id: string,
  input: EnrolmentInput,
): Promise<{ id: string }> {
  const audit = { action: 'aftercare.enrolment_recorded', details: { kind: input.kind } } as const;
  return addToSurvivor(ctx, id, 'recordService', audit, (trx, stamp) =>
    trx
      .insertInto('education_enrolment')
      .values({
        ...stamp,
        kind: input.kind,
        institution: input.institution,
        level: input.level,
        started_on: input.startedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

/** A month's attendance at a school or course; the same month again replaces it. */
export async function recordAttendance(
  ctx: RequestContext,
  enrolmentId: string,
  input: AttendanceInput,
): Promise<void> {
  const enrolment = await ctx.deps.db
    .selectFrom('education_enrolment')
    .select('survivor_id')
    .where('id', '=', enrolmentId)
    .executeTakeFirst();
  if (!enrolment) throw notFound();
  await changeSurvivor(ctx, enrolment.survivor_id, 'recordService', async (trx) => {
    await trx
      .insertInto('attendance')
      .values({
        enrolment_id: enrolmentId,
        month: input.month,
        days_present: input.daysPresent,
        days_expected: input.daysExpected,
      })
      .onConflict((oc) =>
        oc.columns(['enrolment_id', 'month']).doUpdateSet({
          days_present: input.daysPresent,
          days_expected: input.daysExpected,
        }),
      )
      .execute();
    return {
      result: undefined,
      audit: { action: 'aftercare.attendance_recorded', details: { enrolmentId, month: input.month } },
    };
  });
}

export function recordConference(
  ctx: RequestContext,
  id: string,
  input: ConferenceInput,
): Promise<{ id: string }> {
  return addToSurvivor(ctx, id, 'edit', { action: 'aftercare.conference_recorded' }, (trx, stamp) =>
    trx
      .insertInto('case_conference')
      .values({
        ...stamp,
        held_on: input.heldOn,
        participants: input.participants,
        notes: input.notes,
        decisions: input.decisions,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

/** Follow-ups go on after closure too (reintegration), so a closed record takes them. */
export function recordFollowUp(
  ctx: RequestContext,
  id: string,
  input: FollowUpInput,
): Promise<{ id: string }> {
  const audit = {
    action: 'aftercare.follow_up_recorded',
    details: { kind: input.kind, done: input.doneOn !== null },
  } as const;
  return addToSurvivor(ctx, id, 'followUp', audit, (trx, stamp) =>
    trx
      .insertInto('follow_up')
      .values({
        ...stamp,
        kind: input.kind,
        due_on: input.dueOn,
        done_on: input.doneOn,
        notes: input.notes ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

export function recordCourtSupport(
  ctx: RequestContext,
  id: string,
  input: CourtSupportInput,
): Promise<{ id: string }> {
  return addToSurvivor(ctx, id, 'edit', { action: 'aftercare.court_support_recorded' }, (trx, stamp) =>
    trx
      .insertInto('court_support')
      .values({
        ...stamp,
        hearing_at: new Date(input.hearingAt),
        court: input.court,
        purpose: input.purpose,
        accommodations: sql<string[]>`${input.accommodations}::text[]`,
        source: 'social_worker',
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

/**
 * For the prosecution module: a hearing where the survivor testifies, named by the
 * survivor's pseudonym code only, goes on the holding social worker's calendar with the
 * accommodations asked. The same hearing again updates its entry. No identity crosses.
 */
export async function scheduleCourtSupport(
  trx: Executor,
  hearing: {
    survivorCode: string;
    hearingId: string;
    hearingAt: Date;
    court: string;
    purpose?: string;
    accommodations: readonly CourtSupportInput['accommodations'][number][];
    now: Date;
  },
): Promise<{ id: string } | null> {
  const survivor = await trx
    .selectFrom('survivor')
    .select('id')
    .where('code', '=', hearing.survivorCode)
    .executeTakeFirst();
  if (!survivor) return null;
  const values = {
    hearing_at: hearing.hearingAt,
    court: hearing.court,
    purpose: hearing.purpose ?? '',
    accommodations: sql<string[]>`${[...hearing.accommodations]}::text[]`,
  };
  return trx
    .insertInto('court_support')
    .values({
      ...values,
      survivor_id: survivor.id,
      source: 'prosecution',
      source_hearing_id: hearing.hearingId,
      recorded_by: null,
      recorded_at: hearing.now,
    })
    .onConflict((oc) => oc.column('source_hearing_id').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** School, conferences, follow-ups and hearings of one survivor, for the record page. */
export async function servicesOf(db: Executor, survivorId: string) {
  const [enrolments, attendance, conferences, followUps, hearings] = await Promise.all([
    db
      .selectFrom('education_enrolment')
      .selectAll()
      .where('survivor_id', '=', survivorId)
      .orderBy('started_on', 'desc')
      .execute(),
    db
      .selectFrom('attendance as a')
      .innerJoin('education_enrolment as e', 'e.id', 'a.enrolment_id')
      .selectAll('a')
      .where('e.survivor_id', '=', survivorId)
      .orderBy('a.month')
      .execute(),
    db
      .selectFrom('case_conference as c')
      .innerJoin('app_user as u', 'u.id', 'c.recorded_by')
      .selectAll('c')
      .select('u.display_name')
      .where('c.survivor_id', '=', survivorId)
      .orderBy('c.held_on', 'desc')
      .execute(),
    db
      .selectFrom('follow_up')
      .selectAll()
      .where('survivor_id', '=', survivorId)
      .orderBy('due_on', 'desc')
      .execute(),
    db
      .selectFrom('court_support')
      .selectAll()
      .where('survivor_id', '=', survivorId)
      .orderBy('hearing_at', 'desc')
      .execute(),
  ]);
  return {
    enrolments: enrolments.map((e) => ({
      id: e.id,
      kind: e.kind,
      institution: e.institution,
      level: e.level,
      startedOn: e.started_on,
      endedOn: e.ended_on,
      completed: e.completed,
      attendance: attendance
        .filter((a) => a.enrolment_id === e.id)
        .map((a) => ({ month: a.month, daysPresent: a.days_present, daysExpected: a.days_expected })),
    })),
    conferences: conferences.map((c) => ({
      id: c.id,
      heldOn: c.held_on,
      participants: c.participants,
      notes: c.notes,
      decisions: c.decisions,
      recordedBy: c.display_name,
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      kind: f.kind,
      dueOn: f.due_on,
      doneOn: f.done_on,
      notes: f.notes,
    })),
    courtSupport: hearings.map((h) => ({
      id: h.id,
      hearingAt: h.hearing_at.toISOString(),
      court: h.court,
      purpose: h.purpose,
      accommodations: h.accommodations as CourtSupportInput['accommodations'],
      source: h.source,
    })),
  };
}
