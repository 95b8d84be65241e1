/**
 * OSEC financial indicators, after the published typologies (AUSTRAC's "Combating the sexual
 * exploitation of children for financial gain", AMLC's OSEC studies, FINTRAC's operational
 * alert): small, frequent, international payments from many unrelated senders to a Philippine
 * recipient. Every parameter lives here, in one place; every flag says why.
 */
export const INDICATOR_PARAMETERS = {
  /** Many unrelated foreign senders to one recipient. */
  manySenders: { minForeignSenders: 3 },
  /** Frequent small amounts, per currency. */
  smallAmounts: {
    ranges: {
      PHP: [1_000, 3_000],
      AUD: [10, 100],
      USD: [10, 70],
      GBP: [8, 55],
      EUR: [8, 60],
      CAD: [15, 90],
    } as Record<string, readonly [number, number]>,
    minCount: 5,
  },
  /** Senders from the usual source countries of OSEC customers. */
  sourceCountries: {
    countries: ['AU', 'US', 'GB', 'CA', 'SE', 'NO', 'DK', 'DE', 'NL', 'FI', 'NZ', 'IE'],
    minCount: 2,
  },
  /** Purposes that recur in OSEC payments. */
  purposes: {
    words: [
      'school fees',
      'school',
      'tuition',
      'gift',
      'uniform',
      'medical bills',
      'medicine',
      'hospital',
      'allowance',
      'load',
      'birthday',
    ],
    minCount: 2,
  },
  /** Rising frequency or amount: the last window against the one before it. */
  rising: { windowDays: 30, minFactor: 2, minRecent: 3 },
} as const;

export const INDICATORS = [
  'many_senders',
  'small_amounts',
  'source_countries',
  'purposes',
  'rising',
  'linked_identifier',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type RecipientTransaction = {
  at: Date;
  amount: number;
  currency: string;
  senderKey: string;
  senderCountry: string | null;
  purpose: string | null;
};

export type RecipientFacts = {
  transactions: readonly RecipientTransaction[];
  /** Reports that carry the recipient's account (or a sender's) as an identifier. */
  linkedReports: number;
  /** When "now" is, for the rising rule. */
  now: Date;
};

/** A flag and its reason in numbers; the screen words it in the user's language. */
export type IndicatorFlag = { indicator: Indicator; facts: Record<string, string | number> };

const DAY = 86_400_000;

/** Every indicator that fires for one recipient, with the facts that made it fire. */
export function evaluateRecipient(facts: RecipientFacts, parameters = INDICATOR_PARAMETERS): IndicatorFlag[] {
  const flags: IndicatorFlag[] = [];
  const { transactions } = facts;

  const foreign = new Set(
    transactions.filter((t) => t.senderCountry && t.senderCountry !== 'PH').map((t) => t.senderKey),
  );
  if (foreign.size >= parameters.manySenders.minForeignSenders)
    flags.push({
      indicator: 'many_senders',
      facts: { senders: foreign.size, min: parameters.manySenders.minForeignSenders },
    });

  const small = transactions.filter((t) => {
    const range = parameters.smallAmounts.ranges[t.currency];
    return range !== undefined && t.amount >= range[0] && t.amount <= range[1];
  });
  if (small.length >= parameters.smallAmounts.minCount) {
    const currency = small[0]?.currency ?? '';
    const [low, high] = parameters.smallAmounts.ranges[currency] ?? [0, 0];
    flags.push({ indicator: 'small_amounts', facts: { count: small.length, currency, low, high } });
  }

  const fromSources = transactions.filter(
    (t) =>
      t.senderCountry !== null &&
      (parameters.sourceCountries.countries as readonly string[]).includes(t.senderCountry),
  );
  if (fromSources.length >= parameters.sourceCountries.minCount)
    flags.push({
      indicator: 'source_countries',
      facts: {
        count: fromSources.length,
        countries: [...new Set(fromSources.map((t) => t.senderCountry))].join(', '),
      },
    });

  const purposeWords = parameters.purposes.words as readonly string[];
  const purposeHits = transactions.filter((t) => {
    const purpose = t.purpose?.toLowerCase() ?? '';
    return purposeWords.some((word) => purpose.includes(word));
  });
  if (purposeHits.length >= parameters.purposes.minCount)
    flags.push({
      indicator: 'purposes',
      facts: {
        count: purposeHits.length,
        examples: [...new Set(purposeHits.map((t) => t.purpose ?? ''))].slice(0, 3).join(', '),
      },
    });

  const window = parameters.rising.windowDays * DAY;
  const recent = transactions.filter((t) => facts.now.getTime() - t.at.getTime() <= window);
  const before = transactions.filter((t) => {
    const age = facts.now.getTime() - t.at.getTime();
    return age > window && age <= 2 * window;
  });
  const sum = (list: readonly RecipientTransaction[]) => list.reduce((total, t) => total + t.amount, 0);
  const risingCount =
    recent.length >= parameters.rising.minRecent &&
    recent.length >= parameters.rising.minFactor * Math.max(1, before.length);
  const risingAmount =
    recent.length >= parameters.rising.minRecent &&
    before.length > 0 &&
    sum(recent) >= parameters.rising.minFactor * sum(before);
  if (risingCount || risingAmount)
    flags.push({
      indicator: 'rising',
      facts: { recent: recent.length, before: before.length, days: parameters.rising.windowDays },
    });

  if (facts.linkedReports > 0)
    flags.push({ indicator: 'linked_identifier', facts: { reports: facts.linkedReports } });
  return flags;
}
