/** The typed arrays a NumberList can keep its numbers in. */
type NumberArray = Int32Array | Float64Array | Uint8Array;

/**
 * Numbers appended one by one into a typed array that doubles when full. An intake batch keeps several
 * such lists (per occurrence, per report) until its commit: in a plain array every element is a
 * slot in a backing store that the young generation copies and then promotes, and a double in
 * one may be a heap number of its own.
 */
export class NumberList<T extends NumberArray> {
  length = 0;

  constructor(private items: T) {}

  push(value: number): void {
    if (this.length === this.items.length) {
      const larger = new (this.items.constructor as new (size: number) => T)(Math.max(this.length * 2, 16));
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = value;
  }

  get(i: number): number {
    return this.items[i]!;
  }

  /** The numbers so far (a view: later pushes may or may not show in it). */
  view(): T {
    return this.items.subarray(0, this.length) as T;
  }
}
