/** The input held bytes that are not UTF-8; the parser that catches it knows the line. */
export class BadEncoding extends Error {
  constructor() {
    super('The input is not valid UTF-8 (only UTF-8 is accepted).');
    this.name = 'BadEncoding';
  }
}

export type TextChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Decodes chunks as strict UTF-8, one chunk at a time; strings pass through. On invalid bytes it
 * first yields the valid text before them and then throws BadEncoding, so whatever came before
 * still parses. A leading byte-order mark is dropped.
 */
export async function* decodeUtf8(chunks: TextChunks): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Bytes of a character split across chunks: the decoder holds them, we mirror them to locate errors.
  let carried = new Uint8Array(0);
  let first = true;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      if (carried.length > 0) throw new BadEncoding();
      // An empty chunk is not the start: a byte-order mark in the next one is still dropped.
      if (chunk.length === 0) continue;
      yield first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
      first = false;
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const bytes = concat(carried, chunk);
      const valid = validPrefixLength(bytes, first);
      yield new TextDecoder('utf-8', { ignoreBOM: !first }).decode(bytes.subarray(0, valid), {
        stream: true,
      });
      throw new BadEncoding();
    }
    first = false;
    const window = concat(carried, chunk.subarray(Math.max(0, chunk.length - 3)));
    carried = window.slice(window.length - incompleteSuffixLength(window));
    if (text.length > 0) yield text;
  }
  try {
    decoder.decode();
  } catch {
    throw new BadEncoding();
  }
}

/** The longest prefix that a strict decoder accepts, allowing a character cut at its end. */
function validPrefixLength(bytes: Uint8Array, first: boolean): number {
  const accepts = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: !first }).decode(bytes.subarray(0, length), {
        stream: true,
      });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (accepts(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

/** How many trailing bytes start a character that the next chunk completes. */
function incompleteSuffixLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}
