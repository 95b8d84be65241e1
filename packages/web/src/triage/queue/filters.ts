import { INCIDENT_TYPE_KEYS, type IncidentType } from '@bantay/core/intake/report';
import { QUEUE_SORTS, REPORT_STATUSES, type QueueQuery, type ReportStatus } from '@bantay/core/triage/schema';

export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The queue's filter as the address carries it (and as a saved filter stores it). */
export type QueueFilters = {
  levels?: number[];
  statuses?: ReportStatus[];
  region?: string;
  province?: string;
  incidentTypes?: IncidentType[];
  source?: string;
  assignee?: string;
  /** ISO 8601, inclusive. */
  receivedFrom?: string;
  /** ISO 8601, exclusive. */
  receivedTo?: string;
  q?: string;
  sort: QueueSort;
};

export const DEFAULT_FILTERS: QueueFilters = { sort: 'priority' };

const PSGC = /^\d{10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const listOf = <T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined => {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const kept = [...new Set(items.filter((item): item is T => (allowed as readonly string[]).includes(item)))];
  return kept.length ? kept : undefined;
};
const text = (value: unknown, max = 100): string | undefined =>
  typeof value === 'string' && value.trim() && value.trim().length <= max ? value.trim() : undefined;
const isoTime = (value: unknown): string | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /T/.test(value)
    ? new Date(value).toISOString()
    : undefined;

/**
 * A filter from anything that claims to be one: the address, a saved filter. What is not
 * valid is left out rather than breaking the queue (an old bookmark, a renamed type).
 */
export function filtersFrom(source: Record<string, unknown>): QueueFilters {
  const sort = (QUEUE_SORTS as readonly string[]).includes(String(source.sort))
    ? (source.sort as QueueSort)
    : 'priority';
  const levels = listOf(Array.isArray(source.levels) ? source.levels.map(String) : source.levels, [
    '1',
    '2',
    '3',
  ] as const)?.map(Number);
  const assignee = text(source.assignee);
  const region = text(source.region);
  const province = text(source.province);
  return {
    ...(levels ? { levels: levels.sort() } : {}),
    ...optional('statuses', listOf(source.statuses, REPORT_STATUSES)),
    ...optional('region', region && PSGC.test(region) ? region : undefined),
    ...optional('province', province && PSGC.test(province) ? province : undefined),
    ...optional('incidentTypes', listOf(source.incidentTypes, INCIDENT_TYPE_KEYS)),
    ...optional('source', text(source.source)),
    ...optional(
      'assignee',
      assignee && (assignee === 'me' || assignee === 'unassigned' || UUID.test(assignee))
        ? assignee
        : undefined,
    ),
    ...optional('receivedFrom', isoTime(source.receivedFrom)),
    ...optional('receivedTo', isoTime(source.receivedTo)),
    ...optional('q', text(source.q)),
    sort,
  };
}

function optional<K extends keyof QueueFilters>(
  key: K,
  value: QueueFilters[K] | undefined,
): Partial<QueueFilters> {
  return value === undefined ? {} : { [key]: value };
}

export function filtersFromParams(params: URLSearchParams): QueueFilters {
  return filtersFrom(Object.fromEntries(params.entries()));
}

/** The filter as address parameters and API query: lists comma-joined, defaults left out. */
export function filterQuery(filters: QueueFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters) as [
    keyof QueueFilters,
    QueueFilters[keyof QueueFilters],
  ][]) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) query[key] = value.join(',');
    } else if (value !== '') {
      query[key] = String(value);
    }
  }
  return query;
}

/** The address parameters of a filter; the default sort stays out of the address. */
export function filterParams(filters: QueueFilters): Record<string, string> {
  const query = filterQuery(filters);
  if (query.sort === 'priority') delete query.sort;
  return query;
}

/** What a saved filter stores: the same fields, lists as arrays (the server's schema). */
export function savedFilterBody(filters: QueueFilters): Omit<QueueQuery, 'cursor' | 'limit'> {
  return { ...filters };
}

/** How many fields narrow the queue (sort is not one). */
export function activeFilterCount(filters: QueueFilters): number {
  return Object.entries(filters).filter(([key, value]) => key !== 'sort' && value !== undefined).length;
}
