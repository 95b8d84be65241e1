/**
 * Array parameters written as PostgreSQL array literals by hand. node-postgres quotes and
 * escapes every element of an array parameter one by one, which costs more than the query
 * itself for the intake's batch-sized id lists; bigint ids (as the digit strings PostgreSQL
 * returns for `id::text`) need neither quotes nor escapes.
 */
export function bigintArray(ids: readonly (string | number)[]): string {
  for (const id of ids)
    if (typeof id === 'string' ? !/^-?\d{1,19}$/.test(id) : !Number.isSafeInteger(id))
      throw new Error(`not a bigint id: ${JSON.stringify(id)}`);
  return `{${ids.join(',')}}`;
}

/** Times as a timestamptz[] literal, in UTC. */
export function timestampArray(times: readonly Date[]): string {
  return `{${times.map((time) => time.toISOString()).join(',')}}`;
}

/** Hashes given in hex as a bytea[] literal: no Buffer per hash on our side. */
export function byteaHexArray(hexes: readonly string[]): string {
  for (const hex of hexes)
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`not a hex string: ${JSON.stringify(hex)}`);
  return `{${hexes.map((hex) => `"\\\\x${hex}"`).join(',')}}`;
}

/** Strings as a text[] literal: every element quoted, and only `"` and `\` escaped (none, as a rule). */
export function textArray(values: readonly string[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (i > 0) literal += ',';
    literal += `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  return `${literal}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;
