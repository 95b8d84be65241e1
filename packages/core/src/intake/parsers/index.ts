import type { ParsedItem, ReportFormat } from '../report';
import { parseCyberTiplineXml } from './cybertipline';
import { parseHotlineCsv } from './hotline-csv';
import { problem } from './problems';
import { parseReferralJson } from './referral';
import { BadEncoding, decodeUtf8, type TextChunks } from './utf8';
import type { XmlLimits } from './xml-stream';

export { parseCyberTiplineXml, parseCyberTiplineXmlString, type CyberTiplineOptions } from './cybertipline';
export { parseHotlineCsv, HOTLINE_COLUMNS, type HotlineCsvOptions } from './hotline-csv';
export { PARSE_PROBLEMS, type ParseProblemCode } from './problems';
export { parseReferralJson } from './referral';
export * from './referral-schema';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './xml-stream';
export type { TextChunks } from './utf8';

export type ParseOptions = {
  /** The sender: required for a hotline CSV (the hotline's name); NCMEC by default for CyberTipline XML. */
  source?: string;
  /** Safety limits of the XML reader. */
  limits?: Partial<XmlLimits>;
  /** Largest referral JSON accepted, in characters (a referral file is read whole). */
  maxJsonChars?: number;
};

export const DEFAULT_MAX_JSON_CHARS = 20 * 1024 * 1024;

/** Parses any intake format into drafts and problems, one item per report, in file order. */
export async function* parseReports(
  format: ReportFormat,
  chunks: TextChunks,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  switch (format) {
    case 'cybertipline-xml':
      yield* parseCyberTiplineXml(chunks, options);
      return;
    case 'hotline-csv':
      if (options.source === undefined)
        throw new TypeError('A hotline CSV needs the hotline name as `source`.');
      yield* parseHotlineCsv(chunks, { source: options.source });
      return;
    case 'referral-json': {
      const text = await readWhole(chunks, options.maxJsonChars ?? DEFAULT_MAX_JSON_CHARS);
      if (typeof text === 'string') yield* parseReferralJson(text);
      else yield { ok: false, problem: text, raw: '', index: 0 };
      return;
    }
  }
}

async function readWhole(chunks: TextChunks, maxChars: number): Promise<string | ReturnType<typeof problem>> {
  const parts: string[] = [];
  let length = 0;
  try {
    for await (const text of decodeUtf8(chunks)) {
      length += text.length;
      if (length > maxChars)
        return problem('too_large', `The referral file is larger than ${maxChars} characters.`);
      parts.push(text);
    }
  } catch (error) {
    if (!(error instanceof BadEncoding)) throw error;
    const line = parts.join('').split('\n').length;
    return problem('bad_encoding', error.message, { line });
  }
  return parts.join('');
}
