import { z } from 'zod';
import { AGE_BANDS, PsgcCode, RELATIONSHIPS, SEXES } from './schema';

export const OPERATION_STATUSES = ['planned', 'approved', 'completed', 'cancelled'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const TEAM_ROLES = ['team_lead', 'investigator', 'social_worker', 'support'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Organisations whose social workers may go on a rescue: the DSWD and accredited partners. */
export const SOCIAL_WELFARE_KINDS = ['social_welfare', 'shelter', 'ngo'] as const;

export const OperationPlanInput = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  /** When the team goes in, ISO 8601. */
  plannedAt: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time.' }),
  targets: z
    .array(
      z.object({
        address: z.string().trim().min(1, 'Required.').max(500),
        psgcCode: PsgcCode.optional(),
      }),
    )
    .min(1, 'At least one target address.')
    .max(20),
  expectedChildren: z.number().int().min(0).max(100),
  team: z
    .array(z.object({ userId: z.uuid(), role: z.enum(TEAM_ROLES) }))
    .min(1, 'At least one team member.')
    .max(50),
  briefing: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type OperationPlanInput = z.input<typeof OperationPlanInput>;

export const OperationOutcomeInput = z.object({
  /** Each child rescued becomes a victim record and an aftercare referral. */
  children: z
    .array(
      z.object({
        ageBand: z.enum(AGE_BANDS),
        sex: z.enum(SEXES),
        relationship: z.enum(RELATIONSHIPS),
      }),
    )
    .max(100),
  /** Subjects of the case arrested: flagged for prosecution. */
  arrestedSubjectIds: z.array(z.uuid()).max(100).default([]),
  afterAction: z.string().trim().min(1, 'Required.').max(10_000),
});
export type OperationOutcomeInput = z.input<typeof OperationOutcomeInput>;

export type TeamMemberFacts = { role: TeamRole; userRole: string; organisationKind: string };

/**
 * Why an operation may not be approved yet, or null. A rescue needs a DSWD or partner social
 * worker on the team: a social-worker user of a social-welfare organisation or partner.
 */
export function approvalProblem(team: readonly TeamMemberFacts[]): string | null {
  const hasSocialWorker = team.some(
    (member) =>
      member.role === 'social_worker' &&
      member.userRole === 'social_worker' &&
      (SOCIAL_WELFARE_KINDS as readonly string[]).includes(member.organisationKind),
  );
  return hasSocialWorker
    ? null
    : 'An operation cannot be approved without a DSWD or partner social worker on the team.';
}

export const Operation = z.object({
  id: z.string(),
  name: z.string(),
  plannedAt: z.string(),
  status: z.enum(OPERATION_STATUSES),
  expectedChildren: z.number().int(),
  briefing: z.string().nullable(),
  targets: z.array(
    z.object({ address: z.string(), psgcCode: z.string().nullable(), place: z.string().nullable() }),
  ),
  team: z.array(
    z.object({ userId: z.string(), name: z.string(), role: z.enum(TEAM_ROLES), organisation: z.string() }),
  ),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  afterAction: z.string().nullable(),
  rescuedCount: z.number().int(),
  arrestedCount: z.number().int(),
  /** Pending aftercare referrals, by organisation. */
  aftercare: z.array(z.object({ organisation: z.string(), count: z.number().int() })),
  /** Why it cannot be approved yet, or null. */
  approvalProblem: z.string().nullable(),
});
export type Operation = z.infer<typeof Operation>;
