import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isUuid } from '../ids';
import type { CopyBuffers } from './copy-buffers';
import type { RowHeads } from './row-heads';

/**
 * Rows for `COPY … FROM STDIN (FORMAT binary)`, written straight into one growing buffer.
 * The intake's hot path: against the text format it saves escaping and hex-encoding on our
 * side and parsing (timestamps, arrays, bytea) on the server's, and it hands the socket one
 * buffer instead of a stream of strings. Each column names its PostgreSQL type, which must be
 * the table's own: binary input is not converted. A bytea value may be given as bytes or as
 * hex text (a hash as the intake carries it).
 */
export type BinaryType =
  | 'int2'
  | 'int4'
  | 'int8'
  | 'bool'
  | 'text'
  | 'bytea'
  | 'uuid'
  | 'timestamptz'
  | 'jsonb'
  | 'text[]'
  | 'int2[]';

export type BinaryValue =
  | string
  | number
  | boolean
  | Date
  | Uint8Array
  | readonly string[]
  | readonly number[]
  | { json: unknown }
  | null
  | undefined;

export type BinaryTable = { name: string; columns: readonly (readonly [column: string, type: BinaryType])[] };

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 2 ** 32;
const ELEMENT_OID = { 'text[]': 25, 'int2[]': 21 } as const;

/** Column types as small integers: a row's values are written by one switch, not a call each. */
const TYPE_CODES = {
  int2: 0,
  int4: 1,
  int8: 2,
  bool: 3,
  text: 4,
  bytea: 5,
  uuid: 6,
  timestamptz: 7,
  jsonb: 8,
  'text[]': 9,
  'int2[]': 10,
} as const satisfies Record<BinaryType, number>;

export class BinaryRows {
  private buffer: Buffer;
  private at = 0;
  private rows = 0;
  private readonly types: Uint8Array;
  /** The column put() writes next; the column count when no row is open. */
  private next: number;
  /** The last uuid written, and its bytes (see uuid). */
  private lastUuid: string | undefined;
  private readonly lastUuidBytes = Buffer.alloc(16);
  /** Set by release: the buffer is back in its pool. */
  private released = false;

  constructor(
    private readonly table: BinaryTable,
    sizeHint = 64 * 1024,
    /** Where the buffer comes from and goes back to (see release); else it is allocated. */
    private readonly buffers?: CopyBuffers,
  ) {
    const bytes = Math.max(sizeHint, 64);
    this.buffer = buffers ? buffers.take(bytes) : Buffer.allocUnsafe(bytes);
    SIGNATURE.copy(this.buffer, 0);
    this.buffer.writeInt32BE(0, 11); // flags
    this.buffer.writeInt32BE(0, 15); // header extension length
    this.at = 19;
    this.types = Uint8Array.from(table.columns, ([, type]) => TYPE_CODES[type]);
    this.next = this.types.length;
  }

  get count(): number {
    return this.rows;
  }

  add(values: readonly BinaryValue[]): void {
    this.checkComplete();
    const count = this.types.length;
    if (values.length !== count)
      throw new Error(`${this.table.name}: a row has ${values.length} values for ${count} columns`);
    this.ensure(2);
    const start = this.at;
    try {
      this.int16(count);
      for (let i = 0; i < count; i += 1) this.value(i, values[i]);
    } catch (error) {
      // A refused row leaves nothing behind: the rows before it can still be sent.
      this.at = start;
      throw error;
    }
    this.rows += 1;
  }

  /** Bytes written so far (RowHeads marks its rows with it). */
  get length(): number {
    return this.at;
  }

  /** Written bytes, by position: valid until the next add. */
  bytes(start: number, end: number): Buffer {
    return this.buffer.subarray(start, end);
  }

  /**
   * Copies written bytes into `target` at `at`; returns how many. A row's head (some tens of
   * bytes) by hand: Buffer.copy of part of a buffer makes a view of it for every call.
   */
  copyBytes(start: number, end: number, target: Buffer, at: number): number {
    this.checkReleased();
    if (end - start > 256) return this.buffer.copy(target, at, start, end);
    const source = this.buffer;
    for (let i = start; i < end; i += 1) target[at++] = source[i]!;
    return end - start;
  }

  /**
   * Starts a row with its first columns written ahead (head `n` of `heads`); put() then writes
   * the others, in order. Nothing is allocated per row: the hot path of a batch's commit,
   * where one row in ten thousand would otherwise cost a view and an array of values.
   */
  addJoined(heads: RowHeads, n: number): void {
    this.checkComplete();
    const count = this.types.length;
    this.ensure(2 + heads.byteLength(n));
    this.int16(count);
    this.at += heads.copyTo(n, this.buffer, this.at);
    this.next = heads.columns;
    this.rows += 1;
  }

  /** The next column of the row begun by addJoined. */
  put(value: BinaryValue): void {
    if (this.next >= this.types.length)
      throw new Error(`${this.table.name}: a row has more values than columns`);
    this.value(this.next, value);
    this.next += 1;
  }

  /** A row begun by addJoined must have every column before the next row or the COPY. */
  private checkComplete(): void {
    if (this.next !== this.types.length)
      throw new Error(`${this.table.name}: a row has ${this.next} values for ${this.types.length} columns`);
  }

  /**
   * Gives the buffer back to the pool it came from, once its rows are sent (or no longer
   * needed): nothing can be added, copied or sent after.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const buffer = this.buffer;
    this.buffer = Buffer.alloc(0);
    this.at = 0;
    this.buffers?.give(buffer);
  }

  /** Sends the rows on the caller's client (so they join its transaction). */
  async copy(client: pg.PoolClient | pg.Client): Promise<void> {
    this.checkReleased();
    this.checkComplete();
    if (this.rows === 0) return;
    this.ensure(2);
    this.buffer.writeInt16BE(-1, this.at);
    const names = this.table.columns.map(([column]) => column).join(', ');
    const stream = client.query(copyFrom(`COPY ${this.table.name} (${names}) FROM STDIN (FORMAT binary)`));
    stream.end(this.buffer.subarray(0, this.at + 2));
    await finished(stream);
  }

  /** One field: its length word and bytes, as its column's type wants them. */
  private value(column: number, value: BinaryValue): void {
    if (value === null || value === undefined) {
      this.int32(-1);
      return;
    }
    switch (this.types[column]) {
      case TYPE_CODES.int2:
        this.int32(2);
        this.ensure(2);
        this.int16(this.integer(column, value), column);
        return;
      case TYPE_CODES.int4: {
        const n = this.integer(column, value);
        if (n < -0x80000000 || n > 0x7fffffff) throw this.mismatch(column, value, 'int4');
        this.int32(4);
        this.int32(n);
        return;
      }
      case TYPE_CODES.int8:
        this.int32(8);
        this.int64(this.integer(column, value));
        return;
      case TYPE_CODES.bool:
        if (typeof value !== 'boolean') throw this.mismatch(column, value);
        this.int32(1);
        this.ensure(1);
        this.buffer[this.at++] = value ? 1 : 0;
        return;
      case TYPE_CODES.text:
        if (typeof value !== 'string') throw this.mismatch(column, value);
        this.text(value);
        return;
      case TYPE_CODES.bytea:
        if (typeof value === 'string') {
          this.hex(column, value);
          return;
        }
        if (!(value instanceof Uint8Array)) throw this.mismatch(column, value);
        this.int32(value.length);
        this.ensure(value.length);
        this.buffer.set(value, this.at);
        this.at += value.length;
        return;
      case TYPE_CODES.uuid:
        this.uuid(column, value);
        return;
      case TYPE_CODES.timestamptz: {
        const ms = value instanceof Date ? value.getTime() : NaN;
        if (Number.isNaN(ms)) throw this.mismatch(column, value);
        this.int32(8);
        this.int64((ms - PG_EPOCH_MS) * 1000);
        return;
      }
      case TYPE_CODES.jsonb: {
        if (typeof value !== 'object' || !('json' in value)) throw this.mismatch(column, value);
        const text = stripNul(JSON.stringify(value.json));
        const start = this.reserve(1 + text.length * 3);
        this.buffer[this.at++] = 1; // jsonb's binary version
        this.at += this.buffer.write(text, this.at, 'utf8');
        this.putInt32(this.at - start - 4, start);
        return;
      }
      default:
        if (!Array.isArray(value)) throw this.mismatch(column, value);
        this.array(column, value as readonly unknown[]);
    }
  }

  private array(column: number, items: readonly unknown[]): void {
    const text = this.types[column] === TYPE_CODES['text[]'];
    const start = this.reserve(20);
    this.int32(items.length ? 1 : 0); // dimensions
    this.int32(0); // no nulls
    this.int32(text ? ELEMENT_OID['text[]'] : ELEMENT_OID['int2[]']);
    if (items.length) {
      this.int32(items.length);
      this.int32(1); // lower bound
    }
    for (const item of items) {
      if (text) {
        if (typeof item !== 'string') throw this.mismatch(column, items);
        this.text(item);
      } else {
        this.int32(2);
        this.ensure(2);
        this.int16(this.integer(column, item), column);
      }
    }
    this.putInt32(this.at - start - 4, start);
  }

  /**
   * A uuid's 16 bytes. Rows often repeat one (every report of an import names it): it is
   * checked and converted once, then copied.
   */
  private uuid(column: number, value: BinaryValue): void {
    if (value !== this.lastUuid) {
      if (typeof value !== 'string' || !isUuid(value)) throw this.mismatch(column, value);
      this.lastUuidBytes.write(value.replaceAll('-', ''), 'hex');
      this.lastUuid = value;
    }
    this.int32(16);
    this.ensure(16);
    this.lastUuidBytes.copy(this.buffer, this.at);
    this.at += 16;
  }

  /** Bytes given as hex (a hash as the intake carries it): written as bytes, no Buffer made for them. */
  private hex(column: number, value: string): void {
    const length = value.length >>> 1;
    this.int32(length);
    this.ensure(length);
    if (value.length % 2 !== 0 || this.buffer.write(value, this.at, length, 'hex') !== length)
      throw this.mismatch(column, value, 'bytea (hex)');
    this.at += length;
  }

  private text(value: string): void {
    const length = value.length;
    const start = this.reserve(length * 3);
    // Short ASCII text, the usual case, is copied here: cheaper than a call into Buffer.write.
    if (length <= 64) {
      const buffer = this.buffer;
      let at = this.at;
      let i = 0;
      for (; i < length; i += 1) {
        const code = value.charCodeAt(i);
        if (code === 0 || code > 0x7f) break;
        buffer[at++] = code;
      }
      if (i === length) {
        this.at = at;
        this.putInt32(length, start);
        return;
      }
    }
    this.at = start + 4;
    this.at += this.buffer.write(stripNul(value), this.at, 'utf8');
    this.putInt32(this.at - start - 4, start);
  }

  /** Reserves a length word and room for `bytes` after it; returns where the length goes. */
  private reserve(bytes: number): number {
    this.ensure(4 + bytes);
    const start = this.at;
    this.at += 4;
    return start;
  }

  private int32(value: number): void {
    this.ensure(4);
    this.putInt32(value, this.at);
    this.at += 4;
  }

  /** Big-endian, by hand: Buffer's writeInt32BE checks its arguments at every call. */
  private putInt32(value: number, at: number): void {
    const buffer = this.buffer;
    buffer[at] = value >>> 24;
    buffer[at + 1] = value >>> 16;
    buffer[at + 2] = value >>> 8;
    buffer[at + 3] = value;
  }

  /** After an ensure: two bytes, big-endian (a row's field count, or a column's int2). */
  private int16(value: number, column?: number): void {
    if (column !== undefined && (value < -0x8000 || value > 0x7fff))
      throw this.mismatch(column, value, 'int2');
    this.buffer[this.at++] = value >>> 8;
    this.buffer[this.at++] = value;
  }

  private int64(value: number): void {
    const high = Math.floor(value / TWO_32);
    this.ensure(8);
    this.putInt32(high, this.at);
    this.putInt32(value - high * TWO_32, this.at + 4);
    this.at += 8;
  }

  private integer(column: number, value: unknown): number {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw this.mismatch(column, value, 'integer');
    return n;
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.checkReleased();
    const size = Math.max(this.buffer.length * 2, this.at + bytes);
    const grown = this.buffers ? this.buffers.take(size) : Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffers?.give(this.buffer);
    this.buffer = grown;
  }

  private checkReleased(): void {
    if (this.released) throw new Error(`${this.table.name}: its rows were released`);
  }

  private mismatch(column: number, value: unknown, type: string = this.table.columns[column]![1]): Error {
    const shown = value instanceof Date ? 'an invalid date' : JSON.stringify(value)?.slice(0, 60);
    return new Error(
      `${this.table.name}.${this.table.columns[column]![0]}: ${String(shown)} is not of type ${type}`,
    );
  }
}

/** PostgreSQL text cannot hold NUL; the text COPY format drops it too. */
function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
