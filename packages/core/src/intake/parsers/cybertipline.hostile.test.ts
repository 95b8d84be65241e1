import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../report';
import { parseCyberTiplineXml, parseCyberTiplineXmlString } from './cybertipline';
import { collect, inByteChunks } from './fixtures';

/** One valid report on one line. */
function report(id: string, extra = ''): string {
  return `<report id="${id}"><incidentSummary><incidentType>Child Sex Tourism</incidentType><incidentDateTime>2025-01-01T00:00:00Z</incidentDateTime></incidentSummary>${extra}</report>`;
}

/** What came out, in one readable line per item. */
function outline(items: ParsedItem[]): string[] {
  return items.map((item) =>
    item.ok ? `report ${item.draft.externalId}` : `${item.problem.code} @${item.problem.line}`,
  );
}

describe('CyberTipline XML: hostile input', () => {
  it('refuses a DOCTYPE with an external entity (XXE) and reads nothing from the file system', async () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE reports [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<reports>${report('1', '<additionalInfo>&e;</additionalInfo>')}</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(items).toEqual([
      {
        ok: false,
        problem: expect.objectContaining({ code: 'forbidden_doctype', line: 2 }) as unknown,
        raw: '',
        index: 0,
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('root:');
  });

  it('refuses the billion laughs at once, without expanding anything', async () => {
    const levels = Array.from({ length: 9 }, (_, level) =>
      level === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`,
    );
    const text = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<lolz>&lol8;</lolz>`;
    const started = performance.now();
    const items = await parseCyberTiplineXmlString(text);
    // Placed where the DOCTYPE starts, and nothing after it is read.
    expect(outline(items)).toEqual(['forbidden_doctype @2']);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops at an undefined entity, after the reports before it', async () => {
    const text = `<reports>\n${report('1')}\n${report('2', '<additionalInfo>&nbsp;</additionalInfo>')}\n${report('3')}\n</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(outline(items)).toEqual(['report 1', 'not_well_formed @3']);
    expect(items[1]).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('undefined entity') as string },
    });
  });

  it('stops at 10 000 levels of nesting, after the reports before it', async () => {
    const deep = `${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`;
    const text = `<reports>\n${report('1')}\n${report('2', deep)}\n${report('3')}\n</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(outline(items)).toEqual(['report 1', 'too_deep @3']);
    expect(items[1]).toMatchObject({
      ok: false,
      problem: { message: 'Elements are nested more than 64 levels deep.' },
    });
  });

  it('stops at a 10 MB text node once it passes the 5 MB limit, after the reports before it', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield `<reports>\n${report('1')}\n<report id="2"><additionalInfo>`;
      for (let sent = 0; sent < 10 * 1024 * 1024; sent += 64 * 1024) yield 'A'.repeat(64 * 1024);
      yield `</additionalInfo></report>\n${report('3')}\n</reports>`;
    }
    const items = await collect(parseCyberTiplineXml(chunks()));
    expect(outline(items)).toEqual(['report 1', 'too_large @3']);
    expect(items[1]).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('without any markup') as string },
    });
  });

  it('refuses a report whose text is over 64 KiB, and goes on with the next one', async () => {
    const text = `<reports>\n${report('1')}\n${report('2', `<additionalInfo>${'B'.repeat(100_000)}</additionalInfo>`)}\n${report('3')}\n</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(outline(items)).toEqual(['report 1', 'too_large @3', 'report 3']);
    expect(items[1]).toMatchObject({
      externalId: '2',
      problem: { path: '/reports/report[2]/additionalInfo' },
    });
  });

  it('refuses a report over the size limit without keeping its text, and goes on', async () => {
    const many = '<displayName>x</displayName>'.repeat(1_000);
    const text = `<reports>${report('1', `<victim>${many}</victim>`)}${report('2')}</reports>`;
    const items = await parseCyberTiplineXmlString(text, { limits: { maxRecordChars: 10_000 } });
    expect(items.map((item) => (item.ok ? item.draft.externalId : item.problem.code))).toEqual([
      'too_large',
      '2',
    ]);
    expect(items[0]).toMatchObject({ externalId: '1', raw: '' });
  });

  it('refuses an element with too many attributes, and goes on', async () => {
    const attributes = Array.from({ length: 40 }, (_, n) => `a${n}="v"`).join(' ');
    const text = `<reports>${report('1', `<victim ${attributes}/>`)}${report('2')}</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(items.map((item) => (item.ok ? item.draft.externalId : item.problem.code))).toEqual([
      'too_many_attributes',
      '2',
    ]);
  });

  it('reports bytes that are not UTF-8 with their line, after the reports before them', async () => {
    const before = new TextEncoder().encode(
      `<reports>\n${report('1')}\n${report('2')}\n<report id="3"><additionalInfo>`,
    );
    const after = new TextEncoder().encode(`</additionalInfo></report>\n</reports>`);
    const bytes = new Uint8Array([...before, 0xc3, 0x28, ...after]);
    for (const size of [3, 1024]) {
      const items = await collect(parseCyberTiplineXml(inByteChunks(bytes, size)));
      expect(outline(items)).toEqual(['report 1', 'report 2', 'bad_encoding @4']);
    }
  });

  it('reports a file that ends in the middle of a character', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`<reports>${report('1')}<x>`), 0xe2, 0x82]);
    const items = await collect(parseCyberTiplineXml(inByteChunks(bytes, 16)));
    expect(items.map((item) => (item.ok ? 'report' : item.problem.code))).toEqual(['report', 'bad_encoding']);
  });

  it('refuses a document that declares another encoding', async () => {
    const items = await parseCyberTiplineXmlString(`<?xml version="1.0" encoding="ISO-8859-1"?><reports/>`);
    expect(outline(items)).toEqual(['bad_encoding @1']);
  });

  it('yields the complete reports of a truncated file, then says where it was cut', async () => {
    const whole = `<reports>\n${report('1')}\n${report('2')}\n${report('3')}\n</reports>`;
    const cut = whole.slice(0, whole.lastIndexOf('<incidentDateTime>'));
    const items = await parseCyberTiplineXmlString(cut);
    expect(outline(items)).toEqual(['report 1', 'report 2', 'truncated @4']);
    expect(items[2]).toMatchObject({ raw: cut.slice(cut.lastIndexOf('<report ')) });
    expect(outline(await parseCyberTiplineXmlString(whole.replace('\n</reports>', '')))).toEqual([
      'report 1',
      'report 2',
      'report 3',
      'truncated @4',
    ]);
  });

  it('stops at malformed XML, with line and column, after the reports before it', async () => {
    const text = `<reports>\n${report('1')}\n  <report id="2"><incidentSummary></report>\n${report('3')}\n</reports>`;
    const items = await parseCyberTiplineXmlString(text);
    expect(outline(items)).toEqual(['report 1', 'not_well_formed @3']);
    expect(items[1]).toMatchObject({
      problem: {
        column: 44,
        path: '/reports/report[2]/incidentSummary',
        message: '</report> does not close <incidentSummary>.',
      },
    });
  });

  it('says so when there is nothing to read', async () => {
    expect(outline(await parseCyberTiplineXmlString(''))).toEqual(['not_well_formed @1']);
  });

  it('ignores unknown elements between and inside reports', async () => {
    const text = `<reports><exportInfo><generatedBy version="2">tool</generatedBy></exportInfo>${report('1', '<futureThing><deeper/></futureThing>')}<trailerNote/>${report('2')}</reports>`;
    expect(outline(await parseCyberTiplineXmlString(text))).toEqual(['report 1', 'report 2']);
  });
});
