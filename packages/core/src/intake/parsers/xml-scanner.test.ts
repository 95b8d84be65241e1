import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { collect, inPieces } from './fixtures';
import type { XmlElement } from './xml-element';
import { XmlScanner, type XmlSink } from './xml-scanner';
import { readXmlRecords } from './xml-stream';

/**
 * The intake's own XML scanner against saxes, a conformant XML parser, as the oracle: on
 * documents made of well- and ill-formed pieces, cut into chunks anywhere, both must refuse the
 * same documents, and read the same elements, attributes and text from the others.
 */

/** Elements in document order as `name{attributes}:"text"`, or null when saxes refuses the document. */
function saxesOutline(text: string): string[] | null {
  const parser = new SaxesParser({ xmlns: false });
  let failed = false;
  const outline: string[] = [];
  const open: { at: number; name: string; attributes: string; text: string }[] = [];
  parser.on('error', () => (failed = true));
  parser.on('doctype', () => (failed = true));
  parser.on('opentag', (tag) => {
    outline.push('');
    open.push({ at: outline.length - 1, name: tag.name, attributes: attributesOf(tag.attributes), text: '' });
  });
  const append = (text: string) => {
    const element = open.at(-1);
    if (element) element.text += text;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('closetag', () => {
    const element = open.pop()!;
    outline[element.at] = `${element.name}${element.attributes}:${JSON.stringify(element.text)}`;
  });
  try {
    parser.write(text).close();
  } catch {
    failed = true;
  }
  return failed ? null : outline;
}

function attributesOf(attributes: Record<string, string>): string {
  return JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
}

function outlineOf(element: XmlElement, outline: string[]): string[] {
  outline.push(`${element.name}${attributesOf(element.attributes)}:${JSON.stringify(element.text)}`);
  for (const child of element.children) outlineOf(child, outline);
  return outline;
}

/** The record `r` as the scanner reads it, or null when the document is refused. */
async function scannerOutline(text: string, cuts: number[]): Promise<string[] | null> {
  const outline: string[] = [];
  for (const item of await collect(readXmlRecords(inPieces(text, cuts), { recordName: 'r' }))) {
    if (item.kind === 'fatal') return null;
    if (item.kind === 'record') outlineOf(item.record, outline);
  }
  return outline;
}

const PIECES = [
  ...[
    '<a>',
    '</a>',
    '<a/>',
    '<é>',
    '</é>',
    '<a:b>',
    '</a:b>',
    '<1a>',
    '<:a>',
    '</ a>',
    '</a >',
    '<r>',
    '</r>',
  ],
  ...['<a b="1">', `<a b='&amp;'>`, '<a b>', '<a b=1>', '<a  b="1"c="2">', '<a b="1" b="2">'],
  ...['<a\tb="x\ny\r\nz&#10;">', '<a b="<">', '<a b=">">'],
  ...[' ', '\n', '\r\n', '\r', 'x', '"', "'", '=', '/', '<', '>', '&', ']]>', ']]', '--'],
  ...['&amp;', '&lt;', '&#65;', '&#x1F600;', '&bogus;', '&#0;', '&#xD800;', '&#x110000;', '\u0001', '\uFFFE'],
  ...['<!-- c -->', '<!--', '-->', '<!---->', '<!-- - -->', '<![CDATA[ y\r\n ]]>', '<![CDATA[', '<!x>'],
  ...['<?pi z?>', '<?pi?>', '<? x?>', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>'],
  ...['<?XML version="1.0"?>', '<?xml-stylesheet href="a"?>', '\uFEFF', '<b c="&#9;&#xA;">', `<b c='x"y'>`],
  ...['<!DOCTYPE r>'],
];

describe('XML scanner', () => {
  it('refuses and reads exactly what saxes does, however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (wrapped, pieces, cuts) => {
          const text = wrapped ? `<r>${pieces.join('')}</r>` : pieces.join('');
          const expected = saxesOutline(text);
          const actual = await scannerOutline(
            text,
            cuts.map((cut) => cut % (text.length + 1)),
          );
          expect(actual === null, `refused: ${JSON.stringify(text)}`).toBe(expected === null);
          // Namespace prefixes aside (the reader keeps local names), the records read the same.
          if (wrapped && expected && actual && !text.includes('a:b')) expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('says what is wrong, and where', async () => {
    const cases: [string, string, number][] = [
      ['<r><a></b></r>', '</b> does not close <a>.', 11],
      ['<r a="1" a="2"/>', '<r> has the attribute a twice.', 10],
      ['<r a="1"b="2"/>', 'Attributes of <r> must be separated by white space.', 9],
      [
        '<r>&nbsp;</r>',
        '&nbsp; is an undefined entity; only &lt; &gt; &amp; &quot; &apos; and character references are known.',
        4,
      ],
      ['<r>a & b</r>', 'An "&" must start an entity such as "&amp;" (write "&amp;" for "&").', 6],
      ['<r>\u0001</r>', 'The character U+0001 is not allowed in XML.', 4],
      ['<r/><r/>', 'There is a second root element; a document has only one.', 5],
      ['<r/>x', 'There is text outside the root element.', 5],
      [' <?xml version="1.0"?><r/>', 'The XML declaration must be at the very start of the document.', 2],
      ['<r><!-- a -- b --></r>', '"--" is not allowed inside a comment.', 11],
      ['<?xml version="1.1"?><r/>', 'Only XML 1.0 is accepted; the document declares version 1.1.', 1],
      ['<?XML version="1.0"?><r/>', 'The name XML is reserved; the XML declaration is written <?xml.', 1],
    ];
    for (const [text, message, column] of cases) {
      const items = await collect(readXmlRecords([text], { recordName: 'r' }));
      expect(items.find((item) => item.kind === 'fatal')).toMatchObject({
        kind: 'fatal',
        problem: { code: 'not_well_formed', message, line: 1, column },
      });
    }
  });

  it('drops a byte-order mark at the start, even after an empty first chunk', async () => {
    const items = await collect(readXmlRecords(['', '\uFEFF<r/>'], { recordName: 'r' }));
    expect(items.map((item) => item.kind)).toEqual(['record']);
  });

  it('keeps few names of one shape, so that look-alike names cannot make each tag slow', () => {
    const ignore = () => undefined;
    const sink: XmlSink = {
      openTag: ignore,
      closeTag: ignore,
      text: ignore,
      markup: ignore,
      declaration: ignore,
      doctype: () => {
        throw new Error('doctype');
      },
      fail: (message) => {
        throw new Error(message);
      },
    };
    const scanner = new XmlScanner(sink, 32);
    const names = Array.from({ length: 2000 }, (_, n) => `a${String(n).padStart(4, '0')}`);
    scanner.append(`<r>${names.map((name) => `<${name}/>`).join('')}</r>`);
    scanner.scan();
    expect(scanner.depth).toBe(0);
    const kept = (scanner as unknown as { names: Map<number, string[]> }).names;
    expect(Math.max(...[...kept.values()].map((list) => list.length))).toBeLessThanOrEqual(8);
  });
});
