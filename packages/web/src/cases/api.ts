import { CaseDocument } from '@bantay/core/cases/documents';
import { Graph } from '@bantay/core/cases/graph';
import {
  FinanceImportSummary,
  RecipientDetail,
  RecipientSummary,
  type FinanceFormat,
} from '@bantay/core/finance/schema';
import { CalendarEntry, LegalRequest, type LegalRequestInput } from '@bantay/core/cases/legal';
import {
  Operation,
  type OperationOutcomeInput,
  type OperationPlanInput,
} from '@bantay/core/cases/operations';
import {
  CaseDetail,
  CaseSummary,
  TeamOptions,
  TimelineEntry,
  type CaseOpenInput,
  type SubjectIdentifierInput,
  type SubjectInput,
  type TaskInput,
  type VictimInput,
} from '@bantay/core/cases/schema';
import {
  EvidenceItem,
  EvidenceVerifyResult,
  type CustodyTransferInput,
  type EvidenceItemInput,
} from '@bantay/core/evidence/schema';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, upload } from '../api/client';

export type { CaseDetail, CaseSummary };
export { CASE_STATUSES } from '@bantay/core/cases/schema';

/** Every case query lives under this key, so one invalidation refreshes the case's tabs. */
export const CASES_KEY = 'cases';

const path = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;
const Created = z.object({ id: z.string() });

export const casesApi = {
  list: () =>
    api.get('/api/cases', { parser: z.object({ cases: z.array(CaseSummary) }) }).then((body) => body.cases),
  get: (id: string) => api.get(path(id), { parser: CaseDetail }),
  open: (input: CaseOpenInput) =>
    api.post('/api/cases', input, { parser: z.object({ id: z.string(), number: z.string() }) }),
  accept: (id: string) => api.post(path(id, '/accept')),
  addMember: (id: string, userId: string) => api.post(path(id, '/members'), { userId }),
  timeline: (id: string) =>
    api
      .get(path(id, '/timeline'), { parser: z.object({ entries: z.array(TimelineEntry) }) })
      .then((body) => body.entries),
  teamOptions: () => api.get('/api/cases/team-options', { parser: TeamOptions }),
  addSubject: (id: string, input: SubjectInput) =>
    api.post(path(id, '/subjects'), input, { parser: Created }),
  linkIdentifier: (id: string, subjectId: string, input: SubjectIdentifierInput) =>
    api.post(path(id, `/subjects/${subjectId}/identifiers`), input),
  addVictim: (id: string, input: VictimInput) => api.post(path(id, '/victims'), input),
  addTask: (id: string, input: TaskInput) => api.post(path(id, '/tasks'), input),
  completeTask: (id: string, taskId: string) => api.post(path(id, `/tasks/${taskId}/done`)),
  addNote: (id: string, body: string) => api.post(path(id, '/notes'), { body }),
  documents: (id: string) =>
    api
      .get(path(id, '/documents'), { parser: z.object({ documents: z.array(CaseDocument) }) })
      .then((body) => body.documents),
  uploadDocument: (id: string, file: Blob, query: { title: string; kind: string; fileName?: string }) =>
    upload(path(id, '/documents'), file, { query }),
  documentUrl: (id: string, documentId: string) => path(id, `/documents/${documentId}/content`),
  withdrawDocument: (id: string, documentId: string, reason: string) =>
    api.post(path(id, `/documents/${documentId}/withdraw`), { reason }),
  legal: (id: string) =>
    api
      .get(path(id, '/legal'), { parser: z.object({ requests: z.array(LegalRequest) }) })
      .then((body) => body.requests),
  recordLegal: (id: string, input: LegalRequestInput) => api.post(path(id, '/legal'), input),
  updateLegal: (id: string, requestId: string, input: LegalRequestInput) =>
    api.put(path(id, `/legal/${requestId}`), input),
  calendar: () =>
    api
      .get('/api/cases/calendar', { parser: z.object({ entries: z.array(CalendarEntry) }) })
      .then((body) => body.entries),
  operations: (id: string) =>
    api
      .get(path(id, '/operations'), { parser: z.object({ operations: z.array(Operation) }) })
      .then((body) => body.operations),
  planOperation: (id: string, input: OperationPlanInput) => api.post(path(id, '/operations'), input),
  approveOperation: (id: string, operationId: string) =>
    api.post(path(id, `/operations/${operationId}/approve`)),
  recordOutcome: (id: string, operationId: string, input: OperationOutcomeInput) =>
    api.post(path(id, `/operations/${operationId}/outcome`), input),
  evidence: (id: string) =>
    api
      .get(path(id, '/evidence'), { parser: z.object({ items: z.array(EvidenceItem) }) })
      .then((body) => body.items),
  registerEvidence: (id: string, input: EvidenceItemInput) => api.post(path(id, '/evidence'), input),
  transferCustody: (id: string, itemId: string, input: CustodyTransferInput) =>
    api.post(path(id, `/evidence/${itemId}/transfers`), input),
  verifyEvidence: () => api.post('/api/evidence/verify', {}, { parser: EvidenceVerifyResult }),
  exportUrl: (id: string, format: 'csv' | 'pdf') => path(id, `/evidence/export/${format}`),
  graph: (id: string) => api.get(path(id, '/graph'), { parser: Graph }),
  expandGraph: (id: string, node: string) =>
    api.get(path(id, '/graph/expand'), { query: { node }, parser: Graph }),
  ftmUrl: (id: string) => path(id, '/export/ftm'),
  importFinance: (id: string, file: File, format: FinanceFormat, source: string) =>
    upload(path(id, '/finance/imports'), file, {
      query: { filename: file.name, format, ...(format === 'remittance_csv' ? { source } : {}) },
      parser: FinanceImportSummary,
    }),
  recipients: (id: string) =>
    api
      .get(path(id, '/finance/recipients'), { parser: z.object({ recipients: z.array(RecipientSummary) }) })
      .then((body) => body.recipients),
  recipient: (id: string, key: string) =>
    api.get(path(id, '/finance/recipient'), { query: { key }, parser: RecipientDetail }),
};

export function useCases() {
  return useQuery({ queryKey: [CASES_KEY, 'list'], queryFn: casesApi.list });
}

export function useCase(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id], queryFn: () => casesApi.get(id) });
}

export function useCaseTimeline(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id, 'timeline'], queryFn: () => casesApi.timeline(id) });
}

export function useLegalRequests(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id, 'legal'], queryFn: () => casesApi.legal(id) });
}

export function useDocuments(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id, 'documents'], queryFn: () => casesApi.documents(id) });
}

export function useOperations(id: string) {
  return useQuery({
    queryKey: [CASES_KEY, 'case', id, 'operations'],
    queryFn: () => casesApi.operations(id),
  });
}

export function useEvidence(id: string) {
  return useQuery({ queryKey: [CASES_KEY, 'case', id, 'evidence'], queryFn: () => casesApi.evidence(id) });
}

export function useCaseGraph(id: string) {
  // The graph on screen grows with expansions; a refetch would only re-add the seed.
  return useQuery({
    queryKey: [CASES_KEY, 'case', id, 'graph'],
    queryFn: () => casesApi.graph(id),
    staleTime: Infinity,
  });
}

export function useRecipients(id: string) {
  return useQuery({
    queryKey: [CASES_KEY, 'case', id, 'recipients'],
    queryFn: () => casesApi.recipients(id),
  });
}

export function useRecipient(id: string, key: string | null) {
  return useQuery({
    queryKey: [CASES_KEY, 'case', id, 'recipient', key],
    queryFn: () => casesApi.recipient(id, key ?? ''),
    enabled: key !== null,
  });
}

export function useTeamOptions(enabled: boolean) {
  return useQuery({ queryKey: [CASES_KEY, 'team-options'], queryFn: casesApi.teamOptions, enabled });
}

export function useCalendar() {
  return useQuery({ queryKey: [CASES_KEY, 'calendar'], queryFn: casesApi.calendar });
}
