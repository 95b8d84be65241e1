import type { EvidenceItem } from '@bantay/core/evidence/schema';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const CSV_COLUMNS = [
  'number',
  'kind',
  'description',
  'sha256',
  'md5',
  'sha1',
  'acquired_at',
  'custodian',
  'chain_hash',
] as const;

/** A CSV cell; a leading =, +, - or @ is quoted with ' so a spreadsheet never runs it as a formula. */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The hashes of a case's evidence, one item a line, for the court and the defence to check. */
export function evidenceCsv(items: readonly EvidenceItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    lines.push(
      [
        item.number,
        item.kind,
        item.description,
        item.sha256,
        item.md5,
        item.sha1,
        item.acquiredAt,
        item.custodian.name,
        item.hash,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The standard PDF fonts speak WinAnsi only: anything else becomes '?'. */
const winAnsi = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

type Manifest = {
  caseNumber: string;
  caseTitle: string;
  generatedAt: Date;
  generatedBy: string;
  items: readonly EvidenceItem[];
};

/**
 * The evidence manifest for court: each item with its hashes, acquisition, legal basis,
 * storage location and its chain of custody, with the register's chain hashes.
 */
export async function evidenceManifestPdf(manifest: Manifest): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Evidence manifest ${manifest.caseNumber}`);
  pdf.setProducer('Bantay');
  pdf.setCreationDate(manifest.generatedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  const margin = 48;
  let page: PDFPage = pdf.addPage();
  let y = page.getHeight() - margin;
  const write = (text: string, font: PDFFont = regular, size = 9, indent = 0) => {
    const width = page.getWidth() - 2 * margin - indent;
    // Wrap by characters: hashes have no spaces, descriptions do.
    const perLine = Math.max(20, Math.floor(width / (font.widthOfTextAtSize('M', size) * 0.8)));
    const chunks = winAnsi(text).match(new RegExp(`.{1,${perLine}}`, 'g')) ?? [''];
    for (const chunk of chunks) {
      if (y < margin + size) {
        page = pdf.addPage();
        y = page.getHeight() - margin;
      }
      page.drawText(chunk, { x: margin + indent, y, size, font, color: rgb(0, 0, 0) });
      y -= size + 4;
    }
  };
  write(`Evidence manifest - case ${manifest.caseNumber}`, bold, 14);
  write(manifest.caseTitle, regular, 10);
  write(
    `Generated ${manifest.generatedAt.toISOString()} by ${manifest.generatedBy}. ${manifest.items.length} item(s).`,
  );
  write('Hashes and locations only: the items themselves are kept in the agency forensic store.');
  y -= 8;
  for (const item of manifest.items) {
    write(`${item.number}  ${item.kind}  ${item.description}`, bold, 10);
    write(`SHA-256 ${item.sha256}`, mono, 8, 12);
    if (item.md5) write(`MD5     ${item.md5}`, mono, 8, 12);
    if (item.sha1) write(`SHA-1   ${item.sha1}`, mono, 8, 12);
    for (const [name, value] of Object.entries(item.otherHashes)) write(`${name} ${value}`, mono, 8, 12);
    write(`Acquired by ${item.acquiredBy} at ${item.acquiredAt}, ${item.acquiredWhere}`, regular, 9, 12);
    write(`Legal basis: ${item.legalBasis}`, regular, 9, 12);
    write(`Stored at: ${item.storageLocation}`, regular, 9, 12);
    write(
      `Registered by ${item.registeredBy} at ${item.registeredAt}; register hash ${item.hash}`,
      regular,
      8,
      12,
    );
    write('Chain of custody:', bold, 9, 12);
    if (item.transfers.length === 0)
      write(`held by ${item.custodian.name} since registration`, regular, 9, 24);
    for (const transfer of item.transfers)
      write(
        `${transfer.at}  ${transfer.from} -> ${transfer.to}: ${transfer.purpose} (hash ${transfer.hash.slice(0, 16)}...)`,
        regular,
        8,
        24,
      );
    y -= 6;
  }
  return pdf.save();
}
