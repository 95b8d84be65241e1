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

/**
 * What the rules need to know of one recipient's transactions: counted here over a list, or
 * by the database over a whole case (the server's set-based evaluation gives the same facts).
 */
export type RecipientAggregate = {
  /** Distinct senders from abroad (a country other than PH). */
  foreignSenders: number;
  /** Transactions in the small range of their currency; the currency of the earliest of them. */
  small: { count: number; currency: string | null };
  /** Transactions from the source countries; those countries, earliest first. */
  sources: { count: number; countries: string[] };
  /** Transactions whose purpose has one of the words; up to three of those purposes, earliest first. */
  purposes: { count: number; examples: string[] };
  /** Transactions (and their sum) in the last window, and in the window before it. */
  recent: { count: number; sum: number };
  before: { count: number; sum: number };
  linkedReports: number;
};

const inSmallRange = (parameters: typeof INDICATOR_PARAMETERS, currency: string, amount: number) => {
  const range = parameters.smallAmounts.ranges[currency];
  return range !== undefined && amount >= range[0] && amount <= range[1];
};

/** Whether a purpose has one of the words, as the database's LIKE ANY also says. */
export function purposeMatches(purpose: string | null, parameters = INDICATOR_PARAMETERS): boolean {
  const text = purpose?.toLowerCase() ?? '';
  return (parameters.purposes.words as readonly string[]).some((word) => text.includes(word));
}

const firstDistinct = <T>(values: Iterable<T>, limit = Infinity): T[] => [...new Set(values)].slice(0, limit);

/** The facts of one recipient from its transactions, earliest first. */
export function aggregateRecipient(
  facts: RecipientFacts,
  parameters = INDICATOR_PARAMETERS,
): RecipientAggregate {
  const { transactions } = facts;
  const foreign = new Set(
    transactions.filter((t) => t.senderCountry && t.senderCountry !== 'PH').map((t) => t.senderKey),
  );
  const small = transactions.filter((t) => inSmallRange(parameters, t.currency, t.amount));
  const sourceList = parameters.sourceCountries.countries as readonly string[];
  const fromSources = transactions.filter(
    (t) => t.senderCountry !== null && sourceList.includes(t.senderCountry),
  );
  const purposeHits = transactions.filter((t) => purposeMatches(t.purpose, parameters));
  const window = parameters.rising.windowDays * DAY;
  const age = (t: RecipientTransaction) => facts.now.getTime() - t.at.getTime();
  const recent = transactions.filter((t) => age(t) <= window);
  const before = transactions.filter((t) => age(t) > window && age(t) <= 2 * window);
  const sum = (list: readonly RecipientTransaction[]) => list.reduce((total, t) => total + t.amount, 0);
  return {
    foreignSenders: foreign.size,
    small: { count: small.length, currency: small[0]?.currency ?? null },
    sources: {
      count: fromSources.length,
      countries: firstDistinct(fromSources.map((t) => t.senderCountry ?? '')),
    },
    purposes: {
      count: purposeHits.length,
      examples: firstDistinct(
        purposeHits.map((t) => t.purpose ?? ''),
        3,
      ),
    },
    recent: { count: recent.length, sum: sum(recent) },
    before: { count: before.length, sum: sum(before) },
    linkedReports: facts.linkedReports,
  };
}

/** Every indicator that fires on a recipient's facts, with the facts that made it fire. */
export function flagsOf(facts: RecipientAggregate, parameters = INDICATOR_PARAMETERS): IndicatorFlag[] {
  const flags: IndicatorFlag[] = [];
  if (facts.foreignSenders >= parameters.manySenders.minForeignSenders)
    flags.push({
      indicator: 'many_senders',
      facts: { senders: facts.foreignSenders, min: parameters.manySenders.minForeignSenders },
    });

  if (facts.small.count >= parameters.smallAmounts.minCount) {
    const currency = facts.small.currency ?? '';
    const [low, high] = parameters.smallAmounts.ranges[currency] ?? [0, 0];
    flags.push({ indicator: 'small_amounts', facts: { count: facts.small.count, currency, low, high } });
  }

  if (facts.sources.count >= parameters.sourceCountries.minCount)
    flags.push({
      indicator: 'source_countries',
      facts: { count: facts.sources.count, countries: facts.sources.countries.join(', ') },
    });

  if (facts.purposes.count >= parameters.purposes.minCount)
    flags.push({
      indicator: 'purposes',
      facts: { count: facts.purposes.count, examples: facts.purposes.examples.join(', ') },
    });

  const { recent, before } = facts;
  const risingCount =
    recent.count >= parameters.rising.minRecent &&
    recent.count >= parameters.rising.minFactor * Math.max(1, before.count);
  const risingAmount =
    recent.count >= parameters.rising.minRecent &&
    before.count > 0 &&
    recent.sum >= parameters.rising.minFactor * before.sum;
  if (risingCount || risingAmount)
    flags.push({
      indicator: 'rising',
      facts: { recent: recent.count, before: before.count, days: parameters.rising.windowDays },
    });

  if (facts.linkedReports > 0)
    flags.push({ indicator: 'linked_identifier', facts: { reports: facts.linkedReports } });
  return flags;
}

/** Every indicator that fires for one recipient, with the facts that made it fire. */
export function evaluateRecipient(facts: RecipientFacts, parameters = INDICATOR_PARAMETERS): IndicatorFlag[] {
  return flagsOf(aggregateRecipient(facts, parameters), parameters);
}
