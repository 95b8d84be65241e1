import { Random, STREAMS } from './random';

/**
 * How reports are spread over rings (one facilitator and the customers they sell to), so
 * that clusters emerge with a heavy tail: many singletons, some rings of 10–200 reports.
 * Report positions are cut into blocks; each block is laid out on its own, from its index
 * alone, so generation is lazy, memory stays flat and any block can be regenerated.
 */

export const BLOCK_SIZE = 4096;
export const MAX_RING_SIZE = 200;
/** Pareto tail exponent of ring sizes: P(size ≥ x) = x^-1.1. */
const TAIL = 1.1;
export const MAX_CUSTOMERS_PER_RING = 8;
/** Customers who buy from several rings of a block: the few links between clusters. */
export const ROAMING_CUSTOMERS_PER_BLOCK = 32;
const ROAMING_BASE = 2 ** 40;

export type Block = {
  index: number;
  /** Global ring id of each report position in the block. */
  ringOfSlot: Float64Array;
  /** Number of reports of each ring of the block, by global ring id. */
  ringSize: Map<number, number>;
};

export function layoutBlock(key: number, index: number): Block {
  const random = new Random(key, STREAMS.block, index);
  const ringOfSlot = new Float64Array(BLOCK_SIZE);
  const ringSize = new Map<number, number>();
  let filled = 0;
  for (let local = 0; filled < BLOCK_SIZE; local++) {
    const drawn = Math.min(MAX_RING_SIZE, Math.floor((1 - random.next()) ** (-1 / TAIL)));
    const size = Math.min(drawn, BLOCK_SIZE - filled);
    const ring = index * BLOCK_SIZE + local;
    ringSize.set(ring, size);
    ringOfSlot.fill(ring, filled, filled + size);
    filled += size;
  }
  // A ring's reports arrive interleaved with others, not back to back.
  for (let i = BLOCK_SIZE - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const swap = ringOfSlot[i] ?? 0;
    ringOfSlot[i] = ringOfSlot[j] ?? 0;
    ringOfSlot[j] = swap;
  }
  return { index, ringOfSlot, ringSize };
}

export type Ring = {
  id: number;
  size: number;
  /** The facilitator's id is the ring's id. */
  facilitator: number;
  customers: number[];
  /** The ring's active period, epoch milliseconds. */
  from: number;
  to: number;
};

export function ringDetails(key: number, id: number, size: number, start: Date, end: Date): Ring {
  const random = new Random(key, STREAMS.ring, id);
  const count = Math.min(MAX_CUSTOMERS_PER_RING, 1 + Math.floor(size / 5) + random.int(0, 1));
  const customers = Array.from({ length: count }, (_, j) => id * MAX_CUSTOMERS_PER_RING + j);
  const span = Math.max(0, end.getTime() - start.getTime());
  const days = 86_400_000;
  const length = Math.min(span, (14 + size * 4 + random.int(0, 60)) * days);
  const from = start.getTime() + Math.floor(random.next() * (span - length));
  return { id, size, facilitator: id, customers, from, to: from + length };
}

export function roamingCustomer(block: number, slot: number): number {
  return ROAMING_BASE + block * ROAMING_CUSTOMERS_PER_BLOCK + (slot % ROAMING_CUSTOMERS_PER_BLOCK);
}

/** The ring behind report `position`, for data that must link to the reports (referrals, hotline rows). */
export function ringAtPosition(key: number, position: number, start: Date, end: Date): Ring {
  const block = layoutBlock(key, Math.floor(position / BLOCK_SIZE));
  const id = block.ringOfSlot[position % BLOCK_SIZE] ?? 0;
  return ringDetails(key, id, block.ringSize.get(id) ?? 1, start, end);
}
