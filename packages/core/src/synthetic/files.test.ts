import { describe, expect, it } from 'vitest';
import { xmlDocument } from './files';
import { generateReports } from './reports';
import { parseXmlTree } from './xml-tree';

describe('a file of reports', () => {
  it('wraps any number of report elements in one well-formed document, streamed report by report', () => {
    const chunks = [
      ...xmlDocument(
        (function* () {
          for (const report of generateReports({ seed: 'files', count: 250 })) yield report.xml;
        })(),
      ),
    ];
    expect(chunks).toHaveLength(252);
    const text = chunks.join('');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<reports>')).toBe(true);
    const root = parseXmlTree(text);
    expect(root.name).toBe('reports');
    expect(root.children).toHaveLength(250);
    expect(root.children.every((c) => c.name === 'report')).toBe(true);
  });

  it('is still a document with no report in it', () => {
    expect(parseXmlTree([...xmlDocument([])].join('')).children).toEqual([]);
  });
});
