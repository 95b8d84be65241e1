/**
 * XML 1.0's character classes, end-of-line handling and entity references, as the intake's
 * scanner (xml-scanner.ts) reads them. Only the five predefined entities and character
 * references exist: no DOCTYPE is ever read, so no other entity can be declared.
 */

/** Characters XML 1.0 forbids anywhere (its Char production, but for surrogates, which UTF-8 decoding rules out). */
// eslint-disable-next-line no-control-regex -- these control characters are what XML forbids
export const DISALLOWED = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/** XML's white space. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** XML's NameStartChar, with every non-ASCII letter-range character accepted as XML 1.0 (5th edition) does. */
export function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    code === 0x3a ||
    (code >= 0xc0 &&
      code !== 0xd7 &&
      code !== 0xf7 &&
      !(code >= 0x2000 && code <= 0x206f && code !== 0x200c && code !== 0x200d) &&
      code !== 0xfeff)
  );
}

export function isNameChar(code: number): boolean {
  return (
    isNameStart(code) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0xb7 ||
    (code >= 0x0300 && code <= 0x036f) ||
    code === 0x203f ||
    code === 0x2040
  );
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** XML's end-of-line handling; in an attribute value, white space characters become spaces. */
export function lineEnds(text: string, attribute: boolean): string {
  if (attribute) return /[\t\n\r]/.test(text) ? text.replace(/\r\n|[\t\n\r]/g, ' ') : text;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The text an entity reference (`name` between `&` and `;`) stands for, or why it is refused. */
export function entityText(name: string): string | { refused: string } {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(name);
  const decimal = hex ? undefined : /^#([0-9]{1,7})$/.exec(name);
  const code = hex ? parseInt(hex[1]!, 16) : decimal ? parseInt(decimal[1]!, 10) : NaN;
  if (Number.isNaN(code))
    return {
      refused: `&${name}; is an undefined entity; only &lt; &gt; &amp; &quot; &apos; and character references are known.`,
    };
  if (!isXmlChar(code)) return { refused: `&${name}; is not a character XML allows.` };
  return String.fromCodePoint(code);
}
