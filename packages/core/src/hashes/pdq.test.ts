import { describe, expect, it } from 'vitest';
import {
  formatPdq,
  hamming,
  hexWord,
  isUsablePdqQuality,
  normalisePdqHex,
  parsePdq,
  PDQ_HEX_PATTERN,
  PDQ_QUALITY_THRESHOLD,
} from './pdq';
import { flipBits, randomPdq, seededRandom } from './random-hashes';

const ZERO = '0'.repeat(64);
const ONES = 'f'.repeat(64);

describe('PDQ text form', () => {
  it.each([
    ['64 lower-case hex', ZERO, ZERO],
    ['upper case is accepted and lower-cased', 'ABCDEF0123456789'.repeat(4), 'abcdef0123456789'.repeat(4)],
    ['surrounding spaces are trimmed', ` ${ONES}\n`, ONES],
    ['63 characters', '0'.repeat(63), undefined],
    ['65 characters', '0'.repeat(65), undefined],
    ['a non-hex character', 'g' + '0'.repeat(63), undefined],
    ['a non-hex character in the last word', '0'.repeat(63) + 'G', undefined],
    ['64 characters with spaces inside', '0'.repeat(31) + ' ' + '0'.repeat(32), undefined],
    ['a 0x prefix', '0x' + '0'.repeat(62), undefined],
    ['empty', '', undefined],
  ])('%s', (_name, text, expected) => {
    expect(normalisePdqHex(text)).toBe(expected);
    if (expected === undefined) expect(() => parsePdq(text)).toThrow(RangeError);
    else expect(formatPdq(parsePdq(text))).toBe(expected);
  });

  it('keeps the canonical regex strict: lower case only, exactly 64', () => {
    expect(PDQ_HEX_PATTERN.test(ONES)).toBe(true);
    expect(PDQ_HEX_PATTERN.test(ONES.toUpperCase())).toBe(false);
  });

  it('puts hex characters 8k…8k+7 in word k', () => {
    const hash = parsePdq('00000001' + '0'.repeat(48) + '8000000f');
    expect(hash[0]).toBe(1);
    expect(hash[7]).toBe(0x8000000f);
  });

  it('reads a word of 8 hex characters of either case, or -1', () => {
    expect(hexWord('xxFFffFFff', 2)).toBe(0xffffffff);
    expect(hexWord('0123abCD', 0)).toBe(0x0123abcd);
    expect(hexWord('0123abc', 0)).toBe(-1);
    expect(hexWord('0123abcg', 0)).toBe(-1);
    expect(hexWord('0123abc:', 0)).toBe(-1);
    expect(hexWord('0123abc/', 0)).toBe(-1);
  });

  it('round-trips random hashes', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const hash = randomPdq(random);
      expect(parsePdq(formatPdq(hash))).toEqual(hash);
    }
  });
});

describe('Hamming distance', () => {
  it.each([
    ['identical', ZERO, ZERO, 0],
    ['all bits differ', ZERO, ONES, 256],
    ['one nibble', ZERO, '0'.repeat(63) + 'f', 4],
    ['the top bit of the first word', ZERO, '8' + '0'.repeat(63), 1],
    ['alternate bits', '5'.repeat(64), 'a'.repeat(64), 256],
  ])('%s: %i', (_name, a, b, distance) => {
    expect(hamming(parsePdq(a), parsePdq(b))).toBe(distance);
  });

  it('counts exactly the bits flipped', () => {
    const random = seededRandom(11);
    for (let count = 0; count <= 256; count += 17) {
      const hash = randomPdq(random);
      expect(hamming(hash, flipBits(hash, count, random))).toBe(count);
    }
  });
});

describe('quality', () => {
  it.each([
    [undefined, true],
    [100, true],
    [PDQ_QUALITY_THRESHOLD, true],
    [PDQ_QUALITY_THRESHOLD - 1, false],
    [0, false],
  ])('quality %s usable: %s', (quality, usable) => {
    expect(isUsablePdqQuality(quality)).toBe(usable);
  });
});
