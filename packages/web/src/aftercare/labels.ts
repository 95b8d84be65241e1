import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import type { Instrument } from '@bantay/core/aftercare/instrument';
import {
  ACCREDITATION_LEVELS,
  AGE_BANDS,
  CLOSURE_REASONS,
  COURT_ACCOMMODATIONS,
  ENROLMENT_KINDS,
  FOLLOW_UP_KINDS,
  CONSENT_GIVERS,
  CONSENT_KINDS,
  FAMILY_RELATIONS,
  INTERVENTION_KINDS,
  PARTNER_KINDS,
  RISK_LEVELS,
  SERVICE_KINDS,
  SEXES,
} from '@bantay/core/aftercare/schema';
import type { ParseKeys, TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Words of an instrument's domains and sub-domains: Bantay's default instrument is translated
 * by key; an organisation's own instrument shows its own words as written.
 */
export function domainLabel(
  t: TFunction,
  domain: string,
  instrument: Instrument = DEFAULT_INSTRUMENT,
): string {
  const own = instrument.domains.find((d) => d.key === domain)?.label ?? domain;
  if (instrument.id !== DEFAULT_INSTRUMENT.id) return own;
  return String(t(`aftercare.domains.${domain}` as ParseKeys, { defaultValue: own }));
}

export function subdomainLabel(
  t: TFunction,
  instrument: Instrument,
  domain: string,
  subdomain: string,
): string {
  const own =
    instrument.domains.find((d) => d.key === domain)?.subdomains.find((s) => s.key === subdomain)?.label ??
    subdomain;
  if (instrument.id !== DEFAULT_INSTRUMENT.id) return own;
  return String(t(`aftercare.subdomains.${domain}.${subdomain}` as ParseKeys, { defaultValue: own }));
}

/** Options for a NativeSelect from a list of codes and their translation group. */
function options<T extends string>(
  t: TFunction,
  group: string,
  values: readonly T[],
): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: String(t(`aftercare.${group}.${value}` as ParseKeys)) }));
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Every list of choices the aftercare forms offer, in the user's language. */
export function useChoices() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      sexes: options(t, 'sexes', SEXES),
      ageBands: options(t, 'ageBands', AGE_BANDS),
      riskLevels: options(t, 'riskLevels', RISK_LEVELS),
      relations: options(t, 'relations', FAMILY_RELATIONS),
      consentKinds: options(t, 'consentKinds', CONSENT_KINDS),
      consentGivers: options(t, 'consentGivers', CONSENT_GIVERS),
      interventions: options(t, 'interventions', INTERVENTION_KINDS),
      services: options(t, 'services', SERVICE_KINDS),
      closureReasons: options(t, 'closureReasons', CLOSURE_REASONS),
      partnerKinds: options(t, 'partnerKinds', PARTNER_KINDS),
      accreditation: options(t, 'accreditation', ACCREDITATION_LEVELS),
      enrolmentKinds: options(t, 'enrolmentKinds', ENROLMENT_KINDS),
      followUpKinds: options(t, 'followUpKinds', FOLLOW_UP_KINDS),
      accommodations: options(t, 'accommodations', COURT_ACCOMMODATIONS),
    }),
    [t],
  );
}
