/** The synthetic data generator: demo seed, tests and benchmarks draw on one seeded world. */
export { xmlDocument } from './files';
export {
  DEFAULT_KNOWN_HASH_COUNT,
  generateKnownHashSet,
  knownHash,
  nearPdq,
  pdqDistance,
  vicsJson,
  type KnownHash,
  type KnownHashSetOptions,
} from './hash-sets';
export { generateHotlineRows, hotlineCsv, type HotlineRow, type SyntheticHotlineRow } from './hotline';
export { Random, seedHash, type Seed } from './random';
export { generateReferrals, referralJsonLines, type SyntheticReferral } from './referrals';
export { generateReports, type GenerateReportsOptions, type SyntheticReport } from './reports';
export { HUBS, createWorld, isHub, type Customer, type Facilitator, type World } from './world';
