import { describe, expect, it } from 'vitest';
import { JsonStreamError, JsonTokenizer, type JsonHandler, type JsonScalar } from './json-stream';

/** Rebuilds the document from the events, to compare with JSON.parse. */
function collect(text: string, chunkSize: number, wants = true): unknown {
  const stack: { container: unknown[] | Record<string, unknown>; key?: string }[] = [];
  let result: unknown;
  const put = (value: unknown) => {
    const top = stack[stack.length - 1];
    if (top === undefined) result = value;
    else if (Array.isArray(top.container)) top.container.push(value);
    else top.container[top.key!] = value;
  };
  const handler: JsonHandler = {
    startObject: () => stack.push({ container: {} }),
    startArray: () => stack.push({ container: [] }),
    endObject: () => put(stack.pop()!.container),
    endArray: () => put(stack.pop()!.container),
    key: (name) => void (stack[stack.length - 1]!.key = name),
    wantsString: () => wants,
    value: (value: JsonScalar | undefined) => put(value === undefined ? '<skipped>' : value),
  };
  const tokenizer = new JsonTokenizer(handler);
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) tokenizer.push(bytes.subarray(i, i + chunkSize));
  tokenizer.end();
  return result;
}

const IGNORE: JsonHandler = {
  startObject() {},
  endObject() {},
  startArray() {},
  endArray() {},
  key() {},
  wantsString: () => false,
  value() {},
};

const DOCUMENT = JSON.stringify({
  a: [1, -2.5, 3e10, 0, -0.001e-3, true, false, null],
  'é "quoted" \\ key': 'tab\there, newline\n, unicode \u2603 and 😀, escape \u0001',
  nested: { empty: {}, list: [[], [{}]] },
});

describe('JsonTokenizer', () => {
  it.each([1, 2, 3, 7, 64, 100_000])(
    'reads a document split into %i-byte chunks as JSON.parse does',
    (size) => {
      expect(collect(DOCUMENT, size)).toEqual(JSON.parse(DOCUMENT));
    },
  );

  it('skips strings the handler does not want without decoding them', () => {
    expect(collect('["a", {"k": "v"}]', 1, false)).toEqual(['<skipped>', { k: '<skipped>' }]);
  });

  it('accepts a UTF-8 byte order mark and surrounding whitespace', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(' \r\n [1] \n')]);
    const values: unknown[] = [];
    const tokenizer = new JsonTokenizer({ ...IGNORE, value: (value) => void values.push(value) });
    for (const byte of bytes) tokenizer.push(new Uint8Array([byte]));
    tokenizer.end();
    expect(values).toEqual([1]);
  });

  it.each([
    ['a trailing comma in an array', '[1,]', "Unexpected ']' at line 1, column 4"],
    ['a trailing comma in an object', '{"a":1,}', "Unexpected '}' at line 1, column 8"],
    ['a missing colon', '{"a" 1}', "Unexpected '1' at line 1, column 6"],
    ['a single-quoted string', "['a']", "Unexpected ''' at line 1, column 2"],
    ['a bad literal', '[tru]', "Unexpected ']' at line 1, column 5"],
    ['a leading zero', '[01]', 'Invalid number "01" at line 1, column 2'],
    ['a lone minus', '[-]', 'Invalid number "-" at line 1, column 2'],
    ['a raw newline in a string', '["a\nb"]', 'Control character in a string at line 1, column 4'],
    ['a bad escape', '["\\x"]', 'Invalid escape or UTF-8 in a string at line 1, column 2'],
    ['an unterminated string', '["abc', 'Unterminated string at line 1, column 2'],
    ['an unclosed array', '[1, 2', 'Unexpected end of input at line 1, column 6'],
    ['a second document', '{} {}', 'Unexpected content after the end of the document at line 1, column 4'],
    ['an error on a later line', '[\n1,\n  x]', "Unexpected 'x' at line 3, column 3"],
  ])('refuses %s', (_name, text, message) => {
    const run = () => collect(text, 2);
    expect(run).toThrow(JsonStreamError);
    expect(run).toThrow(message);
  });

  it('refuses a wanted string that is not valid UTF-8', () => {
    const tokenizer = new JsonTokenizer({ ...IGNORE, wantsString: () => true });
    expect(() => tokenizer.push(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toThrow(
      'Invalid escape or UTF-8',
    );
  });

  it('refuses nesting deeper than 32 levels, and accepts 32', () => {
    expect(() => collect('['.repeat(32) + ']'.repeat(32), 5)).not.toThrow();
    expect(() => collect('['.repeat(33) + ']'.repeat(33), 5)).toThrow(
      'Nesting deeper than 32 levels is refused',
    );
  });

  it('refuses a string longer than 1 MB before reading all of it, and accepts exactly 1 MB', () => {
    const limit = 1 << 20;
    expect(collect(`["${'a'.repeat(limit)}"]`, 65_536)).toEqual(['a'.repeat(limit)]);
    const tokenizer = new JsonTokenizer(IGNORE);
    tokenizer.push(new TextEncoder().encode('["'));
    const chunk = new Uint8Array(65_536).fill(0x61);
    const feed = () => {
      for (let i = 0; i < 100; i++) tokenizer.push(chunk);
    };
    expect(feed).toThrow(`String longer than ${limit} bytes is refused`);
  });
});
