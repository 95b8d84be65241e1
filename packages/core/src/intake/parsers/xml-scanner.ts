/**
 * A strict, streaming XML 1.0 tokenizer for report files: only what a report needs, and
 * nothing that reaches outside the document. A DOCTYPE stops the scan (so no entity is ever
 * declared), the five predefined entities and character references are the only ones known,
 * and anything not well formed stops it with a message and the offset where it was found.
 * Namespaces are not resolved (the reader keeps local names).
 *
 * It replaced saxes on the intake path, which reads a character at a time through a state
 * machine and keeps a copy of the text of its own; this finds each markup with indexOf, reads
 * names met before by comparing them in place, and works on the one buffer the reader keeps.
 * Cutting a 20 000-report file (67 MB) into records: 0.86-0.94 s -> 0.74-0.79 s (fastest of 8
 * runs, three times). Its tests check it against saxes.
 */

import { DISALLOWED, entityText, isNameChar, isNameStart, isSpace, lineEnds } from './xml-characters';

/** What the scanner reports to; `fail` and `doctype` must not return (they throw). */
export type XmlSink = {
  /** A start tag, from its `<` (`start`) to just after its `>` (`end`); `attributes` by name as written. */
  openTag(
    name: string,
    attributes: Record<string, string> | null,
    attributeCount: number,
    start: number,
    end: number,
  ): void;
  /** The end tag of the innermost open element (or the same start tag, when self-closing). */
  closeTag(end: number): void;
  /** Character data, decoded; `end` is where its source ends. */
  text(text: string, end: number): void;
  /** A comment or processing instruction: nothing to read, but markup. */
  markup(end: number): void;
  /** The XML declaration at the start of the document. */
  declaration(encoding: string | undefined, end: number): void;
  doctype(start: number): never;
  fail(message: string, offset: number): never;
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** What may follow `<!`; a slice that ends within one of them waits for more. */
const OPENINGS = ['<!--', '<![CDATA[', '<!DOCTYPE'];
/** Element names kept as one string each, so that the reader's name comparisons are by identity. */
const MAX_INTERNED = 4096;
/**
 * Names kept per length and first character: a lookup compares against each, so a document of
 * many look-alike names must not make every tag cost thousands of comparisons.
 */
const MAX_PER_SHAPE = 8;

/** Returned inside a scan when the input so far ends in the middle of a token: scanned again with more. */
const INCOMPLETE = -1;

export class XmlScanner {
  /** The source from global offset `base`: what is not consumed yet, and what the reader asked to keep. */
  text = '';
  base = 0;
  /** Local index of the first character not consumed yet. */
  private at = 0;
  /** Global offset of the point the scan has reached (just after the last token, or where it failed). */
  position = 0;
  /** Line counting: the line of global offset `counted`, and the global offset where that line starts. */
  line = 1;
  lineStart = 0;
  private counted = 0;
  private readonly open: string[] = [];
  private rootSeen = false;
  private ended = false;
  /** Local index of the first disallowed character in `text`, or -1. */
  private badChar = -1;
  private readonly names = new Map<number, string[]>();
  private interned = 0;
  /** The name elementName read last. */
  private found = '';

  constructor(
    private readonly sink: XmlSink,
    /** Attributes kept per element beyond which only their count goes on (the reader refuses the element). */
    private readonly maxAttributes: number,
  ) {}

  get depth(): number {
    return this.open.length;
  }

  /**
   * Adds decoded input. Joined, not concatenated: `+` makes a rope (a cons string), which V8
   * flattens on first read but which every later read of a character then goes through.
   * Cutting a 20 000-report file into tokens: 27.3 -> 24.5 µs per report (fastest of 10 runs).
   */
  append(chunk: string): void {
    const offset = this.text.length;
    this.text = offset === 0 ? chunk : [this.text, chunk].join('');
    if (this.badChar === -1) {
      const bad = chunk.search(DISALLOWED);
      if (bad !== -1) this.badChar = offset + bad;
    }
  }

  /** Drops text before global offset `from`, but never what is not consumed yet. */
  trim(from: number): void {
    const local = Math.min(from - this.base, this.at);
    if (local <= 0) return;
    if (this.counted < this.base + local) this.countLines(this.base + local);
    this.text = this.text.slice(local);
    this.base += local;
    this.at -= local;
    if (this.badChar !== -1) this.badChar -= local;
  }

  /** Reads every complete token in the text so far. */
  scan(): void {
    const text = this.text;
    for (;;) {
      const at = this.at;
      if (at >= text.length) return;
      const end = text.charCodeAt(at) === LT ? this.markup(text, at) : this.characters(text, at);
      if (end === INCOMPLETE) return;
      this.at = end;
      this.position = this.base + end;
    }
  }

  /** The input has ended: what is left must be white space after the root element. */
  end(): void {
    this.ended = true;
    this.scan();
    if (this.at < this.text.length)
      this.fail('The document ends inside markup.', this.base + this.text.length);
    if (!this.rootSeen) this.fail('The document has no root element.', this.base + this.text.length);
  }

  /** Moves the line count to a global offset (backwards too, within the text kept). */
  countLines(offset: number): void {
    const text = this.text;
    const base = this.base;
    if (offset < this.counted) {
      // Rare: a problem placed before the furthest point counted.
      const to = Math.max(offset - base, 0);
      for (let i = this.counted - base - 1; i >= to; i--) if (text.charCodeAt(i) === 0x0a) this.line -= 1;
      const before = to > 0 ? text.lastIndexOf('\n', to - 1) : -1;
      if (before !== -1) this.lineStart = base + before + 1;
      this.counted = offset;
      return;
    }
    const to = offset - base;
    for (let i = text.indexOf('\n', this.counted - base); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      this.line += 1;
      this.lineStart = base + i + 1;
    }
    this.counted = offset;
  }

  private fail(message: string, offset: number): never {
    this.position = offset;
    return this.sink.fail(message, offset);
  }

  /** Fails when a token's source, from local `from` to `to`, holds a character XML forbids. */
  private checkChars(from: number, to: number): void {
    const bad = this.badChar;
    if (bad !== -1 && bad < to && bad >= from) {
      const code = this.text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
      this.fail(`The character U+${code} is not allowed in XML.`, this.base + bad);
    }
  }

  private characters(text: string, at: number): number {
    let end = text.indexOf('<', at);
    if (end === -1) {
      if (!this.ended) return INCOMPLETE;
      end = text.length;
    }
    this.checkChars(at, end);
    if (this.open.length === 0) {
      for (let i = at; i < end; i++)
        if (!isSpace(text.charCodeAt(i))) this.fail('There is text outside the root element.', this.base + i);
      return end;
    }
    const raw = text.slice(at, end);
    const close = raw.indexOf(']]>');
    if (close !== -1) this.fail('"]]>" is not allowed in text; write "]]&gt;".', this.base + at + close);
    this.position = this.base + end;
    const plain = raw.indexOf('&') === -1 && raw.indexOf('\r') === -1;
    this.sink.text(plain ? raw : this.decode(raw, at, false), this.base + end);
    return end;
  }

  private markup(text: string, at: number): number {
    const next = text.charCodeAt(at + 1);
    if (next === SLASH) return this.closeTag(text, at);
    if (next === BANG) return this.declarationOrComment(text, at);
    if (next === QUESTION) return this.instruction(text, at);
    if (Number.isNaN(next))
      return this.ended ? this.fail('The document ends inside a tag.', this.base + at) : INCOMPLETE;
    return this.startTag(text, at);
  }

  private name(text: string, from: number): number {
    if (from >= text.length) return INCOMPLETE;
    if (!isNameStart(text.charCodeAt(from))) this.fail('A name was expected here.', this.base + from);
    let i = from + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    return i === text.length ? INCOMPLETE : i;
  }

  /**
   * The element name that starts at `from`, as the one string kept for it, and where it ends
   * (INCOMPLETE when the text so far ends within it). A name met before is found by its length
   * and first character and compared in place: no new string, no hash, and no character
   * checks, which it passed when first met.
   */
  private elementName(text: string, from: number): number {
    let end = from;
    for (;;) {
      if (end >= text.length) return INCOMPLETE;
      const code = text.charCodeAt(end);
      if (code === GT || code === SLASH || code <= 0x20) break;
      end += 1;
    }
    const key = (end - from) * 256 + (text.charCodeAt(from) & 0xff);
    const known = this.names.get(key);
    if (known !== undefined)
      for (const name of known)
        if (text.startsWith(name, from)) {
          this.found = name;
          return end;
        }
    if (this.name(text, from) !== end) this.fail('This is not a valid element name.', this.base + from);
    const name = text.slice(from, end);
    if (this.interned < MAX_INTERNED && (known?.length ?? 0) < MAX_PER_SHAPE) {
      this.interned += 1;
      if (known === undefined) this.names.set(key, [name]);
      else known.push(name);
    }
    this.found = name;
    return end;
  }

  private startTag(text: string, at: number): number {
    if (this.open.length === 0 && this.rootSeen)
      this.fail('There is a second root element; a document has only one.', this.base + at);
    const nameEnd = this.elementName(text, at + 1);
    if (nameEnd === INCOMPLETE) return INCOMPLETE;
    const name = this.found;
    let attributes: Record<string, string> | null = null;
    let count = 0;
    let i = nameEnd;
    for (;;) {
      const spaced = i;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i >= text.length) return INCOMPLETE;
      const code = text.charCodeAt(i);
      if (code === GT || code === SLASH) {
        let end = i + 1;
        const selfClosing = code === SLASH;
        if (selfClosing) {
          if (end >= text.length) return INCOMPLETE;
          if (text.charCodeAt(end) !== GT)
            this.fail('"/" in a tag must be followed by ">".', this.base + end);
          end += 1;
        }
        this.checkChars(at, end);
        this.rootSeen = true;
        this.open.push(name);
        this.position = this.base + end;
        this.sink.openTag(name, attributes, count, this.base + at, this.base + end);
        if (selfClosing) {
          this.open.pop();
          this.sink.closeTag(this.base + end);
        }
        return end;
      }
      if (i === spaced) this.fail(`Attributes of <${name}> must be separated by white space.`, this.base + i);
      const attributeEnd = this.name(text, i);
      if (attributeEnd === INCOMPLETE) return INCOMPLETE;
      const attributeStart = i;
      const attribute = text.slice(i, attributeEnd);
      i = attributeEnd;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i >= text.length) return INCOMPLETE;
      if (text.charCodeAt(i) !== EQUALS)
        this.fail(`The attribute ${attribute} of <${name}> has no value.`, this.base + i);
      i += 1;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i >= text.length) return INCOMPLETE;
      const quote = text.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        this.fail(`The value of ${attribute} on <${name}> must be in quotes.`, this.base + i);
      const close = text.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close === -1) return INCOMPLETE;
      const raw = text.slice(i + 1, close);
      const lt = raw.indexOf('<');
      if (lt !== -1)
        this.fail(`"<" is not allowed in the value of ${attribute}; write "&lt;".`, this.base + i + 1 + lt);
      this.checkChars(i + 1, close);
      count += 1;
      if (count <= this.maxAttributes + 1) {
        attributes ??= Object.create(null) as Record<string, string>;
        if (attribute in attributes)
          this.fail(`<${name}> has the attribute ${attribute} twice.`, this.base + attributeStart);
        attributes[attribute] = /[&\t\n\r]/.test(raw) ? this.decode(raw, i + 1, true) : raw;
      }
      i = close + 1;
    }
  }

  private closeTag(text: string, at: number): number {
    const expected = this.open.at(-1);
    // Nearly always the end tag is written just so: `</name>`, compared in place.
    if (expected !== undefined && text.startsWith(expected, at + 2)) {
      const end = at + 2 + expected.length;
      if (text.charCodeAt(end) === GT) {
        this.open.pop();
        this.position = this.base + end + 1;
        this.sink.closeTag(this.base + end + 1);
        return end + 1;
      }
    }
    const nameEnd = this.name(text, at + 2);
    if (nameEnd === INCOMPLETE) return INCOMPLETE;
    let i = nameEnd;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return INCOMPLETE;
    if (text.charCodeAt(i) !== GT) this.fail('An end tag must close with ">".', this.base + i);
    const end = i + 1;
    const name = text.slice(at + 2, nameEnd);
    if (expected === undefined) this.fail(`</${name}> closes nothing.`, this.base + end);
    if (expected !== name) this.fail(`</${name}> does not close <${expected}>.`, this.base + end);
    this.open.pop();
    this.position = this.base + end;
    this.sink.closeTag(this.base + end);
    return end;
  }

  private declarationOrComment(text: string, at: number): number {
    if (text.startsWith('<!--', at)) {
      const close = text.indexOf('--', at + 4);
      if (close === -1)
        return this.ended ? this.fail('The document ends inside a comment.', this.base + at) : INCOMPLETE;
      if (close + 2 >= text.length)
        return this.ended ? this.fail('The document ends inside a comment.', this.base + at) : INCOMPLETE;
      if (text.charCodeAt(close + 2) !== GT)
        this.fail('"--" is not allowed inside a comment.', this.base + close);
      this.checkChars(at, close + 3);
      this.sink.markup(this.base + close + 3);
      return close + 3;
    }
    if (text.startsWith('<![CDATA[', at)) {
      if (this.open.length === 0)
        this.fail('A CDATA section is not allowed outside the root element.', this.base + at);
      const close = text.indexOf(']]>', at + 9);
      if (close === -1)
        return this.ended
          ? this.fail('The document ends inside a CDATA section.', this.base + at)
          : INCOMPLETE;
      this.checkChars(at, close);
      const raw = text.slice(at + 9, close);
      this.sink.text(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw, this.base + close + 3);
      return close + 3;
    }
    if (text.startsWith('<!DOCTYPE', at)) {
      this.position = this.base + at;
      return this.sink.doctype(this.base + at);
    }
    // Too short yet to tell which it is.
    const prefix = text.slice(at);
    if (
      !this.ended &&
      OPENINGS.some((opening) => opening.length > prefix.length && opening.startsWith(prefix))
    )
      return INCOMPLETE;
    return this.fail('Only comments, CDATA sections and (refused) DOCTYPEs start with "<!".', this.base + at);
  }

  private instruction(text: string, at: number): number {
    const close = text.indexOf('?>', at + 2);
    if (close === -1)
      return this.ended
        ? this.fail('The document ends inside a processing instruction.', this.base + at)
        : INCOMPLETE;
    const nameEnd = this.name(text, at + 2);
    if (nameEnd === INCOMPLETE || nameEnd > close)
      this.fail('A processing instruction needs a name.', this.base + at + 2);
    this.checkChars(at, close + 2);
    const target = text.slice(at + 2, nameEnd);
    const end = close + 2;
    if (target.toLowerCase() !== 'xml') {
      this.sink.markup(this.base + end);
      return end;
    }
    if (target !== 'xml')
      this.fail(`The name ${target} is reserved; the XML declaration is written <?xml.`, this.base + at);
    if (this.base + at !== 0)
      this.fail('The XML declaration must be at the very start of the document.', this.base + at);
    const body = text.slice(nameEnd, close);
    const version = /^\s+version\s*=\s*(["'])(1\.\d+)\1/.exec(body)?.[2];
    if (version === undefined) this.fail('The XML declaration must start with its version.', this.base + at);
    // XML 1.1 reads other characters as line ends and white space; report files are XML 1.0.
    if (version !== '1.0')
      this.fail(`Only XML 1.0 is accepted; the document declares version ${version}.`, this.base + at);
    const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(body)?.[2];
    this.sink.declaration(encoding, this.base + end);
    return end;
  }

  /** Text or an attribute value with its entities replaced and line ends normalised (in values, to spaces). */
  private decode(raw: string, at: number, attribute: boolean): string {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > 12)
        this.fail(
          'An "&" must start an entity such as "&amp;" (write "&amp;" for "&").',
          this.base + at + amp,
        );
      const name = raw.slice(amp + 1, semi);
      const entity = entityText(name);
      if (typeof entity !== 'string') this.fail(entity.refused, this.base + at + amp);
      out += lineEnds(raw.slice(from, amp), attribute) + entity;
      from = semi + 1;
    }
    return out + lineEnds(raw.slice(from), attribute);
  }
}
