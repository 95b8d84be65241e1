import { z } from 'zod';
import { CountryCode, IsoDate } from './schema';

/**
 * Legal process of a case. The four warrants of the Rule on Cybercrime Warrants
 * (A.M. No. 17-11-03-SC): to disclose (WDCD), intercept (WICD), search, seize and examine
 * (WSSECD) and examine (WECD) computer data; a preservation request to a provider
 * (RA 10175 s. 13); a request abroad through DOJ-OOC / mutual legal assistance; an
 * emergency disclosure request to a provider.
 */
export const LEGAL_KINDS = [
  'wdcd',
  'wicd',
  'wssecd',
  'wecd',
  'preservation',
  'mla',
  'emergency_disclosure',
] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];
export const WARRANT_KINDS = ['wdcd', 'wicd', 'wssecd', 'wecd'] as const satisfies readonly LegalKind[];

export const LEGAL_STATUSES = [
  'draft',
  'applied',
  'issued',
  'served',
  'returned',
  'refused',
  'closed',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
/** Statuses after which nothing is due any more. */
export const SETTLED_LEGAL_STATUSES = [
  'returned',
  'refused',
  'closed',
] as const satisfies readonly LegalStatus[];

/** The rule's periods, in one place. */
export const LEGAL_PERIODS = {
  /** A warrant is effective for at most 10 days from issuance. */
  warrantValidDays: 10,
  /** The return is due within 48 hours of implementation or expiry. */
  returnHours: 48,
  /** Seized data is examined within 30 days of service… */
  examinationDays: 30,
  /** …extendible by the court by up to 30 days. */
  maxExtensionDays: 30,
  /** Preserved data is kept six months (RA 10175 s. 13). */
  preservationDays: 180,
} as const;

export const isWarrant = (kind: LegalKind): boolean => (WARRANT_KINDS as readonly string[]).includes(kind);
/** Warrants whose data is examined after seizure: the examination period runs first. */
const EXAMINED: readonly LegalKind[] = ['wssecd', 'wecd'];

const Sha256 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 hexadecimal characters.');

export const ReturnHash = z.object({
  /** What the hash is of: a device image, an account export. */
  description: z.string().trim().min(1, 'Required.').max(300),
  sha256: Sha256,
});
export type ReturnHash = z.infer<typeof ReturnHash>;

const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined));

const STATUS_ORDER: Record<LegalStatus, number> = {
  draft: 0,
  applied: 1,
  issued: 2,
  served: 3,
  returned: 4,
  refused: 1,
  closed: 0,
};

export const LegalRequestInput = z
  .object({
    kind: z.enum(LEGAL_KINDS),
    status: z.enum(LEGAL_STATUSES),
    /** Court docket or request reference. */
    reference: Optional(100),
    /** Issuing court (warrants). */
    court: Optional(200),
    judge: Optional(200),
    /** Provider or foreign authority the request goes to. */
    recipient: Optional(200),
    country: CountryCode.optional(),
    appliedOn: IsoDate.optional(),
    issuedOn: IsoDate.optional(),
    servedOn: IsoDate.optional(),
    /** Days the court extended the examination (0–30). */
    extensionDays: z.number().int().min(0).max(LEGAL_PERIODS.maxExtensionDays, 'At most 30 days.').default(0),
    returnedOn: IsoDate.optional(),
    /** The return lists the hash values of the data disclosed or seized. */
    returnHashes: z.array(ReturnHash).max(500).default([]),
    /** A due date of one's own (requests abroad, emergency disclosure). */
    dueOn: IsoDate.optional(),
    notes: Optional(4000),
  })
  .superRefine((input, ctx) => {
    const rank = STATUS_ORDER[input.status];
    const warrant = isWarrant(input.kind);
    const need = (field: 'court' | 'judge' | 'appliedOn' | 'issuedOn' | 'servedOn' | 'returnedOn') => {
      if (input[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'Required at this status.' });
    };
    if (warrant && input.status !== 'draft') need('court');
    if (warrant && rank >= 2 && input.status !== 'refused') need('judge');
    if (rank >= 1 && input.status !== 'closed') need('appliedOn');
    if (warrant && rank >= 2 && input.status !== 'refused') need('issuedOn');
    if (rank >= 3 && input.status !== 'refused') need('servedOn');
    if (input.status === 'returned') need('returnedOn');
    if (warrant && input.status === 'returned' && input.returnHashes.length === 0)
      ctx.addIssue({ code: 'custom', path: ['returnHashes'], message: 'The return lists the hash values.' });
    const order: [string | undefined, 'issuedOn' | 'servedOn' | 'returnedOn', string | undefined][] = [
      [input.appliedOn, 'issuedOn', input.issuedOn],
      [input.issuedOn ?? input.appliedOn, 'servedOn', input.servedOn],
      [input.servedOn, 'returnedOn', input.returnedOn],
    ];
    for (const [before, field, after] of order) {
      if (before && after && after < before)
        ctx.addIssue({ code: 'custom', path: [field], message: 'This date is before the one it follows.' });
    }
  });
export type LegalRequestInput = z.input<typeof LegalRequestInput>;
export type LegalRequestParsed = z.output<typeof LegalRequestInput>;

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export type LegalDeadlines = { validUntil: string | null; returnDueOn: string | null };

/**
 * When a request's warrant stops being effective and when its return (or follow-up) is due.
 * WDCD/WICD: effective 10 days from issuance; the return within 48 hours of service, or of
 * expiry if never served. WSSECD/WECD: examination within 30 days of service plus any
 * extension (≤ 30), the return 48 hours after. Preservation: six months from service.
 * Others: the due date given.
 */
export function legalDeadlines(input: LegalRequestParsed): LegalDeadlines {
  const returnDays = LEGAL_PERIODS.returnHours / 24;
  if (isWarrant(input.kind)) {
    const validUntil = input.issuedOn ? addDays(input.issuedOn, LEGAL_PERIODS.warrantValidDays) : null;
    if (EXAMINED.includes(input.kind)) {
      const due = input.servedOn
        ? addDays(input.servedOn, LEGAL_PERIODS.examinationDays + input.extensionDays + returnDays)
        : validUntil && addDays(validUntil, returnDays);
      return { validUntil, returnDueOn: due };
    }
    const from = input.servedOn ?? validUntil;
    return { validUntil, returnDueOn: from ? addDays(from, returnDays) : null };
  }
  if (input.kind === 'preservation') {
    const from = input.servedOn ?? input.appliedOn;
    return {
      validUntil: null,
      returnDueOn: input.dueOn ?? (from ? addDays(from, LEGAL_PERIODS.preservationDays) : null),
    };
  }
  return { validUntil: null, returnDueOn: input.dueOn ?? null };
}

export const LegalRequest = z.object({
  id: z.string(),
  kind: z.enum(LEGAL_KINDS),
  status: z.enum(LEGAL_STATUSES),
  reference: z.string().nullable(),
  court: z.string().nullable(),
  judge: z.string().nullable(),
  recipient: z.string().nullable(),
  country: z.string().nullable(),
  appliedOn: z.string().nullable(),
  issuedOn: z.string().nullable(),
  servedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  extensionDays: z.number().int(),
  returnDueOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  returnHashes: z.array(ReturnHash),
  notes: z.string().nullable(),
  overdue: z.boolean(),
});
export type LegalRequest = z.infer<typeof LegalRequest>;

/** Something due on the unit's calendar. */
export const CalendarEntry = z.object({
  on: z.string(),
  kind: z.enum(['legal', 'task', 'operation']),
  /** The legal kind, the task title or the operation name. */
  label: z.string(),
  status: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  overdue: z.boolean(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

export const CalendarQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
