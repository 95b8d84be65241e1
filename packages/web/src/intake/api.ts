import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  QUARANTINE_STATUSES,
  QuarantineDocument,
  QuarantineItem,
  type QuarantineStatus,
} from '@bantay/core/intake/quarantine';
import { api, upload, type UploadOptions } from '../api/client';

/** Every intake query lives under this key. */
export const INTAKE_KEY = 'intake';

// The intake API's answers. The quarantine's live in @bantay/core; the others still in the
// server's routes: when they move to @bantay/core they replace these.
const Problem = z.object({
  id: z.string(),
  index: z.number().int(),
  externalId: z.string().optional(),
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  line: z.number().int().optional(),
});
export type ImportProblem = z.infer<typeof Problem>;

const UploadResult = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  files: z.array(
    z.object({
      importId: z.string(),
      file: z.string().nullable(),
      stored: z.number().int(),
      duplicates: z.number().int(),
      quarantined: z.number().int(),
      problems: z.array(Problem),
    }),
  ),
});
export type UploadResult = z.infer<typeof UploadResult>;

const ImportRow = z.object({
  id: z.string(),
  channel: z.string(),
  format: z.string(),
  source: z.string(),
  file: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  by: z.string().nullable(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export { QUARANTINE_STATUSES, type QuarantineStatus, type QuarantineItem, type QuarantineDocument };

const HashSet = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  importedAt: z.string(),
  entries: z.number().int(),
});
export type HashSet = z.infer<typeof HashSet>;
const HashSetResult = z.object({
  hashSetId: z.string(),
  imported: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(z.object({ where: z.string(), message: z.string() })),
});
export type HashSetResult = z.infer<typeof HashSetResult>;

type Progress = UploadOptions<unknown>['onProgress'];

export const intakeApi = {
  upload: (file: File, source: string | undefined, onProgress?: Progress, signal?: AbortSignal) =>
    upload('/api/intake/uploads', file, {
      query: { filename: file.name, source },
      parser: UploadResult,
      onProgress,
      signal,
    }),
  imports: () =>
    api
      .get('/api/intake/imports', { parser: z.object({ imports: z.array(ImportRow) }) })
      .then((body) => body.imports),
  quarantine: (status: QuarantineStatus) =>
    api
      .get('/api/intake/quarantine', {
        query: { status },
        parser: z.object({ items: z.array(QuarantineItem) }),
      })
      .then((body) => body.items),
  quarantineDocument: (id: string) =>
    api.get(`/api/intake/quarantine/${encodeURIComponent(id)}`, { parser: QuarantineDocument }),
  rerun: (id: string, content: string) =>
    api.post(
      `/api/intake/quarantine/${encodeURIComponent(id)}/rerun`,
      { content },
      {
        parser: z.object({ reportId: z.string(), status: z.enum(['stored', 'duplicate']) }),
      },
    ),
  discard: (id: string, note: string) =>
    api.post(
      `/api/intake/quarantine/${encodeURIComponent(id)}/discard`,
      { note },
      { parser: z.object({ ok: z.literal(true) }) },
    ),
  hashSets: () =>
    api
      .get('/api/intake/hash-sets', { parser: z.object({ hashSets: z.array(HashSet) }) })
      .then((body) => body.hashSets),
  importHashSet: (name: string, file: File, onProgress?: Progress) =>
    upload('/api/intake/hash-sets', file, {
      query: { name, filename: file.name },
      parser: HashSetResult,
      onProgress,
    }),
};

export function useImports() {
  return useQuery({ queryKey: [INTAKE_KEY, 'imports'], queryFn: intakeApi.imports });
}

export function useQuarantine(status: QuarantineStatus) {
  return useQuery({
    queryKey: [INTAKE_KEY, 'quarantine', status],
    queryFn: () => intakeApi.quarantine(status),
  });
}

/** Opening a quarantined document is an audited read: fetched once per visit, never in the background. */
export function useQuarantineDocument(id: string) {
  return useQuery({
    queryKey: [INTAKE_KEY, 'quarantine-document', id],
    queryFn: () => intakeApi.quarantineDocument(id),
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useHashSets() {
  return useQuery({ queryKey: [INTAKE_KEY, 'hash-sets'], queryFn: intakeApi.hashSets });
}
