import { describe, expect, it } from 'vitest';
import { storedZip, syntheticDocx, syntheticOdt, syntheticPdf } from '../synthetic/documents';
import { detectDocumentFormat, zipEntryNames } from './documents';

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array<number>(32).fill(0)]);
const text = (value: string) => new TextEncoder().encode(value);

describe('case paper formats, told from the bytes', () => {
  it.each([
    ['a generated PDF', syntheticPdf(['Synthetic warrant']), 'pdf'],
    ['a Word document', syntheticDocx('Sample'), 'docx'],
    [
      'an Excel workbook',
      storedZip([
        ['[Content_Types].xml', '<Types/>'],
        ['xl/workbook.xml', '<workbook/>'],
      ]),
      'xlsx',
    ],
    [
      'a PowerPoint deck',
      storedZip([
        ['[Content_Types].xml', '<Types/>'],
        ['ppt/presentation.xml', '<p/>'],
      ]),
      'pptx',
    ],
    ['a legacy office file', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'ole2'],
    ['an OpenDocument text', syntheticOdt('Sample'), 'odt'],
    ['a CSV export', text('date,amount\n2026-01-02,1500\n'), 'text'],
  ])('accepts %s', (_name, file, format) => {
    expect(detectDocumentFormat(file)).toEqual({ ok: true, format });
  });

  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), /an image \(JPEG\)/],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), /an image \(PNG\)/],
    ['GIF', text('GIF89a\0\0\0\0'), /an image \(GIF\)/],
    ['MP4', bytes(0, 0, 0, 0x18, ...text('ftypisom')), /video \(MP4/],
    ['HEIC', bytes(0, 0, 0, 0x18, ...text('ftypheic')), /an image \(HEIF/],
    ['WebM', bytes(0x1a, 0x45, 0xdf, 0xa3), /video \(Matroska/],
    ['MP3', text('ID3\u0003\0\0\0'), /audio \(MP3\)/],
    ['WAV', text('RIFF\0\0\0\0WAVEfmt '), /audio \(WAV\)/],
  ])('refuses %s, naming it as media', (_name, file, reason) => {
    const result = detectDocumentFormat(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
    expect(!result.ok && result.reason).toMatch(/never stores images, video or audio/);
  });

  it('refuses an empty file, a plain zip, and binary data', () => {
    expect(detectDocumentFormat(new Uint8Array())).toMatchObject({ ok: false, reason: 'The file is empty.' });
    const zip = detectDocumentFormat(storedZip([['photo.jpg', 'x']]));
    expect(!zip.ok && zip.reason).toMatch(/not an office document/);
    expect(detectDocumentFormat(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1))).toMatchObject({ ok: false });
  });

  it('reads the entry names of a zip and gives up on a truncated one', () => {
    const zip = syntheticDocx('x');
    expect(zipEntryNames(zip)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(zipEntryNames(zip.subarray(0, zip.length - 30))).toBeNull();
  });
});
