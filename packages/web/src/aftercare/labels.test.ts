// @vitest-environment happy-dom
import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import type { Instrument } from '@bantay/core/aftercare/instrument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../i18n';
import { domainLabel, subdomainLabel } from './labels';

const licensed: Instrument = {
  id: 'licensed-v1',
  name: 'Licensed',
  threshold: 3,
  schedule: { atIntake: true, firstAfterMonths: 6, thenEveryMonths: 12 },
  domains: [{ key: 'safety', label: 'Home safety', subdomains: [{ key: 'locks', label: 'Doors lock' }] }],
};

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await i18n.changeLanguage('en');
});

describe('the words of an instrument', () => {
  it('translates the default instrument by key, in each language', async () => {
    expect(domainLabel(i18n.t, 'safety')).toBe('Safety');
    await i18n.changeLanguage('fil');
    expect(domainLabel(i18n.t, 'safety', DEFAULT_INSTRUMENT)).toBe('Kaligtasan');
    await i18n.changeLanguage('ceb');
    expect(subdomainLabel(i18n.t, DEFAULT_INSTRUMENT, 'physical_wellbeing', 'nutrition_sleep')).toBe(
      'Maayo nga mokaon ug matulog',
    );
  });

  it('shows an organisation’s own instrument in its own words, even where a key matches the default', async () => {
    await i18n.changeLanguage('fil');
    expect(domainLabel(i18n.t, 'safety', licensed)).toBe('Home safety');
    expect(subdomainLabel(i18n.t, licensed, 'safety', 'locks')).toBe('Doors lock');
  });

  it('names every domain and sub-domain of the default instrument in English, Filipino and Cebuano', async () => {
    for (const language of ['en', 'fil', 'ceb']) {
      await i18n.changeLanguage(language);
      for (const domain of DEFAULT_INSTRUMENT.domains) {
        expect(i18n.exists(`aftercare.domains.${domain.key}`), `${language} ${domain.key}`).toBe(true);
        for (const sub of domain.subdomains)
          expect(i18n.exists(`aftercare.subdomains.${domain.key}.${sub.key}`), `${language} ${sub.key}`).toBe(
            true,
          );
      }
    }
  });
});
