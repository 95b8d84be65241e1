import { z } from 'zod';

/**
 * The statute catalogue: the laws and sections a prosecutor may charge, as data. Only what is
 * listed here can be charged; an office extends it with `extendCatalogue` (a JSON object
 * checked by zod), never with code. Titles are short descriptions, not the text of the law.
 */

/** Gravity of the penalty, as the Revised Penal Code classes it; it sets the inquest clock. */
export const GRAVITIES = ['afflictive', 'correctional', 'light'] as const;
export type Gravity = (typeof GRAVITIES)[number];

/** Circumstances that qualify or aggravate an offence, as the catalogue's statutes name them. */
export const QUALIFYING_CIRCUMSTANCES = [
  /** The child was under twelve. */
  'victim_under_12',
  /** The victim was a child (under eighteen). */
  'victim_child',
  /** The offender is a parent, ascendant, step-parent, guardian or relative of the child. */
  'offender_relative',
  /** The offender had custody, care or authority over the child. */
  'offender_in_authority',
  /** Committed by a syndicate (three or more persons conspiring). */
  'syndicate',
  /** Committed in large scale (against three or more persons). */
  'large_scale',
  /** The offender is a public officer or employee. */
  'public_officer',
  /** Committed through a computer system (RA 10175 section 6: one degree higher). */
  'through_ict',
  /** The child died, became insane or suffered serious harm. */
  'serious_harm',
] as const;
export type QualifyingCircumstance = (typeof QUALIFYING_CIRCUMSTANCES)[number];

const StatuteId = z.string().regex(/^RA \d{3,5}$/, 'Name a statute as "RA 11930".');

export const Statute = z.object({
  /** "RA 11930". */
  id: StatuteId,
  /** Short title. */
  title: z.string().trim().min(1).max(200),
  /** Year of approval. */
  year: z.number().int().min(1900).max(2100),
  /** Later acts that amend it (each must be in the catalogue). */
  amendedBy: z.array(StatuteId).default([]),
  /** Acts it replaces for acts committed after it took effect. */
  supersedes: z.array(StatuteId).default([]),
});
export type Statute = z.infer<typeof Statute>;

export const Offence = z.object({
  statute: StatuteId,
  /** "4(a)", "4(c)(2)", "6". */
  section: z
    .string()
    .trim()
    .regex(/^\d+(-[A-Z])?(\([a-z0-9]+\))*$/, 'Write a section as 4, 4-A, 4(a) or 4(c)(2).'),
  title: z.string().trim().min(1).max(200),
  gravity: z.enum(GRAVITIES),
  qualifying: z.array(z.enum(QUALIFYING_CIRCUMSTANCES)).default([]),
  /** Other statutes this offence refers to (each must be in the catalogue). */
  refersTo: z.array(StatuteId).default([]),
});
export type Offence = z.infer<typeof Offence>;

export const CatalogueExtension = z.object({
  statutes: z.array(Statute).default([]),
  offences: z.array(Offence).default([]),
});
export type CatalogueExtension = z.input<typeof CatalogueExtension>;

export type Catalogue = { statutes: readonly Statute[]; offences: readonly Offence[] };

const CHILD_QUALIFIERS: QualifyingCircumstance[] = [
  'victim_under_12',
  'offender_relative',
  'offender_in_authority',
  'syndicate',
  'large_scale',
  'public_officer',
];

// Sections checked against the acts as published (Official Gazette / Lawphil); titles worded generically.
const BASE: CatalogueExtension = {
  statutes: [
    { id: 'RA 11930', title: 'Anti-OSAEC and Anti-CSAEM Act', year: 2022, supersedes: ['RA 9775'] },
    {
      id: 'RA 9208',
      title: 'Anti-Trafficking in Persons Act',
      year: 2003,
      amendedBy: ['RA 10364', 'RA 11862'],
    },
    { id: 'RA 10364', title: 'Expanded Anti-Trafficking in Persons Act', year: 2012 },
    { id: 'RA 11862', title: 'Expanded Anti-Trafficking in Persons Act of 2022', year: 2022 },
    { id: 'RA 9775', title: 'Anti-Child Pornography Act', year: 2009, amendedBy: ['RA 11930'] },
    { id: 'RA 10175', title: 'Cybercrime Prevention Act', year: 2012 },
    {
      id: 'RA 7610',
      title: 'Special Protection of Children Against Abuse, Exploitation and Discrimination Act',
      year: 1992,
    },
  ],
  offences: [
    {
      statute: 'RA 11930',
      section: '4(a)',
      title: 'Hiring, using or inducing a child to take part in OSAEC or CSAEM',
      gravity: 'afflictive',
      qualifying: CHILD_QUALIFIERS,
    },
    {
      statute: 'RA 11930',
      section: '4(b)',
      title: 'Producing, directing or facilitating OSAEC or CSAEM',
      gravity: 'afflictive',
      qualifying: CHILD_QUALIFIERS,
    },
    {
      statute: 'RA 11930',
      section: '4(c)',
      title: 'Publishing, transmitting or streaming OSAEC or CSAEM',
      gravity: 'afflictive',
      qualifying: CHILD_QUALIFIERS,
    },
    {
      statute: 'RA 11930',
      section: '4(d)',
      title: 'Selling or distributing CSAEM',
      gravity: 'afflictive',
      qualifying: CHILD_QUALIFIERS,
    },
    {
      statute: 'RA 11930',
      section: '4(i)',
      title: 'Grooming or luring a child for OSAEC',
      gravity: 'afflictive',
      qualifying: CHILD_QUALIFIERS,
    },
    {
      statute: 'RA 11930',
      section: '4(l)',
      title: 'Knowing possession of CSAEM',
      gravity: 'correctional',
      qualifying: ['victim_under_12'],
    },
    {
      statute: 'RA 11930',
      section: '6',
      title: 'Syndicated or large-scale OSAEC or CSAEM',
      gravity: 'afflictive',
      qualifying: ['syndicate', 'large_scale', 'victim_under_12'],
    },
    {
      statute: 'RA 9208',
      section: '4',
      title: 'Trafficking in persons (as amended)',
      gravity: 'afflictive',
      qualifying: ['victim_child', ...CHILD_QUALIFIERS, 'serious_harm', 'through_ict'],
      refersTo: ['RA 10364', 'RA 11862'],
    },
    {
      statute: 'RA 9208',
      section: '4-A',
      title: 'Attempted trafficking in persons',
      gravity: 'afflictive',
      qualifying: ['victim_child'],
      refersTo: ['RA 10364'],
    },
    {
      statute: 'RA 9208',
      section: '4-B',
      title: 'Accomplice liability in trafficking',
      gravity: 'afflictive',
      refersTo: ['RA 10364'],
    },
    {
      statute: 'RA 9208',
      section: '5',
      title: 'Acts that promote trafficking in persons',
      gravity: 'afflictive',
      qualifying: ['through_ict'],
    },
    {
      statute: 'RA 9208',
      section: '6',
      title: 'Qualified trafficking in persons',
      gravity: 'afflictive',
      qualifying: ['victim_child', ...CHILD_QUALIFIERS, 'serious_harm'],
    },
    {
      statute: 'RA 9775',
      section: '4(a)',
      title: 'Using or inducing a child to perform in child pornography (acts before RA 11930)',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'syndicate'],
    },
    {
      statute: 'RA 9775',
      section: '4(b)',
      title: 'Producing child pornography (acts before RA 11930)',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'syndicate'],
    },
    {
      statute: 'RA 9775',
      section: '4(l)',
      title: 'Possession of child pornography (acts before RA 11930)',
      gravity: 'correctional',
    },
    {
      statute: 'RA 10175',
      section: '4(c)(2)',
      title: 'Child pornography committed through a computer system',
      gravity: 'afflictive',
      qualifying: ['through_ict'],
      refersTo: ['RA 9775', 'RA 11930'],
    },
    {
      statute: 'RA 7610',
      section: '5',
      title: 'Child prostitution and other sexual abuse',
      gravity: 'afflictive',
      qualifying: ['victim_under_12', 'offender_relative', 'offender_in_authority', 'through_ict'],
    },
    {
      statute: 'RA 7610',
      section: '10(a)',
      title: 'Other acts of child abuse, cruelty or exploitation',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'through_ict'],
    },
  ],
};

export function offenceKey(statute: string, section: string): string {
  return `${statute} s. ${section}`;
}

export type CatalogueProblem = { path: string; message: string };

export class CatalogueError extends Error {
  constructor(readonly problems: CatalogueProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'CatalogueError';
  }
}

/** Every statute named anywhere exists; no statute or offence is listed twice. */
export function catalogueProblems(catalogue: Catalogue): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const ids = new Set<string>();
  catalogue.statutes.forEach((statute, i) => {
    if (ids.has(statute.id))
      problems.push({ path: `statutes[${i}].id`, message: `${statute.id} is listed twice.` });
    ids.add(statute.id);
  });
  catalogue.statutes.forEach((statute, i) => {
    for (const ref of [...statute.amendedBy, ...statute.supersedes])
      if (!ids.has(ref))
        problems.push({
          path: `statutes[${i}]`,
          message: `${statute.id} refers to ${ref}, which is not in the catalogue.`,
        });
  });
  const keys = new Set<string>();
  catalogue.offences.forEach((offence, i) => {
    const key = offenceKey(offence.statute, offence.section);
    if (keys.has(key)) problems.push({ path: `offences[${i}]`, message: `${key} is listed twice.` });
    keys.add(key);
    for (const ref of [offence.statute, ...offence.refersTo])
      if (!ids.has(ref))
        problems.push({
          path: `offences[${i}]`,
          message: `${key} refers to ${ref}, which is not in the catalogue.`,
        });
  });
  return problems;
}

/**
 * The catalogue with an extension merged in: the extension (parsed JSON) is checked with zod
 * and for references; a problem names the path and nothing is merged.
 */
export function extendCatalogue(base: Catalogue, extension: unknown): Catalogue {
  const parsed = CatalogueExtension.safeParse(extension);
  if (!parsed.success)
    throw new CatalogueError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  const merged = {
    statutes: [...base.statutes, ...parsed.data.statutes],
    offences: [...base.offences, ...parsed.data.offences],
  };
  const problems = catalogueProblems(merged);
  if (problems.length > 0) throw new CatalogueError(problems);
  return merged;
}

export const STATUTE_CATALOGUE: Catalogue = extendCatalogue({ statutes: [], offences: [] }, BASE);

export function findOffence(catalogue: Catalogue, statute: string, section: string): Offence | undefined {
  return catalogue.offences.find((o) => o.statute === statute && o.section === section);
}

/** Why a charge cannot be filed as given, or null: only the catalogue's offences, with their circumstances. */
export function chargeProblem(
  catalogue: Catalogue,
  charge: { statute: string; section: string; qualifying: readonly string[] },
): CatalogueProblem | null {
  if (!catalogue.statutes.some((s) => s.id === charge.statute))
    return { path: 'statute', message: `${charge.statute} is not in the statute catalogue.` };
  const offence = findOffence(catalogue, charge.statute, charge.section);
  if (!offence)
    return {
      path: 'section',
      message: `${offenceKey(charge.statute, charge.section)} is not in the statute catalogue.`,
    };
  const foreign = charge.qualifying.filter((q) => !(offence.qualifying as readonly string[]).includes(q));
  if (foreign.length > 0)
    return {
      path: 'qualifying',
      message: `${offenceKey(charge.statute, charge.section)} does not admit: ${foreign.join(', ')}.`,
    };
  return null;
}
