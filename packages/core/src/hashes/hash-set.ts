/**
 * Known content: the hashes (never the media) of files already classified by Project VIC,
 * another agency or ourselves, with the verdict that came with them. Hash sets arrive as
 * VICS JSON or CSV; both parsers produce this one shape.
 */

/** Project VIC (US scheme) categories; not the older DHS numbering, where 5 is non-pertinent. */
export const VICS_CATEGORIES = {
  0: 'Non-Pertinent',
  1: 'Child Abuse Material',
  2: 'Child Exploitive (Non-CAM) / Age Difficult',
  3: 'CGI/Animation – Child Exploitive',
  4: 'Comparison Images',
} as const;
export type VicsCategory = keyof typeof VICS_CATEGORIES;

export function isVicsCategory(value: number): value is VicsCategory {
  return Object.hasOwn(VICS_CATEGORIES, value);
}

export type KnownHash = {
  /** Lower-case hex, 32 characters. */
  md5?: string;
  /** Lower-case hex, 40 characters. */
  sha1?: string;
  /** Lower-case hex, 64 characters. */
  sha256?: string;
  /** Lower-case hex, 64 characters. */
  pdq?: string;
  /** PDQ quality 0–100; below 50 the PDQ hash is kept but never matched on. */
  pdqQuality?: number;
  /** Missing means "no verdict", not non-pertinent. */
  category?: VicsCategory;
  series?: string;
  victimIdentified?: boolean;
  /** The hash set's own id for the record (VICS MediaID). */
  sourceId?: string;
};

export const EXACT_HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;
export type ExactHashType = (typeof EXACT_HASH_TYPES)[number];

export const HEX_LENGTHS = { md5: 32, sha1: 40, sha256: 64, pdq: 64 } as const;
export type KnownHashType = keyof typeof HEX_LENGTHS;

const HEX = /^[0-9a-f]+$/;

/** Lower-case hex of the right length for the type, or undefined (sets ship MD5 in upper case). */
export function normaliseHex(type: KnownHashType, value: string): string | undefined {
  const hex = value.trim().toLowerCase();
  return hex.length === HEX_LENGTHS[type] && HEX.test(hex) ? hex : undefined;
}

export function hasAnyHash(hash: KnownHash): boolean {
  return Boolean(hash.md5 ?? hash.sha1 ?? hash.sha256 ?? hash.pdq);
}

/** "true"/"false" as sets write them (any case), or a JSON boolean; undefined for anything else. */
export function parseFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === 'yes' || text === '1') return true;
  if (text === 'false' || text === 'no' || text === '0') return false;
  return undefined;
}

/** A PDQ quality: an integer 0–100. */
export function isPdqQuality(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 100;
}
