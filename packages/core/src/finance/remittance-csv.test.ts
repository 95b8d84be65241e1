import { describe, expect, it } from 'vitest';
import { remittanceCsv } from '../synthetic/remittance';
import type { FinanceItem } from './goaml';
import { MAX_RECORD_CHARS, parseRemittanceCsv } from './remittance-csv';

async function read(input: string | Uint8Array | (string | Uint8Array)[]): Promise<FinanceItem[]> {
  const items: FinanceItem[] = [];
  for await (const item of parseRemittanceCsv(Array.isArray(input) ? input : [input])) items.push(item);
  return items;
}

const transactions = (items: FinanceItem[]) =>
  items.flatMap((item) => (item.kind === 'transaction' ? [item.transaction] : []));
const problems = (items: FinanceItem[]) => items.filter((item) => item.kind === 'problem');

const HEADER =
  'reference,date,amount,currency,sender_name,sender_country,recipient_name,recipient_account,purpose';

describe('remittance CSV', () => {
  it('reads the synthetic export: BOM, its own column order and names, an extra column, quoted names', async () => {
    const csv = remittanceCsv({
      seed: 'csv',
      recipient: { firstName: 'Rosa', lastName: 'Example', account: '09171234567', institution: 'GCash' },
      count: 8,
      end: new Date('2026-03-01T00:00:00Z'),
    });
    const items = await read(Buffer.from(csv, 'utf8'));
    expect(problems(items)).toEqual([]);
    const list = transactions(items);
    expect(list).toHaveLength(8);
    expect(list[0]).toMatchObject({
      reference: 'RC-1',
      currency: 'AUD',
      recipient: { name: 'Rosa Example', account: '09171234567', institution: 'GCash', country: 'PH' },
    });
    expect(list[0]!.sender.name).toMatch(/, /);
  });

  it('maps dates in Manila time unless zoned, amounts with thousands commas, codes in upper case', async () => {
    const items = await read(
      [
        HEADER,
        'A-1,2025-03-01,"1,500.50",php,"Example, Sam",au,Rosa Example,0917,"school fees, March"',
        'A-2,2025-03-01T06:30:00Z,20,aud,,,,0917,',
        'A-3,2025-03-01T14:30:00+10:00,20,AUD,Sam,AU,Rosa,,gift',
      ].join('\n'),
    );
    expect(problems(items).map((p) => p.location)).toEqual(['line 3, sender_name']);
    const [first, third] = transactions(items);
    expect(first).toMatchObject({
      reference: 'A-1',
      at: new Date('2025-02-28T16:00:00Z'),
      amount: 1500.5,
      currency: 'PHP',
      sender: { name: 'Example, Sam', country: 'AU', account: null },
      purpose: 'school fees, March',
    });
    expect(third?.at).toEqual(new Date('2025-03-01T04:30:00Z'));
  });

  it('quarantines a malformed row naming its line and columns, and reads the rest', async () => {
    const items = await read(
      [
        HEADER,
        'B-1,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift',
        '',
        'B-2,yesterday,-5,PESO,Sam,Australia,Rosa,0917,gift',
        ',2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift',
        'B-4,2025-02-30,100,PHP,Sam,AU,Rosa,0917,gift',
        'B-5,2025-03-02,200,PHP,Sam,AU,Rosa,0917,gift',
      ].join('\r\n'),
    );
    expect(transactions(items).map((t) => t.reference)).toEqual(['B-1', 'B-5']);
    const bad = problems(items);
    expect(bad.map((p) => p.location)).toEqual(['line 4, date', 'line 5, reference', 'line 6, date']);
    expect(bad[0]?.message).toMatch(/date: .*amount: .*currency: .*sender_country: /);
    expect(bad[0]?.raw).toBe('B-2,yesterday,-5,PESO,Sam,Australia,Rosa,0917,gift');
    expect(bad[1]?.message).toBe('reference: required');
  });

  it('names a missing required column and reads nothing', async () => {
    const items = await read(
      'reference,date,currency,sender_name,recipient_name\nC-1,2025-03-01,PHP,Sam,Rosa\n',
    );
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'problem',
        location: 'line 1, amount',
        message: expect.stringMatching(/amount/) as string,
      }),
    ]);
    expect(await read('')).toEqual([expect.objectContaining({ location: 'line 1' })]);
  });

  it('refuses a row that is not UTF-8 (Latin-1 bytes), and reads the rows around it', async () => {
    const latin1 = Buffer.from('D-2,2025-03-01,100,PHP,Jos\xe9,AU,Rosa,0917,gift\n', 'latin1');
    const items = await read([
      Buffer.from(`${HEADER}\nD-1,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\n`),
      latin1,
      Buffer.from('D-3,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\n'),
    ]);
    expect(transactions(items).map((t) => t.reference)).toEqual(['D-1', 'D-3']);
    expect(problems(items)).toEqual([
      expect.objectContaining({ location: 'line 3', message: expect.stringMatching(/UTF-8/) as string }),
    ]);
  });

  it('stops at a huge record (an unclosed quote) and says where, keeping what came before', async () => {
    const huge = 'x'.repeat(MAX_RECORD_CHARS + 10);
    const items = await read([
      `${HEADER}\nE-1,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\n`,
      `E-2,2025-03-01,100,PHP,Sam,AU,Rosa,0917,"${huge}\n`,
      'E-3,2025-03-01,100,PHP,Sam,AU,Rosa,0917,gift\n',
    ]);
    expect(transactions(items).map((t) => t.reference)).toEqual(['E-1']);
    const [cut] = problems(items);
    expect(cut?.location).toMatch(/^line \d+$/);
    expect(cut?.message).toMatch(/longer than 65536 characters/);
  });
});
