import { describe, expect, it } from 'vitest';
import {
  CatalogueError,
  STATUTE_CATALOGUE,
  catalogueProblems,
  chargeProblem,
  extendCatalogue,
  findOffence,
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
    ['RA 9208', '6', 'afflictive'],
    ['RA 9775', '4(l)', 'correctional'],
    ['RA 10175', '4(c)(2)', 'afflictive'],
    ['RA 7610', '5', 'afflictive'],
  ])('lists %s s. %s (%s)', (statute, section, gravity) => {
    expect(findOffence(STATUTE_CATALOGUE, statute, section)?.gravity).toBe(gravity);
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
