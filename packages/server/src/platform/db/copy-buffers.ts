/**
 * Buffers for COPY rows, kept from one batch for the next. A bulk import builds some 40 MB of
 * COPY rows per batch of 5 000 reports; allocated afresh for each batch, their memory was mostly
 * new to the process, and on a virtual machine the first touch of each page of new memory is a
 * page fault of some 14 µs (measured on the benchmark host: more than the rows' writing itself).
 * A buffer taken here comes back after its rows are sent, and the next batch writes into memory
 * already in place.
 */
export class CopyBuffers {
  private readonly free: Buffer[] = [];
  private freeBytes = 0;

  constructor(
    /** Bytes kept at most; a buffer given back beyond them is left to the garbage collector. */
    private readonly maxBytes: number,
    /** Buffers kept at most (take looks at each). */
    private readonly maxCount = 64,
  ) {}

  /** Bytes kept for reuse now. */
  get kept(): number {
    return this.freeBytes;
  }

  /**
   * A buffer of at least `bytes`: the smallest kept one that fits and is less than twice as
   * large (a large one kept for a small use would only make the next large use allocate), or
   * a new one. Its contents are whatever was written before.
   */
  take(bytes: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i += 1) {
      const length = this.free[i]!.length;
      if (length >= bytes && length < 2 * bytes && (best < 0 || length < this.free[best]!.length)) best = i;
    }
    if (best < 0) return Buffer.allocUnsafeSlow(bytes);
    const buffer = this.free[best]!;
    this.free[best] = this.free[this.free.length - 1]!;
    this.free.pop();
    this.freeBytes -= buffer.length;
    return buffer;
  }

  /** Lets go of every buffer kept (the garbage collector frees them). */
  clear(): void {
    this.free.length = 0;
    this.freeBytes = 0;
  }

  /** Takes a buffer back: nothing may use it after this. */
  give(buffer: Buffer): void {
    if (this.freeBytes + buffer.length > this.maxBytes || this.free.length >= this.maxCount) return;
    this.free.push(buffer);
    this.freeBytes += buffer.length;
  }
}
