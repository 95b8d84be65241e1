/** Where a text stops being JSON; used only after JSON.parse has failed, whose messages vary by engine. */

class JsonStop extends Error {
  constructor(readonly offset: number) {
    super('not JSON');
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 512;

/** Offset of the first character that breaks the JSON grammar (the text's length when the text simply ends). */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const stop = (): never => {
    throw new JsonStop(at);
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text.charAt(at) !== char) stop();
      at += 1;
    }
  };
  const string = (): void => {
    if (text.charAt(at) !== '"') stop();
    at += 1;
    for (;;) {
      const char = text.charAt(at);
      if (char === '' || char < ' ') stop();
      at += 1;
      if (char === '"') return;
      if (char !== '\\') continue;
      const escaped = text.charAt(at);
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 5;
      else if (escaped !== '' && '"\\/bfnrt'.includes(escaped)) at += 1;
      else stop();
    }
  };
  const members = (close: string, member: () => void): void => {
    at += 1;
    skipSpace();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text.charAt(at) === close) {
        at += 1;
        return;
      }
      literal(',');
    }
  };
  const value = (depth: number): void => {
    skipSpace();
    if (depth > MAX_DEPTH) stop();
    const char = text.charAt(at);
    if (char === '{') {
      members('}', () => {
        skipSpace();
        string();
        skipSpace();
        literal(':');
        value(depth + 1);
      });
    } else if (char === '[') members(']', () => value(depth + 1));
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else {
      NUMBER.lastIndex = at;
      if (!NUMBER.test(text)) stop();
      at = NUMBER.lastIndex;
    }
  };
  try {
    value(0);
    skipSpace();
    return at;
  } catch (error) {
    if (error instanceof JsonStop) return error.offset;
    throw error;
  }
}
