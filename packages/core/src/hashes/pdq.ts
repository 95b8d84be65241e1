/**
 * PDQ perceptual hashes: 256 bits, written as 64 lower-case hex characters. In memory a
 * hash is 8 × 32-bit words (hex characters 8k…8k+7 are word k): 32-bit XOR is the widest
 * integer operation plain JavaScript does without BigInt, and a 64 KB table counts the bits.
 */

/** 256 bits as 8 unsigned 32-bit words; word 0 holds the first 8 hex characters. */
export type PdqHash = Uint32Array;

/** The canonical text form (`signal.py`): exactly 64 lower-case hex characters. */
export const PDQ_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** Hashes of images below this quality (0–100) carry too little signal and are ignored. */
export const PDQ_QUALITY_THRESHOLD = 50;

/** Distance at or below which two PDQ hashes are a confident match (`PDQ_CONFIDENT_MATCH_THRESHOLD`). */
export const PDQ_MATCH_DISTANCE = 31;

export const PDQ_WORDS = 8;

/** The canonical form of a PDQ hash text, or undefined when it is not 64 hex characters. */
export function normalisePdqHex(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  return PDQ_HEX_PATTERN.test(lower) ? lower : undefined;
}

/**
 * Parses 64 hex characters (either case, white space around allowed); throws a RangeError
 * naming the problem otherwise. Read by character codes: the intake parses one for every
 * report file, and trimming, lower-casing, a pattern test and eight slices cost 1 µs a hash.
 */
export function parsePdq(text: string): PdqHash {
  const hash = new Uint32Array(PDQ_WORDS);
  if (text.length === PDQ_WORDS * 8) {
    let k = 0;
    while (k < PDQ_WORDS) {
      const word = hexWord(text, k * 8);
      if (word < 0) break;
      hash[k++] = word;
    }
    if (k === PDQ_WORDS) return hash;
  }
  const hex = normalisePdqHex(text);
  if (hex === undefined)
    throw new RangeError(`Not a PDQ hash (64 hex characters): ${JSON.stringify(text.slice(0, 80))}`);
  for (let k = 0; k < PDQ_WORDS; k++) hash[k] = hexWord(hex, k * 8);
  return hash;
}

/**
 * The 32-bit word written by the 8 hex characters (either case) at `offset`, or -1 when one of
 * them is not a hex digit (or the text ends first).
 */
export function hexWord(text: string, offset: number): number {
  if (offset + 8 > text.length) return -1;
  let word = 0;
  for (let i = offset; i < offset + 8; i++) {
    const digit = hexDigit(text.charCodeAt(i));
    if (digit < 0) return -1;
    word = word * 16 + digit;
  }
  return word;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

export function formatPdq(hash: PdqHash): string {
  let text = '';
  for (let k = 0; k < PDQ_WORDS; k++) text += (hash[k]! >>> 0).toString(16).padStart(8, '0');
  return text;
}

/** A quality too low to match on; an unknown quality is given the benefit of the doubt. */
export function isUsablePdqQuality(quality: number | undefined): boolean {
  return quality === undefined || quality >= PDQ_QUALITY_THRESHOLD;
}

export function hamming(a: PdqHash, b: PdqHash): number {
  return distanceAt(a, 0, b);
}

/** Set bits of every 16-bit value: two lookups per word measured faster here than SWAR popcount. */
const BITS16 = new Uint8Array(1 << 16);
for (let i = 1; i < 1 << 16; i++) BITS16[i] = BITS16[i >>> 1]! + (i & 1);

/** Bits that differ between two 32-bit words. */
export function wordDistance(a: number, b: number): number {
  const x = a ^ b;
  return BITS16[x & 0xffff]! + BITS16[x >>> 16]!;
}

/** Distance between the hash stored at `words[offset…offset+7]` and `query`. */
export function distanceAt(words: Uint32Array, offset: number, query: Uint32Array): number {
  return wordDistance(words[offset]!, query[0]!) + restDistanceAt(words, offset, query);
}

/** Distance over words 1–7 only: the index computes word 0 in a separate, memory-bound pass. */
export function restDistanceAt(words: Uint32Array, offset: number, query: Uint32Array): number {
  return (
    wordDistance(words[offset + 1]!, query[1]!) +
    wordDistance(words[offset + 2]!, query[2]!) +
    wordDistance(words[offset + 3]!, query[3]!) +
    wordDistance(words[offset + 4]!, query[4]!) +
    wordDistance(words[offset + 5]!, query[5]!) +
    wordDistance(words[offset + 6]!, query[6]!) +
    wordDistance(words[offset + 7]!, query[7]!)
  );
}

/** The 16-bit chunk `c` (0–15) of a hash stored at `words[offset…]`: hex characters 4c…4c+3. */
export function chunkAt(words: Uint32Array, offset: number, c: number): number {
  return (c & 1 ? words[offset + (c >>> 1)]! : words[offset + (c >>> 1)]! >>> 16) & 0xffff;
}
