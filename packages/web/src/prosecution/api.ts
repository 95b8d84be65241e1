import {
  CourtCaseDetail,
  CourtCaseSummary,
  CourtDate,
  CourtTimelineEntry,
  type ChargeInput,
  type CourtCaseOpenInput,
  type CourtCaseUpdateInput,
  type HearingInput,
  type OutcomeInput,
  type PleaInput,
  type StageKind,
} from '@bantay/core/prosecution/schema';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api/client';
import { CASES_KEY } from '../cases/api';

export type { CourtCaseDetail, CourtCaseSummary, CourtDate };

export const PROSECUTION_PATH = '/prosecution';
export const courtCasePath = (id: string) => `${PROSECUTION_PATH}/${encodeURIComponent(id)}`;
// Under the cases key: the shared case forms refresh court cases as they refresh cases.
const KEY = [CASES_KEY, 'court'] as const;

const path = (id: string, rest = '') => `/api/prosecution/court-cases/${encodeURIComponent(id)}${rest}`;
const Created = z.object({ id: z.string() });

/** A datetime-local value (the browser's time) as an ISO instant; '' when it is not a time. */
export const localToIso = (local: string): string =>
  local && !Number.isNaN(Date.parse(local)) ? new Date(local).toISOString() : '';

export const prosecutionApi = {
  list: () =>
    api
      .get('/api/prosecution/court-cases', { parser: z.object({ courtCases: z.array(CourtCaseSummary) }) })
      .then((body) => body.courtCases),
  get: (id: string) => api.get(path(id), { parser: CourtCaseDetail }),
  open: (input: CourtCaseOpenInput) => api.post('/api/prosecution/court-cases', input, { parser: Created }),
  update: (id: string, input: CourtCaseUpdateInput) => api.patch(path(id), input),
  charge: (id: string, input: ChargeInput) => api.post(path(id, '/charges'), input, { parser: Created }),
  stage: (id: string, kind: StageKind, at: string) => api.put(path(id, `/stages/${kind}`), { at }),
  plea: (id: string, input: PleaInput) => api.post(path(id, '/pleas'), input, { parser: Created }),
  hearing: (id: string, input: HearingInput) => api.post(path(id, '/hearings'), input, { parser: Created }),
  outcome: (id: string, input: OutcomeInput) => api.put(path(id, '/outcomes'), input),
  timeline: (id: string) =>
    api
      .get(path(id, '/timeline'), { parser: z.object({ entries: z.array(CourtTimelineEntry) }) })
      .then((body) => body.entries),
  icsUrl: (id: string) => path(id, '/hearings.ics'),
  courtDates: () =>
    api
      .get('/api/aftercare/court-dates', { parser: z.object({ courtDates: z.array(CourtDate) }) })
      .then((body) => body.courtDates),
};

export const useCourtCases = () => useQuery({ queryKey: [...KEY, 'list'], queryFn: prosecutionApi.list });
export const useCourtCase = (id: string) =>
  useQuery({ queryKey: [...KEY, 'case', id], queryFn: () => prosecutionApi.get(id) });
export const useCourtTimeline = (id: string) =>
  useQuery({ queryKey: [...KEY, 'timeline', id], queryFn: () => prosecutionApi.timeline(id) });
export const useCourtDates = () =>
  useQuery({ queryKey: [...KEY, 'dates'], queryFn: prosecutionApi.courtDates });
