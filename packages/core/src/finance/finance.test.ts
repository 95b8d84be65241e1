import { describe, expect, it } from 'vitest';
import { goamlReport } from '../synthetic/goaml';
import { parseGoaml, type FinanceItem } from './goaml';
import { evaluateRecipient, type RecipientTransaction } from './indicators';

const END = new Date('2026-11-20T00:00:00Z');
const FLAGGED = { firstName: 'Rosa', lastName: 'Example', account: '09171234567', institution: 'GCash' };
const ORDINARY = { firstName: 'Ana', lastName: 'Sample', account: '1234-5678-90', institution: 'Demo Bank' };

async function items(xml: string): Promise<FinanceItem[]> {
  const out: FinanceItem[] = [];
  for await (const item of parseGoaml([xml])) out.push(item);
  return out;
}

describe('goAML 5.x', () => {
  it('reads every transaction: number, time, amount, sender, recipient, purpose', async () => {
    const parsed = await items(
      goamlReport({ seed: 1, flagged: FLAGGED, ordinary: ORDINARY, end: END, flaggedCount: 6 }),
    );
    expect(parsed).toHaveLength(10);
    const [first] = parsed;
    expect(first).toMatchObject({
      kind: 'transaction',
      transaction: {
        reference: 'TX-F-1',
        currency: 'PHP',
        recipient: { name: 'Rosa Example', account: '09171234567', institution: 'GCash', country: 'PH' },
        sender: { country: expect.stringMatching(/^[A-Z]{2}$/) as string },
      },
    });
  });

  it('quarantines a transaction without an amount, naming the element, and goes on', async () => {
    const xml = goamlReport({
      seed: 2,
      flagged: FLAGGED,
      ordinary: ORDINARY,
      end: END,
      flaggedCount: 3,
    }).replace(/<amount_local>[^<]*<\/amount_local>/, '<amount_local>lots</amount_local>');
    const parsed = await items(xml);
    expect(parsed[0]).toMatchObject({
      kind: 'problem',
      location: '/report/transaction[1]',
      message: expect.stringMatching(/amount_local/) as string,
    });
    expect(parsed.filter((i) => i.kind === 'transaction')).toHaveLength(6);
  });

  it('refuses a DOCTYPE as intake does', async () => {
    const parsed = await items(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><report><transaction/></report>',
    );
    expect(parsed.at(-1)).toMatchObject({ kind: 'problem' });
  });
});

const tx = (
  days: number,
  amount: number,
  senderKey: string,
  senderCountry: string,
  purpose: string,
  currency = 'PHP',
): RecipientTransaction => ({
  at: new Date(END.getTime() - days * 86_400_000),
  amount,
  currency,
  senderKey,
  senderCountry,
  purpose,
});

describe('OSEC indicators', () => {
  it('flags the typology and says why', () => {
    const flags = evaluateRecipient({
      transactions: [
        tx(1, 1500, 'a', 'AU', 'school fees'),
        tx(2, 2000, 'b', 'US', 'gift'),
        tx(3, 1200, 'c', 'GB', 'uniform'),
        tx(5, 2500, 'd', 'CA', 'load'),
        tx(8, 1800, 'e', 'SE', 'allowance'),
        tx(45, 1000, 'a', 'AU', 'gift'),
      ],
      linkedReports: 2,
      now: END,
    });
    expect(Object.fromEntries(flags.map((f) => [f.indicator, f.facts]))).toEqual({
      many_senders: { senders: 5, min: 3 },
      small_amounts: { count: 6, currency: 'PHP', low: 1000, high: 3000 },
      source_countries: { count: 6, countries: 'AU, US, GB, CA, SE' },
      purposes: { count: 6, examples: 'school fees, gift, uniform' },
      rising: { recent: 5, before: 1, days: 30 },
      linked_identifier: { reports: 2 },
    });
  });

  it('leaves an ordinary family remittance alone', () => {
    const flags = evaluateRecipient({
      transactions: [
        tx(3, 20_000, 'mother', 'AE', 'family support'),
        tx(33, 18_000, 'mother', 'AE', 'house rent'),
        tx(63, 21_000, 'mother', 'AE', 'savings'),
      ],
      linkedReports: 0,
      now: END,
    });
    expect(flags).toEqual([]);
  });

  it('reads small amounts in the sender’s currency (AUD 10–100)', () => {
    const flags = evaluateRecipient({
      transactions: [1, 2, 3, 4, 5].map((d) => tx(d * 20, 50, `s${d}`, 'PH', 'x', 'AUD')),
      linkedReports: 0,
      now: END,
    });
    expect(flags.map((f) => f.indicator)).toEqual(['small_amounts']);
  });
});
