import { describe, expect, it } from 'vitest';
import {
  CatalogueError,
  STATUTE_CATALOGUE,
  catalogueProblems,
  chargeProblem,
  extendCatalogue,
  findOffence,
  unverifiedEntries,
} from './statutes';

describe('statute catalogue', () => {
  it('names only statutes it lists, and lists nothing twice', () => {
    expect(catalogueProblems(STATUTE_CATALOGUE)).toEqual([]);
    const ids = new Set(STATUTE_CATALOGUE.statutes.map((s) => s.id));
    for (const offence of STATUTE_CATALOGUE.offences)
      for (const ref of [offence.statute, ...offence.refersTo]) expect(ids).toContain(ref);
    for (const statute of STATUTE_CATALOGUE.statutes)
      for (const ref of [...statute.amendedBy, ...statute.supersedes]) expect(ids).toContain(ref);
  });

  it.each([
    ['RA 11930', '4(a)', 'afflictive'],
    ['RA 9208', '4', 'afflictive'],
    ['RA 9208', '4-C', 'afflictive'],
    ['RA 9208', '6', 'afflictive'],
    ['RA 9775', '4(h)', 'afflictive'],
    ['RA 9775', '4(l)', 'correctional'],
    ['RA 10175', '4(c)(2)', 'afflictive'],
    ['RA 7610', '5', 'afflictive'],
  ])('lists %s s. %s (%s)', (statute, section, gravity) => {
    expect(findOffence(STATUTE_CATALOGUE, statute, section)?.gravity).toBe(gravity);
  });

  it.each([
    ['RA 11930', '4(c)', /^Offering, selling, distributing/],
    ['RA 11930', '4(d)', /^Knowingly publishing, transmitting or broadcasting/],
  ])('titles %s s. %s as the act words it', (statute, section, title) => {
    expect(findOffence(STATUTE_CATALOGUE, statute, section)?.title).toMatch(title);
  });

  it('does not list RA 11930 s. 6 as an offence: it says when a violation is syndicated or large-scale', () => {
    expect(findOffence(STATUTE_CATALOGUE, 'RA 11930', '6')).toBeUndefined();
    for (const section of ['4(a)', '4(b)', '4(c)', '4(d)'])
      expect(findOffence(STATUTE_CATALOGUE, 'RA 11930', section)?.qualifying).toEqual(
        expect.arrayContaining(['syndicate', 'large_scale']),
      );
  });

  it('qualifies trafficking by the circumstances of RA 9208 s. 6 as amended, not by an age under 12', () => {
    const qualified = findOffence(STATUTE_CATALOGUE, 'RA 9208', '6')?.qualifying;
    expect(qualified).toEqual(
      expect.arrayContaining(['victim_child', 'offender_law_enforcement', 'during_crisis']),
    );
    expect(qualified).not.toContain('victim_under_12');
  });

  it('shows RA 9775 as replaced by RA 11930, not amended by it', () => {
    expect(STATUTE_CATALOGUE.statutes.find((s) => s.id === 'RA 11930')?.supersedes).toEqual(['RA 9775']);
    expect(STATUTE_CATALOGUE.statutes.find((s) => s.id === 'RA 9775')?.amendedBy).toEqual([]);
  });

  it('says where every entry was checked, and lists exactly the entries that could not be', () => {
    for (const entry of [...STATUTE_CATALOGUE.statutes, ...STATUTE_CATALOGUE.offences])
      expect(entry.source, JSON.stringify(entry)).toBeTruthy();
    expect(unverifiedEntries(STATUTE_CATALOGUE)).toEqual([
      'RA 11930 s. 4(i)',
      'RA 11930 s. 4(l)',
      'RA 9775 s. 4(l)',
    ]);
  });

  it('takes an extension as unverified unless it says otherwise', () => {
    const extended = extendCatalogue(STATUTE_CATALOGUE, {
      offences: [
        {
          statute: 'RA 7610',
          section: '6',
          title: 'Attempt to commit child prostitution',
          gravity: 'afflictive',
        },
      ],
    });
    expect(unverifiedEntries(extended)).toContain('RA 7610 s. 6');
  });

  it('shows trafficking as amended by RA 10364 and RA 11862', () => {
    expect(STATUTE_CATALOGUE.statutes.find((s) => s.id === 'RA 9208')?.amendedBy).toEqual([
      'RA 10364',
      'RA 11862',
    ]);
  });

  it.each([
    [{ statute: 'RA 11930', section: '4(a)', qualifying: ['victim_under_12', 'offender_relative'] }, null],
    [{ statute: 'RA 9999', section: '1', qualifying: [] }, 'statute'],
    [{ statute: 'RA 11930', section: '99', qualifying: [] }, 'section'],
    [{ statute: 'RA 9775', section: '4(l)', qualifying: ['syndicate'] }, 'qualifying'],
  ])('charge %o → problem at %s', (charge, path) => {
    expect(chargeProblem(STATUTE_CATALOGUE, charge)?.path ?? null).toBe(path);
  });

  it('is extended as data: a new statute and offence can then be charged', () => {
    const extended = extendCatalogue(STATUTE_CATALOGUE, {
      statutes: [{ id: 'RA 9262', title: 'Anti-Violence Against Women and Their Children Act', year: 2004 }],
      offences: [
        { statute: 'RA 9262', section: '5(i)', title: 'Psychological violence', gravity: 'correctional' },
      ],
    });
    expect(chargeProblem(extended, { statute: 'RA 9262', section: '5(i)', qualifying: [] })).toBeNull();
    expect(
      chargeProblem(STATUTE_CATALOGUE, { statute: 'RA 9262', section: '5(i)', qualifying: [] })?.path,
    ).toBe('statute');
  });

  it.each([
    [{ offences: [{ statute: 'RA 1234', section: '1', title: 'x', gravity: 'light' }] }, 'RA 1234'],
    [
      { offences: [{ statute: 'RA 11930', section: '4(a)', title: 'again', gravity: 'light' }] },
      'listed twice',
    ],
    [
      { offences: [{ statute: 'RA 11930', section: 'four', title: 'x', gravity: 'light' }] },
      'offences.0.section',
    ],
    [{ statutes: [{ id: 'RA 1', title: 'x', year: 2000 }] }, 'statutes.0.id'],
    [
      { offences: [{ statute: 'RA 11930', section: '9', title: 'x', gravity: 'grave' }] },
      'offences.0.gravity',
    ],
  ])('refuses a bad extension %o, naming %s', (extension, named) => {
    expect(() => extendCatalogue(STATUTE_CATALOGUE, extension)).toThrow(CatalogueError);
    expect(() => extendCatalogue(STATUTE_CATALOGUE, extension)).toThrow(named);
  });
});
