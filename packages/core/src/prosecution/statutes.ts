import { z } from 'zod';

/**
 * The statute catalogue: the laws and sections a prosecutor may charge, as data. Only what is
 * listed here can be charged; an office extends it with `extendCatalogue` (a JSON object
 * checked by zod), never with code. Titles are short descriptions, not the text of the law.
 * Each entry says where it was checked (`source`) and whether it was (`verified`).
 */

/** Gravity of the penalty, as the Revised Penal Code classes it; it sets the inquest clock. */
export const GRAVITIES = ['afflictive', 'correctional', 'light'] as const;
export type Gravity = (typeof GRAVITIES)[number];

/** Circumstances that qualify or aggravate an offence, as the catalogue's statutes name them. */
export const QUALIFYING_CIRCUMSTANCES = [
  /** The child was under twelve (RA 7610 s. 5(b): prosecuted as rape or lascivious conduct). */
  'victim_under_12',
  /** The victim was a child (under eighteen): RA 9208 s. 6(a). */
  'victim_child',
  /** The offender is an ascendant, parent, sibling, guardian or relative of the child: RA 9208 s. 6(d). */
  'offender_relative',
  /** The offender had custody, care or authority over the child: RA 9208 s. 6(d). */
  'offender_in_authority',
  /** Committed by a syndicate (three or more persons conspiring): RA 9208 s. 6(c), RA 11930 s. 6. */
  'syndicate',
  /** Committed in large scale (against three or more persons): RA 9208 s. 6(c), RA 11930 s. 6. */
  'large_scale',
  /** The offender is a public officer or employee: RA 9208 s. 6(d). */
  'public_officer',
  /** The offender is a member of the military or of a law enforcement agency: RA 9208 s. 6(f). */
  'offender_law_enforcement',
  /** Committed through a computer system (RA 10175 section 6: one degree higher). */
  'through_ict',
  /** The victim died, became insane, suffered mutilation or was infected with HIV: RA 9208 s. 6(g). */
  'serious_harm',
  /** Committed during a crisis, disaster or public health emergency: RA 9208 s. 6 as amended by RA 11862. */
  'during_crisis',
] as const;
export type QualifyingCircumstance = (typeof QUALIFYING_CIRCUMSTANCES)[number];

const StatuteId = z.string().regex(/^RA \d{3,5}$/, 'Name a statute as "RA 11930".');

/**
 * Where an entry was checked. `verified: false` marks what could not be checked against a
 * published text (kept, because it is believed right, but to be checked before relying on it).
 */
const Provenance = {
  /** Section and title checked against a published text (the source names it and any part left unchecked). */
  verified: z.boolean().default(false),
  /** Where the entry was checked, or what remains to be checked. */
  source: z.string().trim().max(400).optional(),
};

export const Statute = z.object({
  /** "RA 11930". */
  id: StatuteId,
  /** Short title. */
  title: z.string().trim().min(1).max(200),
  /** Year of approval. */
  year: z.number().int().min(1900).max(2100),
  /** Later acts that amend it (each must be in the catalogue). */
  amendedBy: z.array(StatuteId).default([]),
  /** Acts it repeals or replaces for acts committed after it took effect. */
  supersedes: z.array(StatuteId).default([]),
  ...Provenance,
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
  ...Provenance,
});
export type Offence = z.infer<typeof Offence>;

export const CatalogueExtension = z.object({
  statutes: z.array(Statute).default([]),
  offences: z.array(Offence).default([]),
});
export type CatalogueExtension = z.input<typeof CatalogueExtension>;

export type Catalogue = { statutes: readonly Statute[]; offences: readonly Offence[] };

/** RA 11930 s. 6: a violation by three or more persons conspiring, or against three or more persons. */
const OSAEC_QUALIFIERS: QualifyingCircumstance[] = [
  'victim_under_12',
  'offender_relative',
  'offender_in_authority',
  'syndicate',
  'large_scale',
  'public_officer',
];

/** RA 9208 s. 6 (qualified trafficking), as amended by RA 10364 and RA 11862. */
const TRAFFICKING_QUALIFIERS: QualifyingCircumstance[] = [
  'victim_child',
  'syndicate',
  'large_scale',
  'offender_relative',
  'offender_in_authority',
  'public_officer',
  'offender_law_enforcement',
  'serious_harm',
  'during_crisis',
];

// Where each entry was checked (public copies of the acts and of summaries of them).
const SOURCE = {
  osaecText:
    'RA 11930 (lapsed into law 30 July 2022; repeals RA 9775): Sec. 4(a)–(d) as in the ratified bicameral text (newsbytes.ph, 23 May 2022); Secs. 5–6 per digest.ph and jur.ph summaries of the act.',
  osaecUnchecked:
    'RA 11930 Sec. 4 letters after (d) were not found in a published text here; the letter of this act is unverified.',
  trafficking:
    'RA 9208 as amended by RA 10364: Secs. 4, 4-A, 4-B, 4-C, 5, 6 (scribd.com RA 10364 report; "Sec 6 of RA 9208 as amended by RA 10364" (a)–(i)); RA 11862 (23 June 2022) adds the crisis circumstance (iacat.gov.ph).',
  childPornography:
    'RA 9775 Sec. 4(a)–(f) (attorney.org.ph, legalresource.ph), (h) grooming and (i) pandering (RA 9775 slides); repealed by RA 11930.',
  cybercrime:
    'RA 10175 Sec. 4(c)(2) child pornography through a computer system, penalty one degree higher than RA 9775; Sec. 6 one degree higher for crimes committed through ICT (text quoted on istorya.net; respicio.ph).',
  childAbuse:
    'RA 7610 Sec. 5 child prostitution and other sexual abuse (Quimvel v. People, G.R. 214497, 2017); Sec. 10(a), prision mayor minimum (San Juan v. People, G.R. 236628, 2023).',
};

const BASE: CatalogueExtension = {
  statutes: [
    {
      id: 'RA 11930',
      title: 'Anti-Online Sexual Abuse or Exploitation of Children (OSAEC) and Anti-CSAEM Act',
      year: 2022,
      supersedes: ['RA 9775'],
      verified: true,
      source: SOURCE.osaecText,
    },
    {
      id: 'RA 9208',
      title: 'Anti-Trafficking in Persons Act of 2003',
      year: 2003,
      amendedBy: ['RA 10364', 'RA 11862'],
      verified: true,
      source: SOURCE.trafficking,
    },
    // Its short title says 2012; it was approved in 2013.
    {
      id: 'RA 10364',
      title: 'Expanded Anti-Trafficking in Persons Act of 2012',
      year: 2013,
      verified: true,
      source: 'jur.ph: RA 10364, dated 28 January 2013.',
    },
    {
      id: 'RA 11862',
      title: 'Expanded Anti-Trafficking in Persons Act of 2022',
      year: 2022,
      verified: true,
      source: 'digest.ph: RA 11862, 23 June 2022.',
    },
    // Repealed by RA 11930 (which supersedes it); still charged for acts before RA 11930.
    {
      id: 'RA 9775',
      title: 'Anti-Child Pornography Act of 2009',
      year: 2009,
      verified: true,
      source: SOURCE.childPornography,
    },
    {
      id: 'RA 10175',
      title: 'Cybercrime Prevention Act of 2012',
      year: 2012,
      verified: true,
      source: SOURCE.cybercrime,
    },
    {
      id: 'RA 7610',
      title: 'Special Protection of Children Against Abuse, Exploitation and Discrimination Act',
      year: 1992,
      verified: true,
      source: SOURCE.childAbuse,
    },
  ],
  offences: [
    {
      statute: 'RA 11930',
      section: '4(a)',
      title: 'Hiring, using, inducing or coercing a child to take part in producing CSAEM',
      gravity: 'afflictive',
      qualifying: OSAEC_QUALIFIERS,
      verified: true,
      source: SOURCE.osaecText,
    },
    {
      statute: 'RA 11930',
      section: '4(b)',
      title: 'Producing, directing, manufacturing, facilitating or creating CSAEM',
      gravity: 'afflictive',
      qualifying: OSAEC_QUALIFIERS,
      verified: true,
      source: SOURCE.osaecText,
    },
    {
      statute: 'RA 11930',
      section: '4(c)',
      title: 'Offering, selling, distributing, advertising, exporting or importing CSAEM',
      gravity: 'afflictive',
      qualifying: OSAEC_QUALIFIERS,
      verified: true,
      source: SOURCE.osaecText,
    },
    {
      statute: 'RA 11930',
      section: '4(d)',
      title: 'Knowingly publishing, transmitting or broadcasting CSAEM',
      gravity: 'afflictive',
      qualifying: OSAEC_QUALIFIERS,
      verified: true,
      source: SOURCE.osaecText,
    },
    {
      statute: 'RA 11930',
      section: '4(i)',
      title: 'Grooming or luring a child for OSAEC',
      gravity: 'afflictive',
      qualifying: OSAEC_QUALIFIERS,
      source: `${SOURCE.osaecUnchecked} Grooming is an unlawful act under Sec. 4 (defined in Sec. 3, jur.ph).`,
    },
    {
      statute: 'RA 11930',
      section: '4(l)',
      title: 'Knowing possession of CSAEM',
      gravity: 'correctional',
      qualifying: ['victim_under_12'],
      source: `${SOURCE.osaecUnchecked} Possession is an unlawful act under the act's title; its gravity (Sec. 14?) is unverified too.`,
    },
    {
      statute: 'RA 9208',
      section: '4',
      title: 'Trafficking in persons (as amended)',
      gravity: 'afflictive',
      qualifying: [...TRAFFICKING_QUALIFIERS, 'through_ict'],
      refersTo: ['RA 10364', 'RA 11862'],
      verified: true,
      source: SOURCE.trafficking,
    },
    {
      statute: 'RA 9208',
      section: '4-A',
      title: 'Attempted trafficking in persons',
      gravity: 'afflictive',
      qualifying: ['victim_child'],
      refersTo: ['RA 10364'],
      verified: true,
      source: SOURCE.trafficking,
    },
    {
      statute: 'RA 9208',
      section: '4-B',
      title: 'Accomplice in trafficking in persons',
      gravity: 'afflictive',
      refersTo: ['RA 10364'],
      verified: true,
      source: SOURCE.trafficking,
    },
    {
      statute: 'RA 9208',
      section: '4-C',
      title: 'Accessory to trafficking in persons',
      gravity: 'afflictive',
      refersTo: ['RA 10364'],
      verified: true,
      source: `${SOURCE.trafficking} The gravity of the accessory's penalty (Sec. 10) is unverified.`,
    },
    {
      statute: 'RA 9208',
      section: '5',
      title: 'Acts that promote trafficking in persons',
      gravity: 'afflictive',
      qualifying: ['through_ict'],
      verified: true,
      source: SOURCE.trafficking,
    },
    {
      statute: 'RA 9208',
      section: '6',
      title: 'Qualified trafficking in persons',
      gravity: 'afflictive',
      qualifying: TRAFFICKING_QUALIFIERS,
      refersTo: ['RA 10364', 'RA 11862'],
      verified: true,
      source: SOURCE.trafficking,
    },
    {
      statute: 'RA 9775',
      section: '4(a)',
      title: 'Using or inducing a child to perform in child pornography (acts before RA 11930)',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'syndicate'],
      verified: true,
      source: `${SOURCE.childPornography} The qualifiers (RA 9775 Secs. 5 and 15) are unverified.`,
    },
    {
      statute: 'RA 9775',
      section: '4(b)',
      title: 'Producing child pornography (acts before RA 11930)',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'syndicate'],
      verified: true,
      source: `${SOURCE.childPornography} The qualifiers (RA 9775 Secs. 5 and 15) are unverified.`,
    },
    {
      statute: 'RA 9775',
      section: '4(h)',
      title: 'Luring or grooming a child (acts before RA 11930)',
      gravity: 'afflictive',
      verified: true,
      source: `${SOURCE.childPornography} The gravity of its penalty (Sec. 15) is unverified.`,
    },
    {
      statute: 'RA 9775',
      section: '4(l)',
      title: 'Possession of child pornography (acts before RA 11930)',
      gravity: 'correctional',
      source: `${SOURCE.childPornography} The letter (l) for possession was not found in a published text here.`,
    },
    {
      statute: 'RA 10175',
      section: '4(c)(2)',
      title: 'Child pornography committed through a computer system (one degree higher)',
      gravity: 'afflictive',
      qualifying: ['through_ict'],
      refersTo: ['RA 9775', 'RA 11930'],
      verified: true,
      source: SOURCE.cybercrime,
    },
    {
      statute: 'RA 7610',
      section: '5',
      title: 'Child prostitution and other sexual abuse',
      gravity: 'afflictive',
      qualifying: ['victim_under_12', 'offender_relative', 'offender_in_authority', 'through_ict'],
      verified: true,
      source: `${SOURCE.childAbuse} The relative and authority qualifiers (Sec. 31) are unverified.`,
    },
    {
      statute: 'RA 7610',
      section: '10(a)',
      title: 'Other acts of child abuse, cruelty or exploitation prejudicial to the child’s development',
      gravity: 'afflictive',
      qualifying: ['offender_relative', 'through_ict'],
      verified: true,
      source: `${SOURCE.childAbuse} The relative qualifier (Sec. 31) is unverified.`,
    },
  ],
};

/** The catalogue's entries not checked against a published text, for a reviewer. */
export function unverifiedEntries(catalogue: Catalogue): string[] {
  return [
    ...catalogue.statutes.filter((s) => !s.verified).map((s) => s.id),
    ...catalogue.offences.filter((o) => !o.verified).map((o) => offenceKey(o.statute, o.section)),
  ];
}

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
