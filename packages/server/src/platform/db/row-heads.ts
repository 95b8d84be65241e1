import { BinaryRows, type BinaryTable, type BinaryValue } from './binary-copy';
import type { CopyBuffers } from './copy-buffers';
import { NumberList } from '../number-list';

/**
 * The first columns of rows whose last ones are known only later: written ahead, then joined
 * to the rest by BinaryRows.addJoined.
 */
export class RowHeads {
  private readonly rows: BinaryRows;
  /** Where each head starts and ends in `rows`. */
  private readonly marks = new NumberList(new Int32Array(2048));

  constructor(
    table: BinaryTable,
    /** How many of the table's columns the heads hold. */
    readonly columns: number,
    sizeHint?: number,
    buffers?: CopyBuffers,
  ) {
    this.rows = new BinaryRows(
      { name: table.name, columns: table.columns.slice(0, columns) },
      sizeHint,
      buffers,
    );
  }

  /** Gives the heads' buffer back to its pool (see BinaryRows.release). */
  release(): void {
    this.rows.release();
  }

  add(values: readonly BinaryValue[]): number {
    const start = this.rows.length + 2;
    this.rows.add(values);
    this.marks.push(start);
    this.marks.push(this.rows.length);
    return this.marks.length / 2 - 1;
  }

  byteLength(n: number): number {
    return this.marks.get(2 * n + 1) - this.marks.get(2 * n);
  }

  /** Copies head `n` into `target` at `at`; returns its length. */
  copyTo(n: number, target: Buffer, at: number): number {
    return this.rows.copyBytes(this.marks.get(2 * n), this.marks.get(2 * n + 1), target, at);
  }
}
