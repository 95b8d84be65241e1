import type { IntakeProblem } from '../report';
import type { XmlElement } from './xml-element';
import { RecordReader } from './xml-record-reader';
import { BadEncoding, decodeUtf8, type TextChunks } from './utf8';

/**
 * Safe, streaming XML plumbing: cuts a document into records (one element name, e.g. `report`)
 * and hands each over as a small tree with its exact source text, holding only the record being
 * read. It knows nothing of any schema; the mapping lives with the format.
 */

export type XmlLimits = {
  /** Deepest element nesting; the scanner keeps one stack entry per level. */
  maxDepth: number;
  /** Longest text or attribute value of one element, in characters. */
  maxTextLength: number;
  /** Most attributes on one element. */
  maxAttributes: number;
  /** Largest record (with its trailing elements) and longest run without markup, in characters. */
  maxRecordChars: number;
};

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 64,
  maxTextLength: 64 * 1024,
  maxAttributes: 32,
  maxRecordChars: 5 * 1024 * 1024,
};

/** A stand-alone element that came right after a record; offsets are into the group's raw text. */
export type XmlTrailer = { element: XmlElement; start: number; end: number };

export type XmlStreamItem =
  | { kind: 'record'; record: XmlElement; trailers: XmlTrailer[]; raw: string; recordEnd: number }
  /** An element of a trailing kind with no record right before it. */
  | { kind: 'stray'; element: XmlElement; raw: string }
  /** Over a limit: the partial tree (for the id) and the raw text unless the size itself was the problem. */
  | { kind: 'rejected'; problem: IntakeProblem; element: XmlElement; raw: string }
  /** The document cannot be read any further. */
  | { kind: 'fatal'; problem: IntakeProblem; raw: string };

export type XmlRecordOptions = {
  /** Local name of the element that makes one record. */
  recordName: string;
  /** Local names of elements that belong to the record they directly follow. */
  trailerNames?: readonly string[];
  limits?: Partial<XmlLimits>;
};

const SLICE_LENGTH = 64 * 1024;

export async function* readXmlRecords(
  chunks: TextChunks,
  options: XmlRecordOptions,
): AsyncGenerator<XmlStreamItem> {
  const reader = new RecordReader({
    recordName: options.recordName,
    trailerNames: new Set(options.trailerNames),
    limits: { ...DEFAULT_XML_LIMITS, ...options.limits },
  });
  try {
    for await (const text of decodeUtf8(chunks)) {
      // Small slices keep every limit check close to the point where it is crossed.
      for (let at = 0; at < text.length && !reader.stopped; at += SLICE_LENGTH) {
        reader.feed(text.slice(at, at + SLICE_LENGTH));
        yield* reader.takeQueued();
      }
      if (reader.stopped) return;
    }
  } catch (error) {
    if (!(error instanceof BadEncoding)) throw error;
    reader.stop('bad_encoding', error.message);
    yield* reader.takeQueued();
    return;
  }
  reader.finish();
  yield* reader.takeQueued();
}
