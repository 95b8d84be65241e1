import { Random, STREAMS, seedHash, weightedTable, type Seed } from './random';

/**
 * A synthetic known-content hash set (as a Project VIC / VICS export would carry it) and its
 * VICS 2.0 JSON. Hash i is a pure function of (seed, i): the report generator draws "known"
 * files from the same set by index, without holding the set in memory. Random hashes of no file.
 */

export type KnownHash = {
  /** Position in the set; MediaID is index + 1. */
  index: number;
  md5: string;
  sha1: string;
  pdq: string;
  pdqQuality: number;
  /** Project VIC US scheme: 0 non-pertinent, 1 CAM, 2 exploitive / age difficult, 3 CGI/animation, 4 comparison. */
  category: 0 | 1 | 2 | 3 | 4;
  series?: string;
  victimIdentified: boolean;
};

export type KnownHashSetOptions = { seed?: Seed; count?: number };

export const DEFAULT_KNOWN_HASH_COUNT = 10_000;

const CATEGORIES = weightedTable<KnownHash['category']>([
  [1, 70],
  [2, 15],
  [0, 8],
  [3, 4],
  [4, 3],
]);

/** Hashes come in series (one set of images); consecutive indices share one. */
const SERIES_SPAN = 24;

export function knownHash(seed: Seed, index: number): KnownHash {
  return knownHashAt(seedHash(seed), index);
}

/** Hash `index` of the set whose seed hashes to `key` (callers in a loop hash the seed once). */
export function knownHashAt(key: number, index: number): KnownHash {
  const random = new Random(key, STREAMS.knownHash, index);
  const category = random.weighted(CATEGORIES);
  const seriesNumber = Math.floor(index / SERIES_SPAN);
  const hash: KnownHash = {
    index,
    md5: random.hex(32),
    sha1: random.hex(40),
    pdq: random.hex(64),
    pdqQuality: random.int(60, 100),
    category,
    // Identification is a property of the series: its children were found, or not yet.
    victimIdentified: new Random(key, STREAMS.knownHash, seriesNumber, 1).chance(0.35),
  };
  if (category === 1 || category === 2) hash.series = `SYN-${seriesNumber.toString().padStart(6, '0')}`;
  return hash;
}

export function* generateKnownHashSet(options: KnownHashSetOptions = {}): Generator<KnownHash> {
  const { seed = 'bantay', count = DEFAULT_KNOWN_HASH_COUNT } = options;
  const key = seedHash(seed);
  for (let i = 0; i < count; i++) yield knownHashAt(key, i);
}

const VICS_CONTEXT = 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media';
const CHUNK = 256;

/** VICS 2.0 JSON (OData), streamed as string chunks; MD5 and SHA1 upper-case as distributed. */
export function* vicsJson(hashes: Iterable<KnownHash>): Generator<string> {
  yield `{"@odata.context":${JSON.stringify(VICS_CONTEXT)},"value":[`;
  let chunk = '';
  let count = 0;
  for (const hash of hashes) {
    chunk += (count === 0 ? '\n' : ',\n') + JSON.stringify(vicsMedia(hash));
    if (++count % CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]}\n`;
}

export type VicsMedia = {
  MediaID: number;
  Category: number;
  MD5: string;
  SHA1: string;
  Series?: string;
  VictimIdentified: 'true' | 'false';
  AlternativeHashes: { HashName: 'PDQ'; HashValue: string }[];
};

export function vicsMedia(hash: KnownHash): VicsMedia {
  const media: VicsMedia = {
    MediaID: hash.index + 1,
    Category: hash.category,
    MD5: hash.md5.toUpperCase(),
    SHA1: hash.sha1.toUpperCase(),
    VictimIdentified: hash.victimIdentified ? 'true' : 'false',
    AlternativeHashes: [{ HashName: 'PDQ', HashValue: hash.pdq }],
  };
  if (hash.series) media.Series = hash.series;
  return media;
}

/** Flip `bits` distinct bits of a 64-hex PDQ: the same picture, re-encoded or resized. */
export function nearPdq(random: Random, pdq: string, bits: number): string {
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = parseInt(pdq.slice(i * 8, i * 8 + 8), 16);
  const flipped: number[] = [];
  while (flipped.length < bits) {
    const bit = random.int(0, 255);
    // Distinct bits only, so the distance is exactly `bits`.
    if (flipped.includes(bit)) continue;
    flipped.push(bit);
    words[bit >>> 5] = (words[bit >>> 5] ?? 0) ^ (1 << (bit & 31));
  }
  let out = '';
  for (const word of words) out += word.toString(16).padStart(8, '0');
  return out;
}

/** Hamming distance between two 64-hex PDQ hashes. */
export function pdqDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 64; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}
