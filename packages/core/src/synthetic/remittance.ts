import type { GoamlRecipient } from './goaml';
import { OSEC_PURPOSES, SENDER_FIRST, SENDER_LAST, SOURCE_COUNTRIES } from './goaml';
import { Random, seedHash, type Seed } from './random';

const HEADER =
  'Reference,Date,Amount,Currency,Sender Name,Sender Country,Recipient Name,Recipient Account,Recipient Institution,Recipient Country,Purpose,Branch';

const quoted = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A remittance company's CSV export (the format `parseRemittanceCsv` documents): small,
 * frequent transfers from foreign senders to one Philippine recipient, made up here. Columns
 * in the company's own order, with a column the import does not use (Branch).
 */
export function remittanceCsv(options: {
  seed: Seed;
  recipient: GoamlRecipient;
  count: number;
  end: Date;
  prefix?: string;
}): string {
  const random = new Random(seedHash(options.seed));
  const prefix = options.prefix ?? 'RC';
  const day = 86_400_000;
  const lines = [HEADER];
  const to = options.recipient;
  for (let i = 0; i < options.count; i += 1) {
    const age = Math.floor(((options.count - i) / options.count) ** 2 * 80 * day);
    const at = new Date(options.end.getTime() - age + 8 * 3_600_000).toISOString().slice(0, 19);
    const sender = `${random.pick(SENDER_LAST)} ${i % 4}, ${random.pick(SENDER_FIRST)}`;
    lines.push(
      [
        `${prefix}-${i + 1}`,
        at,
        `${random.int(10, 90)}.00`,
        'AUD',
        sender,
        random.pick(SOURCE_COUNTRIES),
        `${to.firstName} ${to.lastName}`,
        to.account,
        to.institution,
        'PH',
        random.pick(OSEC_PURPOSES),
        'Online',
      ]
        .map(quoted)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
