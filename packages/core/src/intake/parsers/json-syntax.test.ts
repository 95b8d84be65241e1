import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jsonErrorOffset } from './json-syntax';

it.each([
  ['{"a": }', 6],
  ['{"a": 1,}', 8],
  ['[1, 2', 5],
  ['{"a" 1}', 5],
  ['"tab\there"', 4],
  ['"\\x"', 2],
  ['[01]', 2],
  ['{} {}', 3],
  ['tru', 3],
])('finds where %j stops being JSON', (text, offset) => {
  expect(() => JSON.parse(text) as unknown).toThrow();
  expect(jsonErrorOffset(text)).toBe(offset);
});

it('accepts whatever JSON.stringify writes', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      expect(jsonErrorOffset(`${text}\n`)).toBe(text.length + 1);
    }),
  );
});
