import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api/client';

export const CASES_KEY = 'cases';

export const CASE_STATUSES = ['referred', 'open', 'closed'] as const;

// The cases API's answers; the schema moves to @bantay/core with the investigations module.
const CaseSummary = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  unit: z.string().nullable(),
  createdAt: z.string(),
  reportCount: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
const CaseDetail = CaseSummary.extend({
  reports: z.array(z.object({ id: z.string(), externalId: z.string(), priorityLevel: z.number().int() })),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const casesApi = {
  list: () =>
    api.get('/api/cases', { parser: z.object({ cases: z.array(CaseSummary) }) }).then((body) => body.cases),
  get: (id: string) => api.get(`/api/cases/${encodeURIComponent(id)}`, { parser: CaseDetail }),
};

export function useCases() {
  return useQuery({ queryKey: [CASES_KEY, 'list'], queryFn: casesApi.list });
}

export function useCase(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id], queryFn: () => casesApi.get(id) });
}
