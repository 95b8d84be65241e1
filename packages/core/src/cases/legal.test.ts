import { describe, expect, it } from 'vitest';
import { legalDeadlines, LegalRequestInput, type LegalRequestInput as Input } from './legal';
import { approvalProblem } from './operations';

const parsed = (input: Input) => LegalRequestInput.parse(input);
const warrant = {
  court: 'RTC Branch 9',
  judge: 'Hon. Judge',
  appliedOn: '2026-11-01',
  issuedOn: '2026-11-03',
};

describe('legal deadlines (Rule on Cybercrime Warrants)', () => {
  it.each([
    [
      'a WDCD served: return 48 h after service',
      { kind: 'wdcd', status: 'served', servedOn: '2026-11-05', ...warrant },
      '2026-11-13',
      '2026-11-07',
    ],
    [
      'a WDCD issued, not served: return 48 h after expiry',
      { kind: 'wdcd', status: 'issued', ...warrant },
      '2026-11-13',
      '2026-11-15',
    ],
    [
      'a WSSECD: 30 days of examination after service, then 48 h',
      { kind: 'wssecd', status: 'served', servedOn: '2026-11-05', ...warrant },
      '2026-11-13',
      '2026-12-07',
    ],
    [
      'a WECD extended by 30 days',
      { kind: 'wecd', status: 'served', servedOn: '2026-11-05', extensionDays: 30, ...warrant },
      '2026-11-13',
      '2027-01-06',
    ],
    [
      'a preservation request: six months',
      { kind: 'preservation', status: 'served', appliedOn: '2026-11-01', servedOn: '2026-11-02' },
      null,
      '2027-05-01',
    ],
    [
      'a request abroad: the date given',
      { kind: 'mla', status: 'applied', appliedOn: '2026-11-01', dueOn: '2027-02-01' },
      null,
      '2027-02-01',
    ],
  ] as const)('%s', (_name, input, validUntil, returnDueOn) => {
    expect(legalDeadlines(parsed(input as Input))).toEqual({ validUntil, returnDueOn });
  });

  it('names what a status needs, and refuses an extension past 30 days', () => {
    const result = LegalRequestInput.safeParse({
      kind: 'wicd',
      status: 'served',
      court: 'RTC',
      extensionDays: 31,
    });
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['extensionDays']));
    const missing = LegalRequestInput.safeParse({ kind: 'wicd', status: 'served', court: 'RTC' });
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'judge',
      'appliedOn',
      'issuedOn',
      'servedOn',
    ]);
  });

  it('refuses dates out of order', () => {
    const result = LegalRequestInput.safeParse({
      kind: 'wdcd',
      status: 'issued',
      ...warrant,
      issuedOn: '2026-10-01',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['issuedOn']);
  });
});

describe('operation approval', () => {
  it.each([
    [
      'no social worker',
      [{ role: 'team_lead', userRole: 'investigator', organisationKind: 'police' }],
      false,
    ],
    [
      'a social worker of the DSWD',
      [{ role: 'social_worker', userRole: 'social_worker', organisationKind: 'social_welfare' }],
      true,
    ],
    [
      'a partner NGO social worker',
      [{ role: 'social_worker', userRole: 'social_worker', organisationKind: 'ngo' }],
      true,
    ],
    [
      'a "social worker" who is a police officer',
      [{ role: 'social_worker', userRole: 'investigator', organisationKind: 'police' }],
      false,
    ],
  ] as const)('%s', (_name, team, approvable) => {
    expect(approvalProblem(team) === null).toBe(approvable);
  });
});
