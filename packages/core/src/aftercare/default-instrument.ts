import type { Instrument } from './instrument';

/**
 * Bantay's default outcome instrument: the six domains of survivor outcome assessment used in
 * anti-trafficking aftercare, with sub-domains worded by the project (not a licensed tool).
 * Score each sub-domain 1 (in crisis) to 4 (thriving).
 */
export const DEFAULT_INSTRUMENT = {
  id: 'bantay-six-domains-v1',
  name: 'Bantay six-domain outcome assessment',
  threshold: 3,
  schedule: { atIntake: true, firstAfterMonths: 6, thenEveryMonths: 12 },
  domains: [
    {
      key: 'safety',
      label: 'Safety',
      subdomains: [
        { key: 'living_safe', label: 'Lives where no one who harmed them can reach them' },
        { key: 'online_safe', label: 'Uses phones and the internet without being exploited' },
        { key: 'safety_plan', label: 'Knows the safety plan and whom to call' },
      ],
    },
    {
      key: 'legal_protection',
      label: 'Legal Protection',
      subdomains: [
        { key: 'case_understood', label: 'Understands where the court case stands' },
        { key: 'testimony_support', label: 'Is supported and protected as a witness' },
        { key: 'documents', label: 'Has birth registration and the papers they need' },
      ],
    },
    {
      key: 'mental_wellbeing',
      label: 'Mental Wellbeing',
      subdomains: [
        { key: 'coping', label: 'Copes with distress, sleep and memories' },
        { key: 'self_worth', label: 'Shows hope and a sense of self-worth' },
        { key: 'therapy_engaged', label: 'Takes part in counselling or therapy' },
      ],
    },
    {
      key: 'economic_education',
      label: 'Economic Empowerment & Education',
      subdomains: [
        { key: 'schooling', label: 'Attends school or learning regularly' },
        { key: 'skills', label: 'Builds life and vocational skills' },
        { key: 'household_income', label: 'The household has income that does not depend on exploitation' },
      ],
    },
    {
      key: 'social_support',
      label: 'Social Support',
      subdomains: [
        { key: 'trusted_adult', label: 'Has at least one trusted, safe adult' },
        { key: 'family_relationships', label: 'Relationships with family are safe and caring' },
        { key: 'peers_community', label: 'Has friends and a place in the community' },
      ],
    },
    {
      key: 'physical_wellbeing',
      label: 'Physical Wellbeing',
      subdomains: [
        { key: 'health_care', label: 'Gets the medical care they need' },
        { key: 'nutrition_sleep', label: 'Eats and sleeps well' },
        { key: 'healthy_habits', label: 'Keeps up healthy habits and hygiene' },
      ],
    },
  ],
} as const satisfies Instrument;

export const DEFAULT_DOMAINS = DEFAULT_INSTRUMENT.domains.map((domain) => domain.key);
