import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlTokenizer } from './xml-tokenizer';

/** Every event of a document fed in the given pieces, one readable string each. */
function events(pieces: string[]): string[] {
  const out: string[] = [];
  const tokenizer = new XmlTokenizer({
    opentag: (tag) =>
      out.push(
        `<${tag.name}${Object.entries(tag.attributes)
          .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
          .join('')}${tag.isSelfClosing ? '/' : ''}> @${tokenizer.line}:${tokenizer.column}`,
      ),
    closetag: (name) => out.push(`</${name}>`),
    text: (text) => out.push(`text ${JSON.stringify(text)}`),
    cdata: (text) => out.push(`cdata ${JSON.stringify(text)}`),
    markup: () => out.push('markup'),
    xmldecl: (encoding) => out.push(`xmldecl ${encoding ?? '-'}`),
    doctype: () => out.push(`doctype @${tokenizer.line}`),
    error: (message) => out.push(`error ${message} @${tokenizer.line}:${tokenizer.column}`),
  });
  for (const piece of pieces) tokenizer.write(piece);
  tokenizer.write(null);
  return out;
}

const merged = (list: string[]) =>
  list.reduce<string[]>((acc, event) => {
    // Text may arrive in several events; a reader concatenates them.
    const last = acc.at(-1);
    if (last?.startsWith('text ') && event.startsWith('text '))
      acc[acc.length - 1] = `text ${JSON.stringify(JSON.parse(last.slice(5)) + JSON.parse(event.slice(5)))}`;
    else acc.push(event);
    return acc;
  }, []);

describe('XML tokenizer', () => {
  const document =
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<r a="1 &gt; 0" b=\'x"y\'>\r\n  <e>x &amp; y &#233;&#x1F600;</e>' +
    '<!-- note --><?pi data?><![CDATA[<raw & ok>]]><s q="a>b"/>\r\n</r>\r\n';

  it('reads elements, attributes, text, entities and CDATA with positions', () => {
    expect(events([document])).toEqual([
      'xmldecl UTF-8',
      '<r a="1 > 0" b="x\\"y"> @2:24',
      'text "\\n  "',
      '<e> @3:5',
      'text "x & y é😀"',
      '</e>',
      'markup',
      'markup',
      'cdata "<raw & ok>"',
      '<s q="a>b"/> @3:92',
      '</s>',
      'text "\\n"',
      '</r>',
    ]);
  });

  it('gives the same events wherever the document is cut', () => {
    const whole = merged(events([document]));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: document.length }), { maxLength: 10 }), (cuts) => {
        const sorted = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces = [...sorted, document.length].map((cut, i) => document.slice(sorted[i - 1] ?? 0, cut));
        expect(merged(events(pieces))).toEqual(whole);
      }),
    );
  });

  it.each([
    ['<r><a></r>', 'error unexpected close tag: r (open: a). @1:10'],
    ['<r></a></r>', 'error unmatched closing tag: a. @1:7'],
    ['<r a=1/>', 'error malformed attributes in tag r. @1:8'],
    ['<r a="1" a="2"/>', 'error duplicate attribute: a. @1:16'],
    ['<r a="x<y"/>', 'error disallowed character "<" in the value of attribute a. @1:12'],
    ['<r <a/>', 'error a "<" may not appear inside a tag. @1:3'],
    ['<r>&nbsp;</r>', 'error undefined entity: nbsp. @1:9'],
    ['<r>a & b;</r>', 'error an "&" must start an entity or character reference ending with ";". @1:9'],
    ['<r>a &amp b</r>', 'error an "&" must start an entity or character reference ending with ";". @1:11'],
    ['<r>&#0;</r>', 'error character reference &#0; is not a legal XML character. @1:7'],
    ['<r>\u0001</r>', 'error disallowed character. @1:4'],
    ['<r>]]></r>', 'error the string "]]>" is not allowed in text. @1:6'],
    ['<r/><r/>', 'error text data outside of root node. @1:8'],
    ['<r/>text', 'error text data outside of root node. @1:8'],
    ['text<r/>', 'error non-whitespace before the root element. @1:4'],
    ['<![CDATA[x]]><r/>', 'error CDATA is not allowed outside the root element. @1:13'],
    ['<r><!-- a -- b --></r>', 'error a comment may not contain "--". @1:18'],
    [' <?xml version="1.0"?><r/>', 'error an XML declaration must be at the start of the document. @1:22'],
    ['<r><!ELEMENT x ANY></r>', 'error unexpected "<!". @1:5'],
    ['<1r/>', 'error disallowed character in tag name "1r". @1:5'],
    ['', 'error document must contain a root element. @1:0'],
    ['<r/><!-- open', 'error The document ends inside markup. @1:4'],
  ])('refuses %j', (text, error) => {
    expect(events([text]).at(-1)).toBe(error);
  });

  it('reports a DOCTYPE where it ends, past its internal subset, and reads nothing after an error', () => {
    const text = '<!DOCTYPE r [\n<!ENTITY e SYSTEM "file:///x">\n]>\n<r>&e;</r>';
    expect(events([text])).toEqual(['doctype @3', '<r> @4:3', 'error undefined entity: e. @4:6']);
    expect(events(['<r><a></r><b/></r>']).filter((e) => e.startsWith('<b'))).toEqual([]);
  });
});
