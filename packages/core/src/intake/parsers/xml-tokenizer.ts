/**
 * A strict, streaming XML tokenizer for report files: elements, attributes, text, CDATA,
 * comments and processing instructions, with the five predefined entities and character
 * references. Anything that needs a DTD is refused: a DOCTYPE is reported (the reader stops
 * there) and any other entity is an error, so nothing is ever expanded or fetched.
 *
 * It finds markup with `indexOf` rather than stepping a state machine character by
 * character: the CyberTipline intake spent half its time in the general-purpose SAX parser
 * it replaces. Events fire with `position`, `line` and `column` just past the markup read.
 */

export type XmlTag = { name: string; attributes: Record<string, string>; isSelfClosing: boolean };

export type XmlTokenHandlers = {
  opentag(tag: XmlTag): void;
  closetag(name: string): void;
  text(text: string): void;
  cdata(text: string): void;
  /** Comments and processing instructions: markup that carries nothing for a report. */
  markup(): void;
  xmldecl(encoding: string | undefined): void;
  doctype(): void;
  /** A well-formedness error; the tokenizer reads nothing more after it. */
  error(message: string): void;
};

const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** XML 1.0 names (without the rarer astral ranges, which report files never use). */
const NAME =
  /^[A-Za-z_:\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\uFFFD][\w.:\-\u00B7\u00C0-\uFFFD]*$/;
/** One attribute, after whitespace: name, equals, quoted value. */
const ATTRIBUTE = /\s+([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
/** Characters XML 1.0 does not allow anywhere in a document. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENCODING = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;

class WellFormedness extends Error {}

export class XmlTokenizer {
  /** Characters consumed so far (global offset just past the last markup read). */
  position = 0;
  /** Line of `position`, from 1. */
  line = 1;
  /** Column of `position` in UTF-16 code units, from 0. */
  column = 0;

  private pending = '';
  /** Global offset of `pending[0]`. */
  private pendingStart = 0;
  /** Global offset of the start of the current line; newlines are counted up to `counted`. */
  private lineStart = 0;
  private counted = 0;
  private readonly open: string[] = [];
  private seenRoot = false;
  private closed = false;

  constructor(private readonly on: XmlTokenHandlers) {}

  /** Feeds the next piece of the document; `null` ends it. */
  write(chunk: string | null): void {
    if (this.closed) return;
    try {
      if (chunk === null) this.end();
      else this.scan(chunk);
    } catch (error) {
      if (!(error instanceof WellFormedness)) throw error;
      this.closed = true;
      this.on.error(error.message);
    }
  }

  private scan(chunk: string): void {
    const text = this.pending.length ? this.pending + chunk : chunk;
    const base = this.pendingStart;
    let at = 0;
    while (at < text.length && !this.closed) {
      const lt = text.indexOf('<', at);
      if (lt < 0) break; // text runs on into the next chunk
      if (lt > at) this.characters(text.slice(at, lt), base + lt);
      const end = this.markup(text, lt, base);
      if (end < 0) {
        at = lt;
        break; // the markup is not complete yet
      }
      at = end;
    }
    this.pending = text.slice(at);
    this.pendingStart = base + at;
  }

  private end(): void {
    if (this.pending.length) {
      if (this.pending.includes('<')) this.fail('The document ends inside markup.');
      this.characters(this.pending, this.pendingStart + this.pending.length);
      this.pending = '';
    }
    if (!this.seenRoot) this.fail('document must contain a root element.');
    if (this.open.length) this.fail(`unclosed tag: ${this.open.at(-1)}`);
  }

  /** Reads the markup at `lt`; returns the offset just past it, or -1 when it is incomplete. */
  private markup(text: string, lt: number, base: number): number {
    const next = text.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return -1;
    if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) return -1;
      this.advance(base + close + 2, text, base);
      const body = text.slice(lt + 2, close);
      if (/^xml(\s|$)/.test(body)) {
        if (base + lt !== 0) this.fail('an XML declaration must be at the start of the document.');
        const found = ENCODING.exec(body);
        this.on.xmldecl(found ? (found[1] ?? found[2]) : undefined);
      } else {
        if (/^xml$/i.test(body.split(/\s/, 1)[0] ?? ''))
          this.fail('a processing instruction may not be named xml.');
        this.on.markup();
      }
      return close + 2;
    }
    if (next === 0x21 /* ! */) return this.declaration(text, lt, base);
    const close = tagEnd(text, lt + 1);
    if (close === -1) return -1;
    if (close === MALFORMED) {
      this.advance(base + text.indexOf('<', lt + 1), text, base);
      this.fail('a "<" may not appear inside a tag.');
    }
    this.advance(base + close + 1, text, base);
    if (next === 0x2f /* / */) this.closeTag(text.slice(lt + 2, close).trimEnd());
    else this.openTag(text.slice(lt + 1, close));
    return close + 1;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE`. */
  private declaration(text: string, lt: number, base: number): number {
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) return -1;
      this.advance(base + close + 3, text, base);
      if (text.slice(lt + 4, close).includes('--')) this.fail('a comment may not contain "--".');
      this.on.markup();
      return close + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) return -1;
      this.advance(base + close + 3, text, base);
      if (this.open.length === 0) this.fail('CDATA is not allowed outside the root element.');
      const body = text.slice(lt + 9, close);
      this.checkChars(body);
      this.on.cdata(normaliseNewlines(body));
      return close + 3;
    }
    if (text.length - lt < 9) return -1;
    if (text.startsWith('<!DOCTYPE', lt)) {
      const close = doctypeEnd(text, lt + 9);
      if (close < 0) return -1;
      this.advance(base + close + 1, text, base);
      this.on.doctype();
      return close + 1;
    }
    this.advance(base + lt + 2, text, base);
    return this.fail('unexpected "<!".');
  }

  private openTag(body: string): void {
    const selfClosing = body.endsWith('/');
    const content = selfClosing ? body.slice(0, -1) : body;
    const nameEnd = content.search(/[\s]/);
    const name = nameEnd < 0 ? content : content.slice(0, nameEnd);
    if (!NAME.test(name)) this.fail(`disallowed character in tag name "${name}".`);
    if (this.open.length === 0) {
      if (this.seenRoot) this.fail('text data outside of root node.');
      this.seenRoot = true;
    }
    const attributes = nameEnd < 0 ? NONE : this.attributes(content, nameEnd, name);
    this.open.push(name);
    this.on.opentag({ name, attributes, isSelfClosing: selfClosing });
    if (selfClosing) this.closeTag(name);
  }

  private attributes(content: string, from: number, tag: string): Record<string, string> {
    const attributes = Object.create(null) as Record<string, string>;
    ATTRIBUTE.lastIndex = from;
    let at = from;
    for (;;) {
      const found = ATTRIBUTE.exec(content);
      if (!found) break;
      const [, name = '', double, single] = found;
      if (!NAME.test(name)) this.fail(`disallowed character in attribute name "${name}".`);
      if (name in attributes) this.fail(`duplicate attribute: ${name}.`);
      const raw = double ?? single ?? '';
      if (raw.includes('<')) this.fail(`disallowed character "<" in the value of attribute ${name}.`);
      this.checkChars(raw);
      attributes[name] = this.decode(
        raw.includes('\r') || /[\t\n]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw,
      );
      at = ATTRIBUTE.lastIndex;
    }
    if (content.slice(at).trim() !== '') this.fail(`malformed attributes in tag ${tag}.`);
    return attributes;
  }

  private closeTag(name: string): void {
    const top = this.open.at(-1);
    if (top === name) {
      this.open.pop();
      this.on.closetag(name);
      return;
    }
    if (top !== undefined && this.open.includes(name)) {
      // As a SAX parser does: the inner element is closed, then the document refused.
      this.open.pop();
      this.on.closetag(top);
      this.fail(`unexpected close tag: ${name} (open: ${top}).`);
    }
    this.fail(`unmatched closing tag: ${name}.`);
  }

  /** Text between markup, ending at global offset `end`. */
  private characters(text: string, end: number): void {
    this.advance(end, text, end - text.length);
    if (this.open.length === 0) {
      if (text.trim() !== '')
        this.fail(
          this.seenRoot ? 'text data outside of root node.' : 'non-whitespace before the root element.',
        );
      return;
    }
    this.checkChars(text);
    if (text.includes(']]>')) this.fail('the string "]]>" is not allowed in text.');
    this.on.text(this.decode(normaliseNewlines(text)));
  }

  private checkChars(text: string): void {
    if (FORBIDDEN_CHAR.test(text)) this.fail('disallowed character.');
  }

  /** The five predefined entities and character references; every other entity is refused. */
  private decode(text: string): string {
    let amp = text.indexOf('&');
    if (amp < 0) return text;
    let out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = text.indexOf(';', amp + 1);
      const name = semi < 0 ? '' : text.slice(amp + 1, semi);
      if (!/^(#x?)?[\w.:-]+$/.test(name))
        this.fail('an "&" must start an entity or character reference ending with ";".');
      out += text.slice(from, amp) + this.entity(name);
      from = semi + 1;
      amp = text.indexOf('&', from);
    }
    return out + text.slice(from);
  }

  private entity(name: string): string {
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (!numeric) return this.fail(`undefined entity: ${name}.`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    const valid =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) return this.fail(`character reference &${name}; is not a legal XML character.`);
    return String.fromCodePoint(code);
  }

  /** Moves `position`, `line` and `column` to global offset `to` inside `text` (global `base`). */
  private advance(to: number, text: string, base: number): void {
    let newline = text.indexOf('\n', Math.max(this.counted - base, 0));
    while (newline >= 0 && base + newline < to) {
      this.line += 1;
      this.lineStart = base + newline + 1;
      newline = text.indexOf('\n', newline + 1);
    }
    this.counted = to;
    this.position = to;
    this.column = to - this.lineStart;
  }

  private fail(message: string): never {
    throw new WellFormedness(message);
  }
}

const NONE: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

const MALFORMED = -2;

/**
 * The `>` that ends a tag starting at `from`, skipping quoted attribute values; -1 if it is
 * not there yet, MALFORMED at a `<` outside quotes.
 */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === GT) return i;
    else if (c === QUOTE || c === APOSTROPHE) quote = c;
    else if (c === LT) return MALFORMED;
  }
  return -1;
}

/** The `>` that ends a DOCTYPE, past its internal subset and quoted strings; -1 if not there yet. */
function doctypeEnd(text: string, from: number): number {
  let quote = 0;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOSTROPHE) quote = c;
    else if (c === 0x5b /* [ */) depth += 1;
    else if (c === 0x5d /* ] */) depth -= 1;
    else if (c === GT && depth <= 0) return i;
  }
  return -1;
}

function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
