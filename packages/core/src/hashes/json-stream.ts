/**
 * A small streaming JSON tokenizer for files too large to hold (a 1 GB hash set): bytes go
 * in chunk by chunk, events come out through a handler, and only the token being read is
 * buffered. Strings the handler does not want are scanned but never decoded. It refuses,
 * rather than buffers, what no hash set needs: deep nesting and very long strings.
 */

export type JsonScalar = string | number | boolean | null;

export type JsonHandler = {
  startObject(): void;
  endObject(): void;
  startArray(): void;
  endArray(): void;
  key(name: string): void;
  /** Asked before a string value: false and it is skipped (value() then gets undefined). */
  wantsString(): boolean;
  value(value: JsonScalar | undefined): void;
};

export type JsonLimits = { maxDepth: number; maxStringBytes: number };

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxStringBytes: 1 << 20 };

/** Malformed or refused input; the message says where (line and byte column). */
export class JsonStreamError extends Error {
  override name = 'JsonStreamError';
}

const State = {
  value: 0,
  valueOrEndArray: 1,
  keyOrEndObject: 2,
  key: 3,
  colon: 4,
  afterValue: 5,
  done: 6,
} as const;
type State = (typeof State)[keyof typeof State];
const OBJECT = 1;
const ARRAY = 2;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_NUMBER_BYTES = 64;
const MAX_CACHED_KEY = 32;
const MAX_CACHED_KEYS = 512;
/** A token that runs past the end of the buffer: wait for the next chunk. */
const INCOMPLETE = Symbol('incomplete');
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: readonly (readonly [string, JsonScalar])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

export class JsonTokenizer {
  readonly #handler: JsonHandler;
  readonly #limits: JsonLimits;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  /** Short ASCII keys by hash: every record repeats the same few, decoded once here. */
  readonly #keyCache = new Map<number, string>();
  #buf: Uint8Array = new Uint8Array(0);
  #start = 0;
  #end = 0;
  /** Whether #buf is ours to write into (otherwise it is the caller's chunk). */
  #owned = false;
  /** Absolute byte offset of #buf[0], for error positions. */
  #base = 0;
  #line = 1;
  #lineStart = 0;
  #state: State = State.value;
  #stack: Uint8Array;
  #depth = 0;
  /** How far an unfinished string was scanned, so a long one is not rescanned per chunk. */
  #scanned = 0;
  #escaped = false;
  #bomChecked = false;

  constructor(handler: JsonHandler, limits: JsonLimits = DEFAULT_JSON_LIMITS) {
    this.#handler = handler;
    this.#limits = limits;
    this.#stack = new Uint8Array(limits.maxDepth + 1);
  }

  push(chunk: Uint8Array): void {
    this.#append(chunk);
    this.#run(false);
  }

  /** No more input: anything unfinished is an error. */
  end(): void {
    this.#run(true);
    if (this.#state !== State.done) throw this.#error('Unexpected end of input', this.#end);
  }

  #append(chunk: Uint8Array): void {
    const pending = this.#end - this.#start;
    if (pending === 0) {
      this.#base += this.#end;
      this.#buf = chunk;
      this.#start = 0;
      this.#end = chunk.length;
      this.#owned = false;
      return;
    }
    const needed = pending + chunk.length;
    if (this.#owned && this.#buf.length >= needed) {
      this.#buf.copyWithin(0, this.#start, this.#end);
    } else {
      const grown = new Uint8Array(Math.max(needed, pending * 2, 1 << 16));
      grown.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = grown;
      this.#owned = true;
    }
    this.#buf.set(chunk, pending);
    this.#base += this.#start;
    this.#start = 0;
    this.#end = needed;
  }

  #run(final: boolean): void {
    const buf = this.#buf;
    const end = this.#end;
    if (!this.#bomChecked) {
      if (end - this.#start < 3 && !final) return;
      this.#bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.#start += 3;
    }
    for (;;) {
      let i = this.#start;
      for (; i < end; i++) {
        const b = buf[i]!;
        if (b === 0x0a) {
          this.#line++;
          this.#lineStart = this.#base + i + 1;
        } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) break;
      }
      this.#start = i;
      if (i === end) return;
      const b = buf[i]!;
      switch (this.#state) {
        case State.done:
          throw this.#error('Unexpected content after the end of the document', i);
        case State.colon:
          if (b !== 0x3a) throw this.#unexpected(i);
          this.#start = i + 1;
          this.#state = State.value;
          break;
        case State.afterValue:
          if (b === 0x2c) {
            this.#start = i + 1;
            this.#state = this.#stack[this.#depth] === OBJECT ? State.key : State.value;
          } else if (b === 0x7d && this.#stack[this.#depth] === OBJECT) {
            this.#close(i, OBJECT);
          } else if (b === 0x5d && this.#stack[this.#depth] === ARRAY) {
            this.#close(i, ARRAY);
          } else throw this.#unexpected(i);
          break;
        case State.keyOrEndObject:
        case State.key:
          if (b === 0x7d && this.#state === State.keyOrEndObject) {
            this.#close(i, OBJECT);
          } else if (b === QUOTE) {
            const key = this.#string(i, final, true, true);
            if (key === INCOMPLETE) return;
            this.#handler.key(key ?? '');
            this.#state = State.colon;
          } else throw this.#unexpected(i);
          break;
        case State.value:
        case State.valueOrEndArray:
          if (b === 0x5d && this.#state === State.valueOrEndArray) {
            this.#close(i, ARRAY);
          } else if (!this.#value(i, b, final)) return;
          break;
      }
    }
  }

  /** Reads the value starting at i; false when it is not all in the buffer yet. */
  #value(i: number, b: number, final: boolean): boolean {
    if (b === 0x7b || b === 0x5b) {
      if (this.#depth >= this.#limits.maxDepth) {
        throw this.#error(`Nesting deeper than ${this.#limits.maxDepth} levels is refused`, i);
      }
      this.#stack[++this.#depth] = b === 0x7b ? OBJECT : ARRAY;
      this.#start = i + 1;
      this.#state = b === 0x7b ? State.keyOrEndObject : State.valueOrEndArray;
      if (b === 0x7b) this.#handler.startObject();
      else this.#handler.startArray();
      return true;
    }
    let value: JsonScalar | undefined;
    if (b === QUOTE) {
      const text = this.#string(i, final, this.#handler.wantsString());
      if (text === INCOMPLETE) return false;
      value = text;
    } else if (b === 0x2d || (b >= 0x30 && b <= 0x39)) {
      const number = this.#number(i, final);
      if (number === INCOMPLETE) return false;
      value = number;
    } else {
      const literal = this.#literal(i, final);
      if (literal === INCOMPLETE) return false;
      value = literal;
    }
    this.#handler.value(value);
    this.#state = this.#depth === 0 ? State.done : State.afterValue;
    return true;
  }

  #close(i: number, kind: typeof OBJECT | typeof ARRAY): void {
    this.#depth--;
    this.#start = i + 1;
    this.#state = this.#depth === 0 ? State.done : State.afterValue;
    if (kind === OBJECT) this.#handler.endObject();
    else this.#handler.endArray();
  }

  /** The string starting at the quote at i: decoded if wanted, undefined if skipped. */
  #string(i: number, final: boolean, decode: boolean, isKey = false): string | undefined | typeof INCOMPLETE {
    const buf = this.#buf;
    const end = this.#end;
    const limit = i + 1 + this.#limits.maxStringBytes;
    let j = i + 1 + this.#scanned;
    let escaped = this.#escaped;
    for (; j < end; j++) {
      const b = buf[j]!;
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        if (j + 1 >= end) break;
        escaped = true;
        j++;
      } else if (b < 0x20) throw this.#error('Control character in a string', j);
      if (j >= limit)
        throw this.#error(`String longer than ${this.#limits.maxStringBytes} bytes is refused`, i);
    }
    if (j >= end || buf[j] !== QUOTE) {
      if (final) throw this.#error('Unterminated string', i);
      this.#scanned = j - i - 1;
      this.#escaped = escaped;
      return INCOMPLETE;
    }
    this.#scanned = 0;
    this.#escaped = false;
    this.#start = j + 1;
    if (!decode) return undefined;
    const cached = isKey && !escaped ? this.#intern(i + 1, j) : undefined;
    if (cached !== undefined) return cached;
    try {
      if (escaped) return JSON.parse(this.#decoder.decode(buf.subarray(i, j + 1))) as string;
      return this.#decoder.decode(buf.subarray(i + 1, j));
    } catch {
      throw this.#error('Invalid escape or UTF-8 in a string', i);
    }
  }

  /** The cached string for these bytes, if they are short ASCII; same bytes give the same string. */
  #intern(from: number, to: number): string | undefined {
    const length = to - from;
    if (length > MAX_CACHED_KEY) return undefined;
    const buf = this.#buf;
    let hash = length;
    for (let k = from; k < to; k++) {
      if (buf[k]! >= 0x80) return undefined;
      hash = Math.imul(hash ^ buf[k]!, 0x01000193);
    }
    const cached = this.#keyCache.get(hash);
    if (cached?.length === length) {
      let k = 0;
      while (k < length && cached.charCodeAt(k) === buf[from + k]) k++;
      if (k === length) return cached;
    }
    const text = String.fromCharCode(...buf.subarray(from, to));
    // Bounded, so a file of ever-new keys cannot grow it.
    if (this.#keyCache.size < MAX_CACHED_KEYS) this.#keyCache.set(hash, text);
    return text;
  }

  #number(i: number, final: boolean): number | typeof INCOMPLETE {
    const buf = this.#buf;
    let j = i;
    for (; j < this.#end; j++) {
      const b = buf[j]!;
      const numeric =
        (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45;
      if (!numeric) break;
      if (j - i >= MAX_NUMBER_BYTES) throw this.#error('Number too long', i);
    }
    if (j === this.#end && !final) return INCOMPLETE;
    const integer = this.#integer(i, j);
    if (integer !== undefined) {
      this.#start = j;
      return integer;
    }
    const text = String.fromCharCode(...buf.subarray(i, j));
    if (!NUMBER.test(text)) throw this.#error(`Invalid number ${JSON.stringify(text)}`, i);
    this.#start = j;
    return Number(text);
  }

  /** Ids, sizes and categories are small integers: read them without a string or a regex. */
  #integer(from: number, to: number): number | undefined {
    const buf = this.#buf;
    const negative = buf[from] === 0x2d;
    const first = negative ? from + 1 : from;
    if (to - first < 1 || to - first > 15 || (buf[first] === 0x30 && to - first > 1)) return undefined;
    let value = 0;
    for (let k = first; k < to; k++) {
      const digit = buf[k]! - 0x30;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  #literal(i: number, final: boolean): JsonScalar | typeof INCOMPLETE {
    const buf = this.#buf;
    const entry = LITERALS.find(([word]) => word.charCodeAt(0) === buf[i]);
    if (entry === undefined) throw this.#unexpected(i);
    const [word, value] = entry;
    for (let k = 1; k < word.length; k++) {
      if (i + k >= this.#end) {
        if (final) throw this.#error('Unexpected end of input', i + k);
        return INCOMPLETE;
      }
      if (buf[i + k] !== word.charCodeAt(k)) throw this.#unexpected(i + k);
    }
    this.#start = i + word.length;
    return value;
  }

  #unexpected(i: number): JsonStreamError {
    const b = this.#buf[i]!;
    const shown = b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16)}`;
    return this.#error(`Unexpected ${shown}`, i);
  }

  #error(message: string, i: number): JsonStreamError {
    const column = this.#base + i - this.#lineStart + 1;
    return new JsonStreamError(`${message} at line ${this.#line}, column ${column}`);
  }
}
