import { z } from 'zod';
import { IDENTIFIER_KINDS, INCIDENT_TYPE_KEYS } from '../intake/report';
import { PRIORITY_FACTORS, PriorityWeights } from './priority';

/** Where a report is in its life. The first three are "open": they sit in the queue. */
export const REPORT_STATUSES = [
  'new',
  'in_review',
  'info_requested',
  'referred',
  'attached',
  'merged',
  'closed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const OPEN_REPORT_STATUSES = [
  'new',
  'in_review',
  'info_requested',
] as const satisfies readonly ReportStatus[];

export const CLOSE_REASONS = ['informational', 'no_philippine_nexus', 'duplicate', 'insufficient'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const DECISIONS = ['refer', 'attach', 'merge_duplicate', 'request_info', 'close'] as const;
export type Decision = (typeof DECISIONS)[number];

const CommaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
    z.array(item),
  );

export const QUEUE_SORTS = ['priority', 'oldest', 'newest'] as const;

export const QueueQuery = z.object({
  /** Priority levels, e.g. "1,2". */
  levels: CommaList(z.coerce.number().int().min(1).max(3)).optional(),
  /** Statuses; by default the open ones. */
  statuses: CommaList(z.enum(REPORT_STATUSES)).optional(),
  /** PSGC region code (10 digits). */
  region: z
    .string()
    .regex(/^\d{10}$/, 'Use a 10-digit PSGC code.')
    .optional(),
  /** PSGC province code (10 digits). */
  province: z
    .string()
    .regex(/^\d{10}$/, 'Use a 10-digit PSGC code.')
    .optional(),
  incidentTypes: CommaList(z.enum(INCIDENT_TYPE_KEYS)).optional(),
  /** Sender: NCMEC, an agency code, a hotline name. */
  source: z.string().trim().max(100).optional(),
  /** "me", "unassigned", or a user id. */
  assignee: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
  /** Received from (inclusive) and to (exclusive), ISO 8601. */
  receivedFrom: z.iso.datetime({ offset: true }).optional(),
  receivedTo: z.iso.datetime({ offset: true }).optional(),
  /** A report id or the sender's reference. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(QUEUE_SORTS).default('priority'),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

const Person = z.object({ id: z.uuid(), name: z.string() });

export const QueueItem = z.object({
  id: z.string(),
  externalId: z.string(),
  source: z.string(),
  incidentType: z.enum(INCIDENT_TYPE_KEYS),
  platform: z.string().nullable(),
  receivedAt: z.string(),
  priorityScore: z.number().int(),
  priorityLevel: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  escalated: z.boolean(),
  assignee: Person.nullable(),
  regionCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  placeName: z.string().nullable(),
  clusterId: z.string(),
  clusterSize: z.number().int(),
  fileCount: z.number().int(),
  knownFileCount: z.number().int(),
  newFileCount: z.number().int(),
  flags: z.array(z.string()),
  /** A P1 not reviewed within the configured time. */
  overdue: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueResponse = z.object({
  items: z.array(QueueItem),
  nextCursor: z.string().nullable(),
  /** Open reports by level in the caller's scope, for the header. */
  counts: z.object({
    p1: z.number().int(),
    p2: z.number().int(),
    p3: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type QueueResponse = z.infer<typeof QueueResponse>;

export const PriorityReasonView = z.object({
  factor: z.enum(PRIORITY_FACTORS),
  points: z.number().int(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const IdentifierView = z.object({
  id: z.string(),
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string(),
  raw: z.string(),
  platform: z.string().nullable(),
  role: z.string(),
  flags: z.array(z.string()),
  linkPolicy: z.enum(['links', 'windowed', 'never']),
  isHub: z.boolean(),
  /** How many reports carry it (all of Bantay, not only the caller's scope). */
  reportCount: z.number().int(),
  observedAt: z.string().nullable(),
  port: z.number().int().nullable(),
  countryCode: z.string().nullable(),
});

export const FileView = z.object({
  index: z.number().int(),
  originalName: z.string().nullable(),
  viewedByEsp: z.boolean().nullable(),
  publiclyAvailable: z.boolean().nullable(),
  annotations: z.array(z.string()),
  classification: z.string().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable(),
  pdq: z.string().nullable(),
  match: z
    .object({
      kind: z.enum(['exact', 'pdq']),
      distance: z.number().int(),
      category: z.number().int().nullable(),
      series: z.string().nullable(),
    })
    .nullable(),
});

export const Deconfliction = z.object({
  identifier: z.string(),
  unitName: z.string(),
  organisationName: z.string(),
  /** Present only when the caller may see the case. */
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
});

export const DecisionView = z.object({
  id: z.uuid(),
  decision: z.enum(DECISIONS),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  note: z.string().nullable(),
  decidedBy: Person,
  decidedAt: z.string(),
  toUnit: z.string().nullable(),
  caseNumber: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  review: z
    .object({
      by: Person,
      at: z.string(),
      outcome: z.enum(['upheld', 'reopened']),
      note: z.string().nullable(),
    })
    .nullable(),
});

export const ReportAbilities = z.object({
  claim: z.boolean(),
  assign: z.boolean(),
  decide: z.boolean(),
  review: z.boolean(),
  viewDocument: z.boolean(),
});
export type ReportAbilities = z.infer<typeof ReportAbilities>;

export const ClusterMember = z.object({
  id: z.string(),
  externalId: z.string(),
  receivedAt: z.string(),
  priorityLevel: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  /** Identifier ids it shares with the report shown. */
  shared: z.array(z.string()),
});

export const ReportDetail = QueueItem.extend({
  incidentAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  annotations: z.array(z.string()),
  summary: z.string().nullable(),
  countryCodes: z.array(z.string()),
  location: z.object({
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    provinceCode: z.string().nullable(),
    provinceName: z.string().nullable(),
    source: z.string().nullable(),
    confidence: z.string().nullable(),
  }),
  priorityReasons: z.array(PriorityReasonView),
  identifiers: z.array(IdentifierView),
  files: z.array(FileView),
  cluster: z.object({ id: z.string(), size: z.number().int(), members: z.array(ClusterMember) }),
  sameFileReports: z.number().int(),
  deconfliction: z.array(Deconfliction),
  decisions: z.array(DecisionView),
  abilities: ReportAbilities,
  documentSha256: z.string(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const DecisionInput = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('refer'),
    /** The unit that receives the referral: a case opens there. */
    unitId: z.uuid({ message: 'Choose a unit.' }),
    note: z.string().trim().max(4000).optional(),
  }),
  z.object({
    decision: z.literal('attach'),
    /** The case number, e.g. WCPC-2026-000123. */
    caseNumber: z.string().trim().min(1, 'Enter a case number.').max(40),
    note: z.string().trim().max(4000).optional(),
  }),
  z.object({
    decision: z.literal('merge_duplicate'),
    /** The report this one duplicates. */
    duplicateOf: z.string().regex(/^\d+$/, 'Enter the id of the report it duplicates.'),
    note: z.string().trim().max(4000).optional(),
  }),
  z.object({
    decision: z.literal('request_info'),
    /** What the sender is asked for. */
    note: z.string().trim().min(1, 'Say what information is needed.').max(4000),
  }),
  z.object({
    decision: z.literal('close'),
    reason: z.enum(CLOSE_REASONS),
    note: z.string().trim().max(4000).optional(),
  }),
]);
export type DecisionInput = z.infer<typeof DecisionInput>;

export const ReviewInput = z.object({
  outcome: z.enum(['upheld', 'reopened']),
  note: z.string().trim().max(4000).optional(),
});

export const AssignInput = z.object({
  /** The analyst to assign, or null to release the report. */
  userId: z.uuid().nullable(),
});

export const BulkInput = z.object({
  /** Up to 500 report ids. */
  reportIds: z.array(z.string().regex(/^\d+$/)).min(1).max(500),
  action: z.discriminatedUnion('action', [
    z.object({ action: z.literal('assign'), userId: z.uuid().nullable() }),
    z.object({
      action: z.literal('close'),
      reason: z.enum(CLOSE_REASONS),
      note: z.string().trim().max(4000).optional(),
    }),
  ]),
});

export const TriageSettingsInput = z.object({
  weights: PriorityWeights,
  hubThreshold: z.number().int().min(2).max(1_000_000),
  /** Beside more than this many other identifiers of the same role, an identifier is shared by many people (a hub). */
  hubFanout: z.number().int().min(2).max(100_000),
  ipWindowHours: z.number().int().min(1).max(720),
  p1ReviewMinutes: z.number().int().min(5).max(1440),
});

export const SavedFilterInput = z.object({
  name: z.string().trim().min(1).max(80),
  filter: QueueQuery.omit({ cursor: true, limit: true }).partial(),
});

export const ProvinceCount = z.object({
  code: z.string(),
  name: z.string(),
  open: z.number().int(),
  p1: z.number().int(),
});
