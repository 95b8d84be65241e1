import {
  hasAnyHash,
  isVicsCategory,
  normaliseHex,
  parseFlag,
  type KnownHash,
  type KnownHashType,
} from './hash-set';
import {
  DEFAULT_JSON_LIMITS,
  JsonStreamError,
  JsonTokenizer,
  type JsonHandler,
  type JsonLimits,
  type JsonScalar,
} from './json-stream';

/**
 * Project VIC "VICS" hash sets (OData JSON, data model 1.3 or 2.0): a top-level object with
 * `odata.metadata` or `@odata.context` and `value: [Media, …]`. Read as a stream, so a
 * 1 GB set costs the memory of one chunk and one Media. Case exports (`…#Cases`, with
 * `value[i].Media[]`) are read too. Fields we do not keep (PhotoDNA, file paths, EXIF) are
 * skipped unread; alternate hashes `{HashName: "PDQ", HashValue}` are found in any array
 * of the Media, since exporters do not agree on its name.
 */

export type VicsResult =
  | { ok: true; index: number; hash: KnownHash }
  /** `fatal`: the document is broken here and nothing after it is read. */
  | { ok: false; index: number; path: string; message: string; fatal?: true };

const Role = { skip: 0, root: 1, mediaList: 2, caseList: 3, case: 4, media: 5, nested: 6 } as const;
type Role = (typeof Role)[keyof typeof Role];

/** Media fields we read, by lower-cased key. */
const MEDIA_FIELDS = new Set(['md5', 'sha1', 'sha256', 'category', 'series', 'victimidentified', 'mediaid']);
const HASH_LABELS: Record<KnownHashType, string> = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', pdq: 'PDQ' };

type Field = { key: string; value: JsonScalar | undefined };
/** What is wrong with a Media: at one of its keys, at a full path, or with the whole. */
type Problem = { key?: string; path?: string; message: string };

/** Follows the document's structure (one frame per open container) and turns each Media into a result. */
class VicsReader implements JsonHandler {
  readonly results: VicsResult[] = [];
  #roles: Role[] = [];
  #isArray: boolean[] = [];
  /** Per frame: the current key (objects) or element index (arrays). */
  #keys: (string | undefined)[] = [];
  #indices: number[] = [];
  #cases = false;
  #sawValue = false;
  #mediaCount = 0;
  #fields = new Map<string, Field>();
  /** The Media's PDQ hash (lower-case hex), or what was wrong with it. */
  #pdq: string | Problem | undefined;
  /** Lower-cased keys: the same few in every record, so lowered once. */
  #lowered = new Map<string, string>();
  /** HashName and HashValue of each open object inside a Media, by frame. */
  #altNames: (string | undefined)[] = [];
  #altValues: (string | undefined)[] = [];

  get mediaIndex(): number {
    return this.#roles.includes(Role.media) ? this.#mediaCount : -1;
  }

  /** JSON pointer of where the reader is, e.g. `/value/12/MD5`. */
  path(): string {
    let pointer = '';
    for (let f = 0; f < this.#roles.length; f++) {
      const key = this.#keys[f];
      if (this.#isArray[f]) pointer += `/${this.#indices[f]}`;
      else if (key !== undefined) pointer += `/${escapePointer(key)}`;
    }
    return pointer;
  }

  startObject(): void {
    const parent = this.#top();
    if (parent === undefined) return this.#open(Role.root, false);
    if (parent === Role.root && this.#key() === 'value')
      throw new VicsFormatError('"value" must be an array of Media');
    if (parent === Role.mediaList) {
      this.#fields.clear();
      this.#pdq = undefined;
      return this.#open(Role.media, false);
    }
    if (parent === Role.caseList) return this.#open(Role.case, false);
    if (parent !== Role.media && parent !== Role.nested) return this.#open(Role.skip, false);
    this.#altNames[this.#roles.length] = undefined;
    this.#altValues[this.#roles.length] = undefined;
    this.#open(Role.nested, false);
  }

  startArray(): void {
    const parent = this.#top();
    const key = this.#key();
    if (parent === undefined) throw new VicsFormatError('A VICS file is a JSON object, not an array');
    if (parent === Role.root && key === 'value') {
      this.#sawValue = true;
      return this.#open(this.#cases ? Role.caseList : Role.mediaList, true);
    }
    if (parent === Role.case && key === 'media') return this.#open(Role.mediaList, true);
    if (parent === Role.mediaList) this.#notMedia('an array');
    this.#open(parent === Role.media || parent === Role.nested ? Role.nested : Role.skip, true);
  }

  key(name: string): void {
    this.#keys[this.#roles.length - 1] = name;
  }

  wantsString(): boolean {
    const role = this.#top();
    const key = this.#key();
    if (role === Role.root) return key !== 'value';
    if (role === Role.media) return MEDIA_FIELDS.has(key);
    return role === Role.nested && (key === 'hashname' || key === 'hashvalue');
  }

  value(value: JsonScalar | undefined): void {
    const role = this.#top();
    const frame = this.#roles.length - 1;
    const key = this.#key();
    if (role === undefined) throw new VicsFormatError('A VICS file is a JSON object, not a single value');
    if (role === Role.root) this.#rootValue(key, value);
    else if (role === Role.media && MEDIA_FIELDS.has(key))
      this.#fields.set(key, { key: this.#keys[frame]!, value });
    else if (role === Role.nested && typeof value === 'string') {
      if (key === 'hashname') this.#altNames[frame] = value;
      if (key === 'hashvalue') this.#altValues[frame] = value;
    } else if (role === Role.mediaList)
      this.#notMedia(value === undefined ? 'a string' : value === null ? 'null' : `a ${typeof value}`);
    this.#next();
  }

  endObject(): void {
    const frame = this.#roles.length - 1;
    const role = this.#roles.pop();
    if (role === Role.media) this.#finishMedia();
    if (role === Role.nested) this.#alternateHash(frame);
    this.#next();
  }

  endArray(): void {
    this.#roles.pop();
    this.#next();
  }

  /** The end of the document: it must have had a `value` array. */
  finish(): void {
    if (!this.#sawValue) throw new VicsFormatError('No "value" array of Media');
  }

  #rootValue(key: string, value: JsonScalar | undefined): void {
    if (key === 'value') throw new VicsFormatError('"value" must be an array of Media');
    // The header names the data model; a case export (…#Cases) nests Media one level down.
    if ((key === 'odata.metadata' || key === '@odata.context') && typeof value === 'string') {
      this.#cases = /#Cases\b/i.test(value);
    }
  }

  #alternateHash(frame: number): void {
    const name = this.#altNames[frame];
    const value = this.#altValues[frame];
    if (name === undefined || value === undefined || this.#pdq) return;
    // Exporters spell the hash name as they like; only the three letters are reliable.
    if (name.trim().toLowerCase() !== 'pdq') return;
    this.#pdq = normaliseHex('pdq', value) ?? {
      path: `${this.path()}/HashValue`,
      message: 'PDQ hash is not 64 hex characters',
    };
  }

  #finishMedia(): void {
    const index = this.#mediaCount++;
    const result = readMedia(this.#fields, this.#pdq);
    if (!('message' in result)) return void this.results.push({ ok: true, index, hash: result });
    // Paths are built only for problems: most Media have none.
    const path =
      result.path ?? this.path() + (result.key === undefined ? '' : `/${escapePointer(result.key)}`);
    this.results.push({ ok: false, index, path, message: result.message });
  }

  #notMedia(kind: string): void {
    const index = this.#mediaCount++;
    this.results.push({
      ok: false,
      index,
      path: this.path(),
      message: `Expected a Media object, found ${kind}`,
    });
  }

  #open(role: Role, isArray: boolean): void {
    const frame = this.#roles.push(role) - 1;
    this.#isArray[frame] = isArray;
    this.#keys[frame] = undefined;
    this.#indices[frame] = 0;
  }

  /** One element of the enclosing array is complete. */
  #next(): void {
    const frame = this.#roles.length - 1;
    if (frame >= 0 && this.#isArray[frame]) this.#indices[frame]!++;
  }

  #top(): Role | undefined {
    return this.#roles[this.#roles.length - 1];
  }

  /** The current key of the innermost object, lower-cased: field names are matched in any case. */
  #key(): string {
    const key = this.#keys[this.#roles.length - 1];
    if (key === undefined) return '';
    let lower = this.#lowered.get(key);
    if (lower === undefined) {
      lower = key.toLowerCase();
      if (this.#lowered.size < 512) this.#lowered.set(key, lower);
    }
    return lower;
  }
}

/** A Media's fields as a KnownHash, or the first thing wrong with them. */
function readMedia(fields: Map<string, Field>, pdq: string | Problem | undefined): KnownHash | Problem {
  const hash: KnownHash = {};
  for (const type of ['md5', 'sha1', 'sha256'] as const) {
    const field = fields.get(type);
    if (field === undefined || field.value === null) continue;
    const hex = typeof field.value === 'string' ? normaliseHex(type, field.value) : undefined;
    if (hex === undefined) return { key: field.key, message: `${HASH_LABELS[type]} is not a valid hex hash` };
    hash[type] = hex;
  }
  if (typeof pdq === 'object') return pdq;
  if (pdq !== undefined) hash.pdq = pdq;
  const category = fields.get('category');
  if (category !== undefined && category.value !== null) {
    const number =
      typeof category.value === 'string' && /^\d+$/.test(category.value)
        ? Number(category.value)
        : category.value;
    if (typeof number !== 'number' || !isVicsCategory(number)) {
      return { key: category.key, message: 'Category must be 0–4 or null' };
    }
    hash.category = number;
  }
  const series = fields.get('series');
  if (typeof series?.value === 'string' && series.value.trim() !== '') hash.series = series.value.trim();
  const victim = fields.get('victimidentified');
  if (victim !== undefined && victim.value !== null) {
    const flag = parseFlag(victim.value);
    if (flag === undefined) return { key: victim.key, message: 'VictimIdentified must be true or false' };
    hash.victimIdentified = flag;
  }
  const mediaId = fields.get('mediaid')?.value;
  if (typeof mediaId === 'number' || (typeof mediaId === 'string' && mediaId !== ''))
    hash.sourceId = String(mediaId);
  if (!hasAnyHash(hash)) return { message: 'Media has no MD5, SHA1 or PDQ hash' };
  return hash;
}

class VicsFormatError extends Error {}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Reads a VICS JSON hash set as it arrives: one result per Media, in order. A bad Media is a
 * problem and the rest continue; broken JSON ends the stream with one fatal problem.
 */
export async function* parseVicsJson(
  chunks: AsyncIterable<string | Uint8Array>,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): AsyncGenerator<VicsResult> {
  const reader = new VicsReader();
  const tokenizer = new JsonTokenizer(reader, limits);
  const encoder = new TextEncoder();
  let failure: Error | undefined;
  try {
    for await (const chunk of chunks) {
      tokenizer.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      yield* reader.results.splice(0);
    }
    tokenizer.end();
    reader.finish();
  } catch (error) {
    if (!(error instanceof JsonStreamError || error instanceof VicsFormatError)) throw error;
    failure = error;
  }
  yield* reader.results.splice(0);
  if (failure)
    yield { ok: false, index: reader.mediaIndex, path: reader.path(), message: failure.message, fatal: true };
}
