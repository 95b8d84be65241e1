import {
  AttendanceInput,
  CalendarEntry,
  ConferenceInput,
  CourtSupportInput,
  EnrolmentInput,
  FollowUpInput,
  TherapyNote,
  TherapyNoteInput,
} from '@bantay/core/aftercare/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { addRoute, Ok, ok, Params, tags } from './route-schemas';
import { aftercareCalendar } from './calendar';
import {
  readTherapyNotes,
  recordAttendance,
  recordConference,
  recordCourtSupport,
  recordEnrolment,
  recordFollowUp,
  writeTherapyNote,
} from './followup';

/** Services beyond the care plan: therapy notes, school, conferences, follow-ups, court support, calendar. */
export async function followUpRoutes(app: ApiApp): Promise<void> {
  app.get('/api/aftercare/survivors/:id/therapy-notes', {
    config: { access: 'aftercare:therapy' },
    schema: {
      tags,
      summary:
        'Therapy notes, decrypted for the therapist role of the holding office; every reading is audited.',
      params: Params,
      response: { 200: z.object({ notes: z.array(TherapyNote) }) },
    },
    handler: async (request) => ({ notes: await readTherapyNotes(contextOf(request), request.params.id) }),
  });

  addRoute(app, '/api/aftercare/survivors/:id/therapy-notes', {
    access: 'aftercare:therapy',
    summary: 'A therapy session’s note, stored encrypted.',
    body: TherapyNoteInput,
    add: writeTherapyNote,
  });

  addRoute(app, '/api/aftercare/survivors/:id/enrolments', {
    access: 'aftercare:write',
    summary: 'Enrolment at a school, alternative learning or a vocational course.',
    body: EnrolmentInput,
    add: recordEnrolment,
  });

  app.put('/api/aftercare/enrolments/:id/attendance', {
    config: { access: 'aftercare:write' },
    schema: {
      tags,
      summary: 'A month’s attendance at a school or course (the same month replaces it).',
      params: Params,
      body: AttendanceInput,
      response: { 200: Ok },
    },
    handler: async (request) => {
      await recordAttendance(contextOf(request), request.params.id, request.body);
      return ok;
    },
  });

  addRoute(app, '/api/aftercare/survivors/:id/conferences', {
    access: 'aftercare:write',
    summary: 'Notes of a multi-disciplinary case conference.',
    body: ConferenceInput,
    add: recordConference,
  });

  addRoute(app, '/api/aftercare/survivors/:id/follow-ups', {
    access: 'aftercare:write',
    summary: 'A follow-up (home visit, call, school visit), also after reintegration.',
    body: FollowUpInput,
    add: recordFollowUp,
  });

  addRoute(app, '/api/aftercare/survivors/:id/court-support', {
    access: 'aftercare:write',
    summary: 'A hearing where the survivor testifies, with the accommodations asked.',
    body: CourtSupportInput,
    add: recordCourtSupport,
  });

  app.get('/api/aftercare/calendar', {
    config: { access: 'aftercare:read' },
    schema: {
      tags,
      summary: 'Hearings, follow-ups and plan reviews of the survivors in the caller’s scope, by code.',
      response: { 200: z.object({ entries: z.array(CalendarEntry) }) },
    },
    handler: async (request) => ({ entries: await aftercareCalendar(contextOf(request)) }),
  });
}
