import { z } from 'zod';
import { IDENTIFIER_KINDS } from '../intake/report';

export const CASE_STATUSES = ['referred', 'open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SUBJECT_ROLES = ['facilitator', 'customer', 'suspect', 'witness'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const AGE_BANDS = ['0-4', '5-8', '9-12', '13-15', '16-17', 'unknown'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
/** The child's relationship to the facilitator: in OSEC most often a parent or relative. */
export const RELATIONSHIPS = [
  'parent',
  'sibling',
  'relative',
  'neighbour',
  'acquaintance',
  'stranger',
  'unknown',
] as const;

const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max, `At most ${max} characters.`);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined));
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date({ message: 'Use a date as YYYY-MM-DD.' });
export const PsgcCode = z.string().regex(/^\d{10}$/, 'Use a 10-digit PSGC code.');
/** ISO 3166-1 alpha-2, e.g. PH, AU, US. */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code, e.g. PH.');

export const CaseOpenInput = z.object({
  /** What the case is about, in a line. */
  title: Text(200),
  /** Longer summary for the team. */
  summary: OptionalText(4000),
});
export type CaseOpenInput = z.infer<typeof CaseOpenInput>;

export const CaseUpdateInput = z.object({
  title: Text(200).optional(),
  summary: z.string().trim().max(4000).optional(),
  /** The investigator who leads the case: a member of the case's unit. */
  leadId: z.uuid().optional(),
  /** Close the case (open → closed) or reopen it. */
  status: z.enum(['open', 'closed']).optional(),
});
export type CaseUpdateInput = z.infer<typeof CaseUpdateInput>;

export const MemberInput = z.object({ userId: z.uuid({ message: 'Choose a person.' }) });

export const SubjectInput = z.object({
  role: z.enum(SUBJECT_ROLES),
  fullName: Text(200),
  /** Other names and handles the person goes by. */
  aliases: z.array(Text(200)).max(20).default([]),
  nationality: CountryCode.optional(),
  birthDate: IsoDate.optional(),
  address: OptionalText(500),
  /** PSGC code of the barangay, city or province of the address. */
  psgcCode: PsgcCode.optional(),
  notes: OptionalText(4000),
});
export type SubjectInput = z.input<typeof SubjectInput>;

export const SubjectIdentifierInput = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: Text(2048),
  /** The service or provider (username, account, payment). */
  platform: OptionalText(100),
});
export type SubjectIdentifierInput = z.input<typeof SubjectIdentifierInput>;

export const VictimInput = z.object({
  ageBand: z.enum(AGE_BANDS),
  sex: z.enum(SEXES),
  relationship: z.enum(RELATIONSHIPS),
  /** The facilitator subject of this case, when known. */
  facilitatorId: z.uuid().optional(),
});
export type VictimInput = z.infer<typeof VictimInput>;

export const TaskInput = z.object({
  title: Text(300),
  assigneeId: z.uuid().optional(),
  dueOn: IsoDate.optional(),
  /** The day the assignee is reminded, besides the days before the due date. */
  remindOn: IsoDate.optional(),
});
export type TaskInput = z.input<typeof TaskInput>;

export const NoteInput = z.object({ body: Text(10_000) });

const Person = z.object({ id: z.string(), name: z.string() });

export const CaseAbilities = z.object({
  /** Accept a referred case: it becomes open. */
  accept: z.boolean(),
  /** Change the case, add subjects, victims, tasks, notes, legal requests, operations. */
  write: z.boolean(),
  /** Approve rescue operations. */
  supervise: z.boolean(),
  /** Register evidence and transfer custody. */
  evidence: z.boolean(),
});
export type CaseAbilities = z.infer<typeof CaseAbilities>;

export const CaseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  unit: z.string().nullable(),
  lead: z.string().nullable(),
  createdAt: z.string(),
  reportCount: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const SubjectIdentifier = z.object({
  id: z.string(),
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string(),
  platform: z.string().nullable(),
  /** Reports anywhere that carry this identifier. */
  reportCount: z.number().int(),
  /** Those of them in this case, by reference. */
  caseReports: z.array(z.object({ id: z.string(), externalId: z.string() })),
});

export const Subject = z.object({
  id: z.string(),
  role: z.enum(SUBJECT_ROLES),
  fullName: z.string(),
  aliases: z.array(z.string()),
  nationality: z.string().nullable(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  psgcCode: z.string().nullable(),
  place: z.string().nullable(),
  notes: z.string().nullable(),
  arrestedAt: z.string().nullable(),
  forProsecution: z.boolean(),
  identifiers: z.array(SubjectIdentifier),
});
export type Subject = z.infer<typeof Subject>;

export const Victim = z.object({
  id: z.string(),
  code: z.string(),
  ageBand: z.enum(AGE_BANDS),
  sex: z.enum(SEXES),
  relationship: z.enum(RELATIONSHIPS),
  facilitator: z.string().nullable(),
  rescuedAt: z.string().nullable(),
  /** Where the rescued child was referred for aftercare (organisation name), if so. */
  aftercare: z.string().nullable(),
});
export type Victim = z.infer<typeof Victim>;

export const Task = z.object({
  id: z.string(),
  title: z.string(),
  assignee: Person.nullable(),
  dueOn: z.string().nullable(),
  remindOn: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type Task = z.infer<typeof Task>;

export const Note = z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() });
export type Note = z.infer<typeof Note>;

export const CaseReport = z.object({
  id: z.string(),
  externalId: z.string(),
  priorityLevel: z.number().int(),
  receivedAt: z.string(),
  incidentType: z.string(),
  clusterId: z.string(),
  clusterSize: z.number().int(),
});

export const CaseDetail = CaseSummary.extend({
  summary: z.string(),
  origin: z.enum(['referral', 'manual']),
  leadId: z.string().nullable(),
  members: z.array(Person.extend({ role: z.string() })),
  reports: z.array(CaseReport),
  subjects: z.array(Subject),
  victims: z.array(Victim),
  tasks: z.array(Task),
  notes: z.array(Note),
  abilities: CaseAbilities,
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** People the caller may put on a case, a task or an operation team. */
export const TeamOptions = z.object({
  colleagues: z.array(Person.extend({ role: z.string() })),
  /** Social workers of social-welfare and partner organisations, for rescue teams. */
  socialWorkers: z.array(Person.extend({ organisation: z.string() })),
});
export type TeamOptions = z.infer<typeof TeamOptions>;
