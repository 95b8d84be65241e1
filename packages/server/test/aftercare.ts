import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import type {
  AssessmentInput,
  CarePlanInput,
  IntakeInput,
  PartnerInput,
} from '@bantay/core/aftercare/schema';
import { syntheticSurvivorIdentity } from '@bantay/core/synthetic/survivors';
import { expect } from 'vitest';
import type { ApiClient } from './helpers';

/** A direct intake with a generated identity; returns the record id, code and the name used. */
export async function takeIntake(
  client: ApiClient,
  index: number,
  patch: Partial<IntakeInput> = {},
): Promise<{ id: string; code: string; name: string }> {
  const identity = syntheticSurvivorIdentity('aftercare-test', index);
  const response = await client.post<{ id: string; code: string }>('/api/aftercare/survivors', {
    sex: 'female',
    ageBand: '12_14',
    riskLevel: 'high',
    safetyPlan: 'No contact with the uncle; school escort.',
    identity,
    ...patch,
  } satisfies IntakeInput);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { ...response.body, name: identity.name };
}

export function partnerInput(organisationId: string | null, name = 'Haven test shelter'): PartnerInput {
  return {
    name,
    kind: 'shelter',
    organisationId,
    accreditationLevel: 'level_2',
    accreditationExpires: '2030-12-31',
    location: 'Cebu City',
    specialties: ['osec_trained'],
    capacity: [
      { sex: 'female', ageBand: '12_14', beds: 10 },
      { sex: 'female', ageBand: '15_17', beds: 8 },
    ],
  };
}

export function carePlanInput(partnerId: string | null = null): CarePlanInput {
  return {
    reviewEveryDays: 90,
    goals: [
      {
        domain: 'safety',
        goal: 'Lives in a safe placement with no contact from the offender.',
        targetDate: '2027-03-01',
      },
      { domain: 'mental_wellbeing', goal: 'Sleeps through most nights.', targetDate: '2027-06-01' },
    ],
    interventions: [
      { kind: 'counselling', description: 'Weekly counselling', partnerId, targetDate: '2027-03-01' },
      { kind: 'education', description: 'Back to school in June', partnerId: null, targetDate: '2027-06-15' },
    ],
  };
}

/** Every sub-domain of the default instrument at the given score. */
export function assessmentInput(assessedOn: string, score: number): AssessmentInput {
  return {
    assessedOn,
    scores: DEFAULT_INSTRUMENT.domains.flatMap((domain) =>
      domain.subdomains.map((sub) => ({
        domain: domain.key,
        subdomain: sub.key,
        score,
        reason: `Observed at the home visit (${score}).`,
      })),
    ),
  };
}
