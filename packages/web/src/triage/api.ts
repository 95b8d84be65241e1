import {
  ProvinceCount,
  QueueResponse,
  ReportDetail,
  TriageSettingsInput,
  type DecisionInput,
  type QueueQuery,
} from '@bantay/core/triage/schema';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api/client';
import { filterQuery, type QueueFilters } from './queue/filters';

/** Every triage query lives under this key, so one invalidation refreshes the screens. */
export const TRIAGE_KEY = 'triage';

export const QUEUE_PAGE_SIZE = 50;
/** The queue refreshes itself this often; rows keep their place, focus and selection. */
export const QUEUE_REFRESH_MS = 60_000;

const Units = z.object({
  units: z.array(
    z.object({ id: z.string(), name: z.string(), organisation: z.string(), organisationCode: z.string() }),
  ),
});
export type Unit = z.infer<typeof Units>['units'][number];

const Analysts = z.object({ analysts: z.array(z.object({ id: z.string(), name: z.string() })) });
export type Analyst = z.infer<typeof Analysts>['analysts'][number];

const MapCounts = z.object({ provinces: z.array(ProvinceCount), unlocated: z.number().int() });
export type MapCounts = z.infer<typeof MapCounts>;

const SavedFilter = z.object({ id: z.string(), name: z.string(), filter: z.record(z.string(), z.unknown()) });
export type SavedFilter = z.infer<typeof SavedFilter>;

const DecisionResult = z.object({ caseId: z.string().nullable(), caseNumber: z.string().nullable() });
export type DecisionResult = z.infer<typeof DecisionResult>;

const Document = z.object({ sha256: z.string(), format: z.string(), content: z.string() });
const BulkResult = z.object({
  done: z.number().int(),
  failed: z.array(z.object({ id: z.string(), message: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResult>;

export type TriageSettings = z.infer<typeof TriageSettingsInput>;
export type BulkAction =
  | { action: 'assign'; userId: string | null }
  | { action: 'close'; reason: Extract<DecisionInput, { decision: 'close' }>['reason']; note?: string };
export type ReviewOutcome = 'upheld' | 'reopened';

const Ok = z.object({ ok: z.literal(true) });
const report = (id: string) => `/api/triage/reports/${encodeURIComponent(id)}`;

export const triageApi = {
  queue: (filters: QueueFilters, cursor?: string) =>
    api.get('/api/triage/queue', {
      query: { ...filterQuery(filters), cursor, limit: String(QUEUE_PAGE_SIZE) },
      parser: QueueResponse,
    }),
  report: (id: string) => api.get(report(id), { parser: ReportDetail }),
  document: (id: string) => api.get(`${report(id)}/document`, { parser: Document }),
  claim: (id: string) => api.post(`${report(id)}/claim`, {}, { parser: Ok }),
  assign: (id: string, userId: string | null) => api.post(`${report(id)}/assign`, { userId }, { parser: Ok }),
  decide: (id: string, input: DecisionInput) =>
    api.post(`${report(id)}/decision`, input, { parser: DecisionResult }),
  review: (id: string, outcome: ReviewOutcome, note?: string) =>
    api.post(`${report(id)}/review`, { outcome, ...(note ? { note } : {}) }, { parser: Ok }),
  bulk: (reportIds: string[], action: BulkAction) =>
    api.post('/api/triage/bulk', { reportIds, action }, { parser: BulkResult }),
  units: () => api.get('/api/triage/units', { parser: Units }).then((body) => body.units),
  analysts: () => api.get('/api/triage/analysts', { parser: Analysts }).then((body) => body.analysts),
  map: () => api.get('/api/triage/map', { parser: MapCounts }),
  settings: () => api.get('/api/triage/settings', { parser: TriageSettingsInput }),
  saveSettings: (settings: TriageSettings) =>
    api.put('/api/triage/settings', settings, { parser: z.object({ rescored: z.number().int() }) }),
  filters: () =>
    api
      .get('/api/triage/filters', { parser: z.object({ filters: z.array(SavedFilter) }) })
      .then((body) => body.filters),
  saveFilter: (name: string, filter: Omit<QueueQuery, 'cursor' | 'limit'>) =>
    api.post('/api/triage/filters', { name, filter }, { parser: SavedFilter }),
  deleteFilter: (id: string) => api.delete(`/api/triage/filters/${encodeURIComponent(id)}`, { parser: Ok }),
};

export function useQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: [TRIAGE_KEY, 'queue', filters],
    queryFn: ({ pageParam }) => triageApi.queue(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: QUEUE_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function useReport(id: string) {
  return useQuery({ queryKey: [TRIAGE_KEY, 'report', id], queryFn: () => triageApi.report(id) });
}

export function useMapCounts() {
  return useQuery({
    queryKey: [TRIAGE_KEY, 'map'],
    queryFn: triageApi.map,
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

export function useUnits(enabled = true) {
  return useQuery({ queryKey: [TRIAGE_KEY, 'units'], queryFn: triageApi.units, enabled, staleTime: 300_000 });
}

export function useAnalysts(enabled = true) {
  return useQuery({
    queryKey: [TRIAGE_KEY, 'analysts'],
    queryFn: triageApi.analysts,
    enabled,
    staleTime: 300_000,
  });
}

export function useSavedFilters() {
  return useQuery({ queryKey: [TRIAGE_KEY, 'filters'], queryFn: triageApi.filters });
}

export function useTriageSettings() {
  return useQuery({ queryKey: [TRIAGE_KEY, 'settings'], queryFn: triageApi.settings });
}
