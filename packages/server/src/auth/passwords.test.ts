import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPasswordCount, hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('password policy', () => {
  it('bundles at least 10 000 common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each([
    ['short', 'too_short'],
    ['password1234', 'common'],
    ['PASSWORD1234', 'common'],
    ['aaaaaaaaaaaaaaaa', 'common'],
    ['x'.repeat(129), 'too_long'],
    ['correct horse battery staple', null],
    ['Mahal kong bayan 2026', null],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses the account e-mail as its password', () => {
    expect(passwordProblem('maria.test@example.test', 'Maria.Test@example.test')).toBe('same_as_email');
  });

  it('has no composition rules: any 12 to 128 characters not on the list pass', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 128, unit: 'grapheme-ascii' }), (password) => {
        const problem = passwordProblem(password);
        return problem === null || problem === 'common';
      }),
    );
  });

  it('hashes with argon2id and its parameters, and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });
});
