import { z } from 'zod';
import { AGE_BANDS, RISK_LEVELS, SEXES, type AgeBand } from './schema';

/**
 * A child rescued in an operation, waiting for the social worker's organisation to take
 * her or him in. Only what the case records: the victim's pseudonym code, age band, sex and
 * relationship to the facilitator (a care decision: is home safe?) — never a name.
 */
export const RescueIntake = z.object({
  id: z.uuid(),
  victimCode: z.string(),
  /** As the case records them (case bands; sex may be unknown). */
  caseAgeBand: z.string(),
  caseSex: z.string(),
  relationship: z.string(),
  /** The aftercare band the case band falls in, when it falls in one. */
  suggestedAgeBand: z.enum(AGE_BANDS).nullable(),
  operationName: z.string(),
  caseNumber: z.string(),
  unitName: z.string().nullable(),
  socialWorkerName: z.string(),
  rescuedAt: z.iso.datetime(),
  status: z.enum(['pending', 'taken_in']),
  survivorId: z.uuid().nullable(),
});
export type RescueIntake = z.infer<typeof RescueIntake>;

/** Taking the child in: the social worker confirms age band and sex and sets the risk. */
export const TakeInInput = z.object({
  ageBand: z.enum(AGE_BANDS),
  sex: z.enum(SEXES),
  riskLevel: z.enum(RISK_LEVELS),
  safetyPlan: z.string().trim().max(4000).default(''),
});
export type TakeInInput = z.infer<typeof TakeInInput>;

/**
 * Case age bands (investigations) that sit inside one aftercare band. '9-12' and '13-15'
 * straddle two, and 'unknown' fits none: the social worker decides.
 */
const CASE_TO_AFTERCARE_BAND: Record<string, AgeBand> = {
  '0-4': 'under_5',
  '5-8': '5_11',
  '16-17': '15_17',
};

export function suggestedAgeBand(caseBand: string): AgeBand | null {
  return CASE_TO_AFTERCARE_BAND[caseBand] ?? null;
}
