import { AuditEvent, type AuditOutcome } from '@bantay/core/audit/schema';
import { api, type Parser } from '../api/client';

/** The search form as the address carries it; times are ISO 8601 (UTC). */
export type AuditFilters = {
  actorEmail?: string;
  recordType?: string;
  recordId?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
};

export type AuditPage = { events: AuditEvent[]; nextBefore: string | null };
export type ChainVerification = { ok: boolean; rows: number; badId: string | null; reason: string | null };

export const PAGE_SIZE = 100;

const AuditPageParser: Parser<AuditPage> = {
  parse: (data) => {
    if (typeof data !== 'object' || data === null || !('events' in data) || !Array.isArray(data.events)) {
      throw new TypeError('Expected {events: [...], nextBefore}.');
    }
    const nextBefore = 'nextBefore' in data && typeof data.nextBefore === 'string' ? data.nextBefore : null;
    return { events: data.events.map((event) => AuditEvent.parse(event)), nextBefore };
  },
};

export const auditApi = {
  search: (filters: AuditFilters, before?: string) =>
    api.get('/api/audit/events', {
      query: { ...filters, before, limit: String(PAGE_SIZE) },
      parser: AuditPageParser,
    }),
  verify: () => api.post<ChainVerification>('/api/audit/verify'),
};
