import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, inPieces } from './fixtures';
import { readXmlRecords, type XmlStreamItem } from './xml-stream';

const raws = (items: XmlStreamItem[]) => items.map((item) => (item.kind === 'record' ? item.raw : item.kind));

describe('XML records', () => {
  const text =
    '<?xml version="1.0"?>\r\n<batch>\r\n  <record n="1"><a>x &amp; y</a><![CDATA[<raw>]]></record>\r\n' +
    '  <!-- a comment with <tags> -->\r\n  <record\r\n    n="2"/>\r\n  <extra/>\r\n  <record n="3">😀</record>\r\n</batch>\r\n';

  it('hands over each record with its exact text, wherever the chunks are cut', async () => {
    const expected = [
      '<record n="1"><a>x &amp; y</a><![CDATA[<raw>]]></record>',
      '<record\r\n    n="2"/>',
      '<record n="3">😀</record>',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }),
        async (cuts) => {
          expect(raws(await collect(readXmlRecords(inPieces(text, cuts), { recordName: 'record' })))).toEqual(
            expected,
          );
        },
      ),
    );
  });

  it('builds a small tree with decoded text, paths and positions', async () => {
    const [first, second] = await collect(readXmlRecords([text], { recordName: 'record' }));
    expect(first).toMatchObject({
      kind: 'record',
      record: {
        name: 'record',
        attributes: { n: '1' },
        path: '/batch/record[1]',
        line: 3,
        column: 3,
        text: '<raw>',
        children: [{ name: 'a', text: 'x & y', path: '/batch/record[1]/a', line: 3, column: 17 }],
      },
    });
    expect(second).toMatchObject({ record: { path: '/batch/record[2]', line: 5, column: 3 } });
  });
});
