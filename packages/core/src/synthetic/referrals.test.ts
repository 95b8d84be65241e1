import { describe, expect, it } from 'vitest';
import { parseHotlineCsv } from '../intake/parsers/hotline-csv';
import { parseReferralJson } from '../intake/parsers/referral';
import { ReferralInput } from '../intake/parsers/referral-schema';
import { generateHotlineRows, hotlineCsv } from './hotline';
import { generateReferrals, referralJsonLines } from './referrals';
import { generateReports } from './reports';

/** Every identifier value the reports carry, lower-cased. */
function reportIdentifiers(seed: string, count: number): Set<string> {
  const values = new Set<string>();
  for (const { draft } of generateReports({ seed, count })) {
    for (const person of draft.persons)
      for (const identifier of person.identifiers) values.add(identifier.value.toLowerCase());
  }
  return values;
}

describe('synthetic referrals from foreign police', () => {
  const referrals = [...generateReferrals({ seed: 'referrals', count: 200, reportCount: 4000 })];

  it('are the same for the same seed', () => {
    expect([...generateReferrals({ seed: 'referrals', count: 200, reportCount: 4000 })]).toEqual(referrals);
  });

  it('follow the referral schema, with demo agency codes and no victim names', () => {
    for (const { input } of referrals) {
      expect(ReferralInput.safeParse(input).success).toBe(true);
      expect(input.sender.agency).toMatch(/^[A-Z]{2}-[A-Z]+-DEMO$/);
      for (const subject of input.subjects)
        if (subject.role === 'victim') expect(subject.name).toBeUndefined();
    }
    expect(new Set(referrals.map((r) => r.input.sender.agency)).size).toBeGreaterThan(3);
  });

  it('carry exactly the draft the referral parser reads from their JSON lines', () => {
    const items = [...parseReferralJson([...referralJsonLines(referrals)].join(''))];
    expect(items).toHaveLength(referrals.length);
    items.forEach((item, i) =>
      expect(item.ok ? item.draft : item.problem).toStrictEqual(referrals[i]!.draft),
    );
  });

  it('name the facilitators of the reports, so they link to them', () => {
    const known = reportIdentifiers('referrals', 4000);
    const linked = referrals.filter(({ draft }) =>
      draft.persons.some(
        (p) => p.role === 'reported' && p.identifiers.some((i) => known.has(i.value.toLowerCase())),
      ),
    );
    expect(linked.length / referrals.length).toBeGreaterThan(0.6);
  });
});

describe('synthetic hotline log rows', () => {
  const rows = [...generateHotlineRows({ seed: 'hotline', count: 300, reportCount: 4000 })];

  it('are the same for the same seed', () => {
    expect([...generateHotlineRows({ seed: 'hotline', count: 300, reportCount: 4000 })]).toEqual(rows);
  });

  it('carry exactly the draft the hotline parser reads from their CSV', async () => {
    const csv = [...hotlineCsv(rows)].join('');
    expect(csv).toContain('"online work"');
    const items = [];
    for await (const item of parseHotlineCsv([csv], { source: 'PH-HOTLINE-DEMO' })) items.push(item);
    expect(items).toHaveLength(rows.length);
    items.forEach((item, i) => expect(item.ok ? item.draft : item.problem).toStrictEqual(rows[i]!.draft));
  });

  it('name phones and wallets that the reports carry too, in the formats people type', () => {
    const phones = rows
      .flatMap((r) => [r.row.suspect_phone, r.row.payment_account])
      .filter((p) => p !== undefined);
    expect(phones.some((p) => /^09\d{9}$/.test(p))).toBe(true);
    expect(phones.some((p) => p.startsWith('+63 '))).toBe(true);
    const digits = new Set(
      [...reportIdentifiers('hotline', 4000)].map((v) => v.replace(/\D/g, '').slice(-10)),
    );
    const linked = phones.filter((p) => digits.has(p.replace(/\D/g, '').slice(-10)));
    expect(linked.length / phones.length).toBeGreaterThan(0.3);
  });
});
