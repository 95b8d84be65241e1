import {
  AftercareDashboard,
  CalendarEntry,
  ProgrammeAftercareDashboard,
  TherapyNote,
  type AttendanceInput,
  type ConferenceInput,
  type CourtSupportInput,
  type EnrolmentInput,
  type FollowUpInput,
  type TherapyNoteInput,
  Partner,
  SurvivorDetail,
  SurvivorIdentity,
  SurvivorSummary,
  Task,
  type ApprovalInput,
  type AssessmentInput,
  type CarePlanInput,
  type ClosureInput,
  type ConsentInput,
  type IntakeInput,
  type PartnerInput,
  type PlacementInput,
  type PlanReviewInput,
  type ServiceSessionInput,
  type SurvivorUpdate,
  type TransferInput,
} from '@bantay/core/aftercare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../api/client';

/** Every aftercare query sits under this key: one invalidation refreshes every screen. */
export const AFTERCARE_KEY = 'aftercare';
export const AFTERCARE_PATH = '/aftercare';
export const survivorPath = (id: string) => `${AFTERCARE_PATH}/survivors/${encodeURIComponent(id)}`;

const Created = z.object({ id: z.string() });
const survivor = (id: string) => `/api/aftercare/survivors/${encodeURIComponent(id)}`;

export const aftercareApi = {
  survivors: () =>
    api.get('/api/aftercare/survivors', {
      parser: z.object({ survivors: z.array(SurvivorSummary), tasks: z.array(Task) }),
    }),
  survivor: (id: string) => api.get(survivor(id), { parser: SurvivorDetail }),
  identity: (id: string) =>
    api.get(`${survivor(id)}/identity`, { parser: z.object({ identity: SurvivorIdentity.nullable() }) }),
  intake: (input: IntakeInput) =>
    api.post('/api/aftercare/survivors', input, { parser: z.object({ id: z.string(), code: z.string() }) }),
  update: (id: string, input: SurvivorUpdate) => api.patch(survivor(id), input),
  consent: (id: string, input: ConsentInput) =>
    api.post(`${survivor(id)}/consents`, input, { parser: Created }),
  withdrawConsent: (consentId: string) =>
    api.post(`/api/aftercare/consents/${encodeURIComponent(consentId)}/withdraw`),
  carePlan: (id: string, input: CarePlanInput) =>
    api.post(`${survivor(id)}/care-plans`, input, { parser: Created }),
  reviewPlan: (planId: string, input: PlanReviewInput) =>
    api.post(`/api/aftercare/care-plans/${encodeURIComponent(planId)}/reviews`, input),
  decidePlan: (planId: string, input: ApprovalInput) =>
    api.post(`/api/aftercare/care-plans/${encodeURIComponent(planId)}/decision`, input),
  place: (id: string, input: PlacementInput) =>
    api.post(`${survivor(id)}/placements`, input, { parser: Created }),
  transfer: (id: string, input: TransferInput) => api.post(`${survivor(id)}/transfer`, input),
  assess: (id: string, input: AssessmentInput) =>
    api.post(`${survivor(id)}/assessments`, input, { parser: Created }),
  service: (id: string, input: ServiceSessionInput) =>
    api.post(`${survivor(id)}/services`, input, { parser: Created }),
  requestClosure: (id: string, input: ClosureInput) => api.post(`${survivor(id)}/closure`, input),
  decideClosure: (id: string, input: ApprovalInput) => api.post(`${survivor(id)}/closure/decision`, input),
  partners: () =>
    api
      .get('/api/aftercare/partners', { parser: z.object({ partners: z.array(Partner) }) })
      .then((b) => b.partners),
  savePartner: (input: PartnerInput) => api.post('/api/aftercare/partners', input, { parser: Created }),
  updatePartner: (id: string, input: PartnerInput) =>
    api.put(`/api/aftercare/partners/${encodeURIComponent(id)}`, input, { parser: Created }),
  organisations: () =>
    api
      .get('/api/aftercare/organisations', {
        parser: z.object({
          organisations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
        }),
      })
      .then((b) => b.organisations),
  therapyNotes: (id: string) =>
    api
      .get(`${survivor(id)}/therapy-notes`, { parser: z.object({ notes: z.array(TherapyNote) }) })
      .then((b) => b.notes),
  writeTherapyNote: (id: string, input: TherapyNoteInput) =>
    api.post(`${survivor(id)}/therapy-notes`, input, { parser: Created }),
  enrol: (id: string, input: EnrolmentInput) =>
    api.post(`${survivor(id)}/enrolments`, input, { parser: Created }),
  attendance: (enrolmentId: string, input: AttendanceInput) =>
    api.put(`/api/aftercare/enrolments/${encodeURIComponent(enrolmentId)}/attendance`, input),
  conference: (id: string, input: ConferenceInput) =>
    api.post(`${survivor(id)}/conferences`, input, { parser: Created }),
  followUp: (id: string, input: FollowUpInput) =>
    api.post(`${survivor(id)}/follow-ups`, input, { parser: Created }),
  courtSupport: (id: string, input: CourtSupportInput) =>
    api.post(`${survivor(id)}/court-support`, input, { parser: Created }),
  calendar: () =>
    api
      .get('/api/aftercare/calendar', { parser: z.object({ entries: z.array(CalendarEntry) }) })
      .then((b) => b.entries),
  dashboard: () => api.get('/api/aftercare/dashboard', { parser: AftercareDashboard }),
  programme: () => api.get('/api/metrics/aftercare', { parser: ProgrammeAftercareDashboard }),
};

export const useSurvivors = () =>
  useQuery({ queryKey: [AFTERCARE_KEY, 'survivors'], queryFn: aftercareApi.survivors });
export const useSurvivor = (id: string) =>
  useQuery({ queryKey: [AFTERCARE_KEY, 'survivor', id], queryFn: () => aftercareApi.survivor(id) });
export const usePartners = () =>
  useQuery({ queryKey: [AFTERCARE_KEY, 'partners'], queryFn: aftercareApi.partners });
export const useAftercareOrganisations = () =>
  useQuery({
    queryKey: [AFTERCARE_KEY, 'organisations'],
    queryFn: aftercareApi.organisations,
    staleTime: 300_000,
  });
export const useCalendar = () =>
  useQuery({ queryKey: [AFTERCARE_KEY, 'calendar'], queryFn: aftercareApi.calendar });
export const useDashboard = (programme: boolean) =>
  useQuery<AftercareDashboard | ProgrammeAftercareDashboard>({
    queryKey: [AFTERCARE_KEY, 'dashboard', programme],
    queryFn: programme ? aftercareApi.programme : aftercareApi.dashboard,
  });

/**
 * One change to aftercare records: runs it, refreshes every aftercare screen, and keeps
 * the error for the form that asked. `run` returns what the call returned.
 */
export function useAftercareAction<I, O>(call: (input: I) => Promise<O>, onDone?: (result: O) => void) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: call,
    onMutate: () => setError(null),
    onError: setError,
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: [AFTERCARE_KEY] });
      onDone?.(result);
    },
  });
  return {
    run: (input: I) => mutation.mutate(input),
    pending: mutation.isPending,
    error,
  };
}
