import { Random, seedHash, type Seed } from './random';

/**
 * Synthetic goAML 5.x reports of remittances into the Philippines: an OSEC-like recipient who
 * receives small, frequent amounts from many foreign senders with "school fees"-type purposes,
 * beside ordinary family remittances. Every name and account is made up here.
 */
export type GoamlRecipient = { firstName: string; lastName: string; account: string; institution: string };

export const SENDER_FIRST = [
  'Alex',
  'Sam',
  'Chris',
  'Robin',
  'Jamie',
  'Kim',
  'Pat',
  'Lee',
  'Max',
  'Dana',
  'Jo',
  'Terry',
];
export const SENDER_LAST = [
  'Example',
  'Sample',
  'Testington',
  'Placeholder',
  'Fictional',
  'Madeup',
  'Synthetic',
  'Notreal',
];
export const SOURCE_COUNTRIES = ['AU', 'US', 'GB', 'CA', 'SE', 'NO'];
export const OSEC_PURPOSES = ['school fees', 'gift', 'uniform', 'medical bills', 'allowance'];
export const FAMILY_PURPOSES = ['family support', 'house rent', 'savings'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const sqlDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);

function transaction(
  number: string,
  at: Date,
  amount: number,
  purpose: string,
  sender: { first: string; last: string; country: string },
  to: GoamlRecipient,
): string {
  return `  <transaction>
    <transactionnumber>${escape(number)}</transactionnumber>
    <transaction_location>Online</transaction_location>
    <transaction_description>${escape(purpose)}</transaction_description>
    <date_transaction>${sqlDate(at)}</date_transaction>
    <transmode_code>K</transmode_code>
    <amount_local>${amount.toFixed(2)}</amount_local>
    <t_from>
      <from_funds_code>K</from_funds_code>
      <from_person><first_name>${escape(sender.first)}</first_name><last_name>${escape(sender.last)}</last_name></from_person>
      <from_country>${sender.country}</from_country>
    </t_from>
    <t_to_my_client>
      <to_funds_code>K</to_funds_code>
      <to_account>
        <institution_name>${escape(to.institution)}</institution_name>
        <swift>DEMOPHMM</swift>
        <account>${escape(to.account)}</account>
        <account_name>${escape(`${to.firstName} ${to.lastName}`)}</account_name>
      </to_account>
      <to_country>PH</to_country>
    </t_to_my_client>
  </transaction>
`;
}

export type GoamlOptions = {
  seed: Seed;
  /** The recipient whose pattern matches the OSEC typologies. */
  flagged: GoamlRecipient;
  /** An ordinary family recipient, for contrast. */
  ordinary: GoamlRecipient;
  /** Transactions to the flagged recipient. */
  flaggedCount?: number;
  end: Date;
  /** Prefix of the transaction numbers, so two files do not collide. */
  prefix?: string;
};

/** One goAML `<report>` (STR) with its transactions, as an AMLC-covered remittance company would file it. */
export function goamlReport(options: GoamlOptions): string {
  const random = new Random(seedHash(options.seed));
  const prefix = options.prefix ?? 'TX';
  const parts: string[] = [];
  const count = options.flaggedCount ?? 12;
  const day = 86_400_000;
  for (let i = 0; i < count; i += 1) {
    // Denser towards the end: the frequency rises.
    const age = Math.floor(((count - i) / count) ** 2 * 80 * day);
    const sender = {
      first: random.pick(SENDER_FIRST),
      last: `${random.pick(SENDER_LAST)} ${i % 5}`,
      country: random.pick(SOURCE_COUNTRIES),
    };
    parts.push(
      transaction(
        `${prefix}-F-${i + 1}`,
        new Date(options.end.getTime() - age),
        random.int(1_000, 3_000),
        random.pick(OSEC_PURPOSES),
        sender,
        options.flagged,
      ),
    );
  }
  for (let i = 0; i < 4; i += 1) {
    const sender = { first: 'Maria', last: 'Familyname Example', country: 'AE' };
    parts.push(
      transaction(
        `${prefix}-O-${i + 1}`,
        new Date(options.end.getTime() - (i * 30 + 3) * day),
        random.int(15_000, 25_000),
        random.pick(FAMILY_PURPOSES),
        sender,
        options.ordinary,
      ),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <rentity_id>1234</rentity_id>
  <submission_code>E</submission_code>
  <report_code>STR</report_code>
  <entity_reference>${escape(prefix)}</entity_reference>
  <submission_date>${sqlDate(options.end)}</submission_date>
  <currency_code_local>PHP</currency_code_local>
  <reporting_user_code>DEMO</reporting_user_code>
  <location><address_type>B</address_type><address>Demo branch</address><city>Manila</city><country_code>PH</country_code></location>
  <reason>Many small remittances from unrelated foreign senders</reason>
${parts.join('')}  <report_indicators><indicator>OSEC</indicator></report_indicators>
</report>
`;
}

/**
 * A large goAML document for benchmarks, in chunks: `count` transactions to `recipients`
 * recipients from a pool of foreign senders, streamed so that memory stays flat.
 */
export function* goamlBulk(options: {
  seed: Seed;
  count: number;
  recipients: number;
  end: Date;
}): Generator<string> {
  const random = new Random(seedHash(options.seed));
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<report>\n  <rentity_id>1234</rentity_id>\n  <currency_code_local>PHP</currency_code_local>\n`;
  let chunk = '';
  for (let i = 0; i < options.count; i += 1) {
    const r = random.int(0, options.recipients - 1);
    const to: GoamlRecipient = {
      firstName: 'Bulk',
      lastName: `Recipient ${r}`,
      account: `0917${String(r).padStart(7, '0')}`,
      institution: 'GCash',
    };
    const sender = {
      first: random.pick(SENDER_FIRST),
      last: `${random.pick(SENDER_LAST)} ${random.int(0, 5000)}`,
      country: random.pick(SOURCE_COUNTRIES),
    };
    const at = new Date(options.end.getTime() - random.int(0, 365) * 86_400_000);
    const purpose = random.chance(0.5) ? random.pick(OSEC_PURPOSES) : random.pick(FAMILY_PURPOSES);
    chunk += transaction(`BULK-${i + 1}`, at, random.int(500, 20_000), purpose, sender, to);
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</report>\n`;
}
