import { z } from 'zod';

/** What a case paper is, in the investigator's words. */
export const DOCUMENT_KINDS = [
  'warrant',
  'court_order',
  'request_letter',
  'provider_response',
  'affidavit',
  'report',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The formats a case paper may have, each told from its bytes, never from its name. */
export const DOCUMENT_FORMATS = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
  },
  ole2: { mime: 'application/x-ole-storage', extension: 'doc' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', extension: 'odp' },
  text: { mime: 'text/plain; charset=utf-8', extension: 'txt' },
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

/** The default size limit of one document (BANTAY_DOCUMENT_MAX_MB). */
export const DOCUMENT_MAX_MB = 20;

export const DocumentUploadQuery = z.object({
  /** What the paper is, e.g. "WDCD issued by RTC Branch 24". */
  title: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  kind: z.enum(DOCUMENT_KINDS, { message: 'Choose the kind of paper.' }),
  /** The file's name on the uploader's computer; kept for reference, never trusted. */
  fileName: z.string().trim().max(255, 'At most 255 characters.').optional(),
});
export type DocumentUploadQuery = z.infer<typeof DocumentUploadQuery>;

export const DocumentWithdrawInput = z.object({
  /** Why the paper is taken off the case (wrong case, superseded …); kept in the audit. */
  reason: z.string().trim().min(1, 'Required.').max(500, 'At most 500 characters.'),
});
export type DocumentWithdrawInput = z.infer<typeof DocumentWithdrawInput>;

export const CaseDocument = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  format: z.enum(Object.keys(DOCUMENT_FORMATS) as [DocumentFormat, ...DocumentFormat[]]),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int(),
  /** SHA-256 of the plaintext, hex: checked on every download. */
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type CaseDocument = z.infer<typeof CaseDocument>;

export type Detection = { ok: true; format: DocumentFormat } | { ok: false; reason: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** Media signatures, named so the refusal says what the file really is. */
const MEDIA: { name: string; kind: 'image' | 'video' | 'audio'; test: (b: Uint8Array) => boolean }[] = [
  { name: 'JPEG', kind: 'image', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { name: 'PNG', kind: 'image', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { name: 'GIF', kind: 'image', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'BMP', kind: 'image', test: (b) => ascii(b, 0, 2) === 'BM' && b.length > 14 && b[6] === 0 },
  { name: 'TIFF', kind: 'image', test: (b) => ['II*\0', 'MM\0*'].includes(ascii(b, 0, 4)) },
  { name: 'WebP', kind: 'image', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { name: 'WAV', kind: 'audio', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE' },
  { name: 'AVI', kind: 'video', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 11) === 'AVI' },
  {
    name: 'HEIF/AVIF',
    kind: 'image',
    test: (b) => ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1|avif)/.test(ascii(b, 8, 12)),
  },
  {
    name: 'M4A',
    kind: 'audio',
    test: (b) => ascii(b, 4, 8) === 'ftyp' && /^M4[AB]/.test(ascii(b, 8, 12)),
  },
  { name: 'MP4/QuickTime', kind: 'video', test: (b) => ascii(b, 4, 8) === 'ftyp' },
  { name: 'QuickTime', kind: 'video', test: (b) => ['moov', 'mdat', 'wide'].includes(ascii(b, 4, 8)) },
  { name: 'Matroska/WebM', kind: 'video', test: (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]) },
  { name: 'FLV', kind: 'video', test: (b) => ascii(b, 0, 3) === 'FLV' },
  { name: 'MPEG', kind: 'video', test: (b) => startsWith(b, [0x00, 0x00, 0x01, 0xba]) },
  { name: 'Ogg', kind: 'audio', test: (b) => ascii(b, 0, 4) === 'OggS' },
  { name: 'FLAC', kind: 'audio', test: (b) => ascii(b, 0, 4) === 'fLaC' },
  { name: 'MP3', kind: 'audio', test: (b) => ascii(b, 0, 3) === 'ID3' || startsWith(b, [0xff, 0xfb]) },
];

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The names in a zip's central directory, or null when it is not a readable zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= floor; at -= 1)
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return names;
}

const OOXML_MAIN: [string, DocumentFormat][] = [
  ['word/document.xml', 'docx'],
  ['xl/workbook.xml', 'xlsx'],
  ['ppt/presentation.xml', 'pptx'],
];
const ODF_TYPES: Record<string, DocumentFormat> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

function zipDocument(bytes: Uint8Array): Detection {
  // ODF: the first entry is "mimetype", stored uncompressed, naming the document type.
  if (ascii(bytes, 30, 38) === 'mimetype') {
    const start = 30 + u16(bytes, 26) + u16(bytes, 28);
    const type = ascii(bytes, start, start + u32(bytes, 18)).trim();
    const format = ODF_TYPES[type];
    if (format) return { ok: true, format };
  }
  const names = zipEntryNames(bytes);
  if (names?.includes('[Content_Types].xml'))
    for (const [main, format] of OOXML_MAIN) if (names.includes(main)) return { ok: true, format };
  return {
    ok: false,
    reason: 'This zip file is not an office document (Word, Excel, PowerPoint or OpenDocument).',
  };
}

/** Plain text or CSV: valid UTF-8 without control characters other than tab and line breaks. */
function isPlainText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Tab, line feed, form feed and carriage return are text; other control bytes are not.
  return bytes.every((b) => (b >= 0x20 ? b !== 0x7f : [0x09, 0x0a, 0x0c, 0x0d].includes(b)));
}

/**
 * Tells a case paper's format from its first bytes. Images, video and audio are refused by
 * name: Bantay never stores media, whatever the file is called.
 */
export function detectDocumentFormat(bytes: Uint8Array): Detection {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty.' };
  const media = MEDIA.find((m) => m.test(bytes));
  if (media)
    return {
      ok: false,
      reason: `This file is ${media.kind === 'image' ? 'an image' : media.kind} (${media.name}). Bantay never stores images, video or audio; only case papers (PDF, office files, text).`,
    };
  if (ascii(bytes, 0, 5) === '%PDF-') return { ok: true, format: 'pdf' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { ok: true, format: 'ole2' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipDocument(bytes);
  if (isPlainText(bytes)) return { ok: true, format: 'text' };
  return {
    ok: false,
    reason:
      'This is not a case paper Bantay accepts: PDF, Word, Excel, PowerPoint, OpenDocument or plain text (told from the file’s content, not its name).',
  };
}
