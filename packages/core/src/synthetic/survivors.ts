import type { SurvivorIdentity } from '../aftercare/schema';
import { PH_PLACES } from './philippines';
import { Random, seedHash, type Seed } from './random';
import { phGiven, phSurname } from './world';

const STREAM = 0x5a17;

/**
 * A fictional child's identity for demo and test records: Filipino-sounding names made of
 * syllables (never a real person), a birth date within the age, a family and an address.
 */
export function syntheticSurvivorIdentity(seed: Seed, index: number, now = new Date()): SurvivorIdentity {
  const random = new Random(seedHash(seed), STREAM, index);
  const surname = phSurname(random);
  const age = random.int(6, 16);
  const birth = new Date(now.getTime() - (age * 365 + random.int(0, 364)) * 86_400_000);
  const place = random.weighted(PH_PLACES);
  return {
    name: `${phGiven(random)} ${surname}`,
    birthDate: birth.toISOString().slice(0, 10),
    family: [
      {
        name: `${phGiven(random)} ${surname}`,
        relation: 'grandparent',
        guardian: true,
        safeContact: true,
      },
      {
        name: `${phGiven(random)} ${surname}`,
        relation: random.pick(['mother', 'father', 'aunt_uncle'] as const),
        guardian: false,
        safeContact: false,
      },
    ],
    addresses: [`Purok ${random.int(1, 9)}, ${place.city}, ${place.province}`],
  };
}
