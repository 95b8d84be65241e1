import { chunkAt, distanceAt, PDQ_MATCH_DISTANCE, PDQ_WORDS, wordDistance, type PdqHash } from './pdq';

/**
 * Near-duplicate search over PDQ hashes by multi-index hashing. The 256 bits are cut into
 * 16 chunks of 16 bits; by pigeonhole, two hashes within distance d share at least one
 * chunk that differs by at most r = ⌊d/16⌋ bits. So a query probes, in each chunk's table,
 * every value within r bits of its own chunk (17 probes per chunk for d ≤ 31), and verifies
 * the full distance of each candidate found. No false negatives, and on random data about
 * n/65536 candidates per probe instead of n.
 *
 * Layout, for memory: hashes in one packed Uint32Array (8 words each), ids in a Float64Array,
 * and per chunk a counting-sorted table (offsets by chunk value + postings of positions).
 * Hashes added after the bulk build go to a delta indexed by chained lists (one head per
 * chunk value, one link per chunk and hash), merged into the tables when it grows large.
 *
 * Up to 65 536 hashes (a typical set), the tables list each hash under its chunk's value and
 * under the 16 values one bit away ("near" tables, 16-bit positions): a query at radius r then
 * probes the values within r − 1 bits, 16 probes for d ≤ 31 instead of 272, and finds the same
 * candidates. The 272 scattered probes were most of a query's cost at 20 000 hashes, where few
 * probes find anything. The postings then take 544 bytes a hash instead of 64: 11 MB at 20 000
 * hashes, 36 MB at most.
 */

export type PdqIndexEntry = { id: number; hash: PdqHash };
export type PdqIndexMatch = { id: number; distance: number };

/** Radius 3 per chunk (697 probes each) is as far as the probing pays off. */
export const PDQ_INDEX_MAX_DISTANCE = 63;

const CHUNKS = 16;
const BUCKETS = 1 << 16;
const TABLE = BUCKETS + 1;
/** Up to this many hashes in the tables, they are near tables (see above): positions fit 16 bits. */
const NEAR_MAX = 1 << 16;
/** The delta is merged when it outgrows this or a quarter of the tables, so merges cost O(1) per add. */
const DELTA_MIN = 1 << 16;

/** For r = 0…3, every 16-bit mask with at most r bits set: XORed with a chunk, the values to probe. */
const PROBE_MASKS: readonly Uint16Array[] = [0, 1, 2, 3].map((r) => {
  const masks: number[] = [];
  for (let m = 0; m < BUCKETS; m++) if (bitCount16(m) <= r) masks.push(m);
  return Uint16Array.from(masks);
});

function bitCount16(m: number): number {
  let n = 0;
  for (; m; m &= m - 1) n++;
  return n;
}

export class PdqIndex {
  #words = new Uint32Array(0);
  #ids = new Float64Array(0);
  #count = 0;
  /** Positions below this are in the tables; the rest are the delta. */
  #bulkCount = 0;
  #offsets = new Uint32Array(CHUNKS * TABLE);
  #postings = new Uint32Array(0);
  /** The near tables' postings, when the tables are near tables (else empty). */
  #near = new Uint16Array(0);
  /** Allocated on the first add after a build: per chunk and value, the newest delta position, or -1. */
  #deltaHeads: Int32Array | undefined;
  #deltaNext = new Int32Array(0);
  /** Marks matches already reported by this query. */
  #seen = new Uint32Array(0);
  #epoch = 0;
  /** Reused between queries: the positions gathered from the probed tables. */
  #candidates: Uint32Array = new Uint32Array(8192);
  /** Per probe, the start and end of its postings. */
  #ranges = new Uint32Array(2 * CHUNKS * PROBE_MASKS[3]!.length);
  /** Per candidate, the distance over word 0. */
  #partial = new Uint8Array(8192);

  get size(): number {
    return this.#count;
  }

  /** Bytes held in typed arrays: what the index costs beyond a few objects. */
  get memoryBytes(): number {
    const arrays = [
      this.#words,
      this.#ids,
      this.#offsets,
      this.#postings,
      this.#near,
      this.#deltaNext,
      this.#seen,
      this.#candidates,
      this.#ranges,
      this.#partial,
    ];
    return arrays.reduce((sum, a) => sum + a.byteLength, this.#deltaHeads?.byteLength ?? 0);
  }

  /** Replaces the contents with these entries and builds the tables in one pass per chunk. */
  build(entries: Iterable<PdqIndexEntry>): this {
    this.#count = 0;
    this.#bulkCount = 0;
    this.#deltaHeads?.fill(-1);
    if (Array.isArray(entries)) this.#reserve(entries.length, true);
    for (const { id, hash } of entries) this.#append(id, hash);
    this.#reindex();
    return this;
  }

  /** Adds one hash after the build; it is searchable at once. */
  add(id: number, hash: PdqHash): void {
    const position = this.#append(id, hash);
    const heads = (this.#deltaHeads ??= new Int32Array(CHUNKS * BUCKETS).fill(-1));
    const delta = position - this.#bulkCount;
    if (this.#deltaNext.length < (delta + 1) * CHUNKS) {
      const next = new Int32Array(Math.max(1024, (delta + 1) * 2) * CHUNKS);
      next.set(this.#deltaNext);
      this.#deltaNext = next;
    }
    const words = this.#words;
    const offset = position * PDQ_WORDS;
    for (let c = 0; c < CHUNKS; c++) {
      const head = c * BUCKETS + chunkAt(words, offset, c);
      this.#deltaNext[delta * CHUNKS + c] = heads[head]!;
      heads[head] = position;
    }
    if (delta + 1 > Math.max(DELTA_MIN, this.#bulkCount >>> 2)) this.#reindex();
  }

  /** Merges the delta into the tables now (for example after a large import). */
  rebuild(): void {
    this.#reindex();
  }

  /** Every stored hash within `maxDistance` (0–63) of `hash`, by distance then id. */
  query(hash: PdqHash, maxDistance: number = PDQ_MATCH_DISTANCE): PdqIndexMatch[] {
    checkQuery(hash, maxDistance, PDQ_INDEX_MAX_DISTANCE);
    const candidates = this.#gather(hash, PROBE_MASKS[maxDistance >>> 4]!);
    const count = candidates.length;
    const words = this.#words;
    // Word 0 of every candidate first: a tiny loop of independent loads lets the CPU have many
    // cache misses in flight at once, so the full comparison below finds its hashes in cache.
    const partial =
      this.#partial.length >= count
        ? this.#partial
        : (this.#partial = new Uint8Array(this.#candidates.length));
    const first = hash[0]!;
    for (let i = 0; i < count; i++) partial[i] = wordDistance(words[candidates[i]! * PDQ_WORDS]!, first);
    const seen = this.#seen;
    const epoch = this.#nextEpoch();
    const positions: number[] = [];
    const distances: number[] = [];
    for (let i = 0; i < count; i++) {
      const position = candidates[i]!;
      // Word by word, and no further once past the limit: most candidates share only the chunk
      // they were found by, stand some 128 bits away, and are ruled out after a word or two.
      const offset = position * PDQ_WORDS;
      let distance = partial[i]!;
      for (let w = 1; w < PDQ_WORDS && distance <= maxDistance; w++)
        distance += wordDistance(words[offset + w]!, hash[w]!);
      // A near duplicate turns up under several chunks; report it once.
      if (distance <= maxDistance && seen[position] !== epoch) {
        seen[position] = epoch;
        positions.push(position);
        distances.push(distance);
      }
    }
    return this.#matches(positions, distances);
  }

  /** Positions listed under every probed chunk value, from the tables and the delta (with repeats). */
  #gather(hash: PdqHash, masks: Uint16Array): Uint32Array {
    const near = this.#near.length > 0;
    // Near tables list every value one bit away already: probe one bit less.
    const probed = near ? PROBE_MASKS[Math.max(bitCount16(masks[masks.length - 1]!) - 1, 0)]! : masks;
    const offsets = this.#offsets;
    // First every table lookup, then every copy: independent loads overlap their cache misses.
    const ranges = this.#ranges;
    let probes = 0;
    let total = 0;
    for (let c = 0; c < CHUNKS; c++) {
      const own = chunkAt(hash, 0, c);
      const table = c * TABLE;
      for (let m = 0; m < probed.length; m++) {
        const at = table + (own ^ probed[m]!);
        const start = offsets[at]!;
        const end = offsets[at + 1]!;
        ranges[probes++] = start;
        ranges[probes++] = end;
        total += end - start;
      }
    }
    const buffer = total > this.#candidates.length ? this.#growCandidates(total) : this.#candidates;
    const count = near
      ? copyRanges(ranges, probes, this.#near, buffer)
      : copyRanges(ranges, probes, this.#postings, buffer);
    const heads = this.#count > this.#bulkCount ? this.#deltaHeads : undefined;
    if (heads === undefined) return buffer.subarray(0, count);
    return this.#gatherDelta(hash, masks, heads, count);
  }

  /** The delta's positions under every probed chunk value, after the `count` gathered from the tables. */
  #gatherDelta(hash: PdqHash, masks: Uint16Array, heads: Int32Array, count: number): Uint32Array {
    let buffer = this.#candidates;
    const next = this.#deltaNext;
    const bulkCount = this.#bulkCount;
    for (let c = 0; c < CHUNKS; c++) {
      const own = chunkAt(hash, 0, c);
      for (let m = 0; m < masks.length; m++) {
        const head = c * BUCKETS + (own ^ masks[m]!);
        for (let p = heads[head]!; p >= 0; p = next[(p - bulkCount) * CHUNKS + c]!) {
          if (count === buffer.length) buffer = this.#growCandidates(count + 1);
          buffer[count++] = p;
        }
      }
    }
    return buffer.subarray(0, count);
  }

  #growCandidates(needed: number): Uint32Array {
    const grown = new Uint32Array(Math.max(needed, this.#candidates.length * 2));
    grown.set(this.#candidates);
    return (this.#candidates = grown);
  }

  /** The same answer by comparing with every stored hash: the baseline, and the tests' oracle. */
  bruteForceQuery(hash: PdqHash, maxDistance: number = PDQ_MATCH_DISTANCE): PdqIndexMatch[] {
    checkQuery(hash, maxDistance, 256);
    const words = this.#words;
    const positions: number[] = [];
    const distances: number[] = [];
    const count = this.#count;
    for (let p = 0; p < count; p++) {
      const distance = distanceAt(words, p * PDQ_WORDS, hash);
      if (distance <= maxDistance) {
        positions.push(p);
        distances.push(distance);
      }
    }
    return this.#matches(positions, distances);
  }

  #matches(positions: number[], distances: number[]): PdqIndexMatch[] {
    const matches = positions.map((p, i) => ({ id: this.#ids[p]!, distance: distances[i]! }));
    return matches.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  #nextEpoch(): number {
    // Wrapping would make stale marks look fresh: clear them once every 2³² queries.
    if (this.#epoch === 0xffffffff) {
      this.#seen.fill(0);
      this.#epoch = 0;
    }
    return ++this.#epoch;
  }

  #append(id: number, hash: PdqHash): number {
    if (!Number.isSafeInteger(id)) throw new RangeError(`PDQ index id must be a safe integer, got ${id}`);
    if (hash.length !== PDQ_WORDS)
      throw new RangeError(`PDQ hash must have ${PDQ_WORDS} words, got ${hash.length}`);
    this.#reserve(this.#count + 1, false);
    const position = this.#count++;
    this.#words.set(hash, position * PDQ_WORDS);
    this.#ids[position] = id;
    return position;
  }

  #reserve(needed: number, exact: boolean): void {
    if (this.#ids.length >= needed) return;
    const capacity = exact ? needed : Math.max(1024, needed, this.#ids.length * 2);
    const words = new Uint32Array(capacity * PDQ_WORDS);
    words.set(this.#words.subarray(0, this.#count * PDQ_WORDS));
    const ids = new Float64Array(capacity);
    ids.set(this.#ids.subarray(0, this.#count));
    this.#words = words;
    this.#ids = ids;
    this.#seen = new Uint32Array(capacity);
    this.#epoch = 0;
  }

  /**
   * Counting sort of all positions by each chunk's value: offsets, then postings in position
   * order. Near tables (up to NEAR_MAX hashes) list each position under the 16 values one bit
   * away as well.
   */
  #reindex(): void {
    const n = this.#count;
    const words = this.#words;
    const offsets = this.#offsets;
    const near = n <= NEAR_MAX;
    const spread = near ? PROBE_MASKS[1]! : PROBE_MASKS[0]!;
    const size = n * CHUNKS * spread.length;
    if (near) {
      if (this.#near.length !== size) this.#near = new Uint16Array(size);
      this.#postings = new Uint32Array(0);
    } else {
      if (this.#postings.length !== size) this.#postings = new Uint32Array(size);
      this.#near = new Uint16Array(0);
    }
    const postings = near ? this.#near : this.#postings;
    const cursor = new Uint32Array(BUCKETS);
    for (let c = 0; c < CHUNKS; c++) {
      const table = c * TABLE;
      const word = c >>> 1;
      const shift = c & 1 ? 0 : 16;
      offsets.fill(0, table, table + TABLE);
      for (let p = 0; p < n; p++) {
        const value = (words[p * PDQ_WORDS + word]! >>> shift) & 0xffff;
        for (let m = 0; m < spread.length; m++) offsets[table + 1 + (value ^ spread[m]!)]!++;
      }
      offsets[table] = c * n * spread.length;
      for (let v = 0; v < BUCKETS; v++) offsets[table + v + 1]! += offsets[table + v]!;
      cursor.set(offsets.subarray(table, table + BUCKETS));
      for (let p = 0; p < n; p++) {
        const value = (words[p * PDQ_WORDS + word]! >>> shift) & 0xffff;
        for (let m = 0; m < spread.length; m++) postings[cursor[value ^ spread[m]!]!++] = p;
      }
    }
    this.#bulkCount = n;
    this.#deltaHeads?.fill(-1);
    this.#deltaNext = new Int32Array(0);
  }
}

/** Copies the postings of every probed range into `buffer`; returns how many. */
function copyRanges(
  ranges: Uint32Array,
  probes: number,
  postings: Uint16Array | Uint32Array,
  buffer: Uint32Array,
): number {
  let count = 0;
  for (let r = 0; r < probes; r += 2) {
    const end = ranges[r + 1]!;
    for (let k = ranges[r]!; k < end; k++) buffer[count++] = postings[k]!;
  }
  return count;
}

function checkQuery(hash: PdqHash, maxDistance: number, limit: number): void {
  if (hash.length !== PDQ_WORDS)
    throw new RangeError(`PDQ hash must have ${PDQ_WORDS} words, got ${hash.length}`);
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > limit) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${limit}, got ${maxDistance}`);
  }
}
