import {
  FILE_ANNOTATIONS,
  INDUSTRY_CLASSIFICATIONS,
  REPORT_ANNOTATIONS,
  type FileAnnotation,
  type FileHash,
  type IndustryClassification,
  type IntakeProblem,
  type ParsedItem,
  type RawIdentifier,
  type ReportAnnotation,
  type ReportDraft,
  type ReportFile,
} from '../report';
import {
  addCaptures,
  addressHint,
  badValue,
  missingElement,
  readAttribute,
  readChild,
  readRequiredChild,
  type Findings,
} from './cybertipline-fields';
import { reportPersons } from './cybertipline-subjects';
import { firstOf, problem } from './problems';
import type { TextChunks } from './utf8';
import {
  clipSummary,
  compact,
  hashTypeFrom,
  readDateTime,
  readFlag,
  readHash,
  readIncidentType,
  readWholeNumber,
  type Reading,
} from './values';
import { childElement, childElements, childText, type XmlElement } from './xml-element';
import { readXmlRecords, type XmlLimits, type XmlStreamItem } from './xml-stream';

export type CyberTiplineOptions = {
  /** Who sent the file; NCMEC unless said otherwise. */
  source?: string;
  limits?: Partial<XmlLimits>;
};

/** A parsed item before it is numbered. */
type Outcome =
  | { ok: true; draft: ReportDraft; raw: string }
  | { ok: false; problem: IntakeProblem; raw: string; externalId?: string };

/**
 * Reads CyberTipline reports (`<report>` as the root or any number under a wrapper) and yields
 * each as soon as it is complete, so a 2 GB file takes no more memory than its largest report.
 * One bad report becomes one problem; the reports after it still parse.
 */
export async function* parseCyberTiplineXml(
  chunks: TextChunks,
  options: CyberTiplineOptions = {},
): AsyncGenerator<ParsedItem> {
  const source = options.source ?? 'NCMEC';
  const records = readXmlRecords(chunks, {
    recordName: 'report',
    trailerNames: ['fileDetails'],
    limits: options.limits,
  });
  let index = 0;
  for await (const item of records) {
    for (const outcome of outcomesOf(item, source)) {
      // Texts are slices of the input chunk, which V8 keeps alive with them; problems are often
      // collected for a summary, so they get copies of their own.
      yield outcome.ok ? { ...outcome, index } : { ...structuredClone(outcome), index };
      index += 1;
    }
  }
}

export async function parseCyberTiplineXmlString(
  text: string,
  options?: CyberTiplineOptions,
): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parseCyberTiplineXml([text], options)) items.push(item);
  return items;
}

function outcomesOf(item: XmlStreamItem, source: string): Outcome[] {
  switch (item.kind) {
    case 'fatal':
      return [{ ok: false, problem: item.problem, raw: item.raw }];
    case 'rejected':
      return [
        compact({
          ok: false as const,
          problem: item.problem,
          raw: item.raw,
          externalId: reportIdOf(item.element),
        }),
      ];
    case 'stray':
      return [unattachedFileDetails(item.element, item.raw)];
    case 'record': {
      const externalId = reportIdOf(item.record);
      // Stand-alone fileDetails join the report they directly follow, as long as they name it.
      const attachable = item.trailers.findIndex(
        (trailer) => externalId === undefined || childText(trailer.element, 'reportId') !== externalId,
      );
      const attached = attachable === -1 ? item.trailers : item.trailers.slice(0, attachable);
      const unattached = item.trailers.slice(attached.length);
      const raw = item.raw.slice(0, attached.at(-1)?.end ?? item.recordEnd);
      const mapped = mapReport(
        item.record,
        attached.map((trailer) => trailer.element),
        source,
      );
      const report: Outcome = mapped.ok
        ? { ok: true, draft: mapped.draft, raw }
        : compact({ ok: false as const, problem: mapped.problem, raw, externalId });
      const strays = unattached.map((trailer) =>
        unattachedFileDetails(trailer.element, item.raw.slice(trailer.start, trailer.end)),
      );
      return [report, ...strays];
    }
  }
}

/** A CyberTipline report id: the reportId element of a law-enforcement copy, or an id attribute. */
function reportIdOf(element: XmlElement): string | undefined {
  const id = childText(element, 'reportId') ?? element.attributes.id?.trim();
  return id === '' ? undefined : id;
}

function unattachedFileDetails(element: XmlElement, raw: string): Outcome {
  const reportId = childText(element, 'reportId');
  const at = { path: element.path, line: element.line, column: element.column };
  if (reportId === undefined) {
    const message = 'A stand-alone fileDetails has no reportId, so it cannot be matched to its report.';
    return {
      ok: false,
      problem: problem('missing_element', message, { ...at, path: `${element.path}/reportId` }),
      raw,
    };
  }
  const message = `fileDetails for report ${reportId} does not directly follow that report; put it inside the report or right after it.`;
  return { ok: false, problem: problem('unattached_file_details', message, at), raw, externalId: reportId };
}

type Mapped = { ok: true; draft: ReportDraft } | { ok: false; problem: IntakeProblem };

function mapReport(report: XmlElement, trailingFiles: XmlElement[], source: string): Mapped {
  const findings: Findings = [];
  const externalId = reportIdOf(report);
  if (externalId === undefined) missingElement(findings, report, 'reportId');
  const summary = childElement(report, 'incidentSummary');
  if (summary === undefined) missingElement(findings, report, 'incidentSummary');
  const incidentType = summary && readRequiredChild(findings, summary, 'incidentType', readIncidentType);
  const incidentAt = summary && readRequiredChild(findings, summary, 'incidentDateTime', readDate);
  const platform = childText(summary, 'platform');
  const escalation = summary && childElement(summary, 'escalateToHighPriority');
  const persons = reportPersons(findings, report, platform);
  const files = [...childElements(report, 'fileDetails'), ...trailingFiles].map((file) =>
    reportFile(findings, file),
  );
  const locations = childElements(report, 'internetDetails').flatMap((details) =>
    childElements(details, 'nonInternetIncident').flatMap((incident) =>
      childElements(incident, 'incidentAddress').flatMap((address) => addressHint(address, 'city') ?? []),
    ),
  );
  if (externalId === undefined || incidentType === undefined || findings.length > 0) {
    const fallback = problem('missing_element', 'The report has no id or no incident type.', {
      path: report.path,
    });
    return { ok: false, problem: firstOf(findings) ?? fallback };
  }
  const draft = compact<ReportDraft>({
    format: 'cybertipline-xml',
    source,
    sourceKind: 'platform',
    externalId,
    incidentType,
    incidentAt,
    platform,
    escalationReason: escalation && (escalation.text.trim() || 'No reason given.'),
    annotations: reportAnnotations(summary),
    persons,
    files,
    locations,
    summary: clipSummary(childText(report, 'additionalInfo')),
  });
  return { ok: true, draft };
}

const readDate = (text: string): Reading<Date> => readDateTime(text);

function reportAnnotations(summary: XmlElement | undefined): ReportAnnotation[] {
  const annotations = summary && childElement(summary, 'reportAnnotations');
  return (annotations?.children ?? []).map((flag) => flag.name).filter(isOneOf(REPORT_ANNOTATIONS));
}

function reportFile(findings: Findings, file: XmlElement): ReportFile {
  const annotations: FileAnnotation[] = (childElement(file, 'fileAnnotations')?.children ?? [])
    .map((flag) => flag.name)
    .filter(isOneOf(FILE_ANNOTATIONS));
  if (
    readChild(findings, file, 'potentialMeme', readFlag) === true &&
    !annotations.includes('potentialMeme')
  ) {
    annotations.push('potentialMeme');
  }
  return compact<ReportFile>({
    fileId: childText(file, 'fileId'),
    originalFileName: childText(file, 'originalFileName') ?? childText(file, 'fileName'),
    viewedByEsp: readChild(findings, file, 'fileViewedByEsp', readFlag),
    publiclyAvailable: readChild(findings, file, 'publiclyAvailable', readFlag),
    annotations,
    industryClassification: readChild(findings, file, 'industryClassification', readIndustryClassification),
    hashes: childElements(file, 'originalFileHash').flatMap((hash) => fileHash(findings, hash) ?? []),
    identifiers: fileCaptures(findings, file),
  });
}

function fileCaptures(findings: Findings, file: XmlElement): RawIdentifier[] {
  const found: RawIdentifier[] = [];
  addCaptures(found, findings, file);
  return found;
}

/** A hash of a type Bantay does not use (PhotoDNA, say) is skipped, not a fault; a malformed one is. */
function fileHash(findings: Findings, element: XmlElement): FileHash | undefined {
  const type = hashTypeFrom(element.attributes.hashType ?? '');
  if (type === undefined) return undefined;
  const reading = readHash(type, element.text);
  if (!reading.ok) {
    badValue(findings, element, reading.reason);
    return undefined;
  }
  const quality =
    type === 'pdq'
      ? readAttribute(findings, element, 'quality', (text) => readWholeNumber(text, 0, 100))
      : undefined;
  return compact<FileHash>({ type, value: reading.value, quality });
}

function readIndustryClassification(text: string): Reading<IndustryClassification> {
  const value = text.toUpperCase();
  return isOneOf(INDUSTRY_CLASSIFICATIONS)(value)
    ? { ok: true, value }
    : {
        ok: false,
        reason: `"${text}" is not an industry classification; use ${INDUSTRY_CLASSIFICATIONS.join(', ')}.`,
      };
}

function isOneOf<T extends string>(allowed: readonly T[]): (value: string) => value is T {
  return (value): value is T => (allowed as readonly string[]).includes(value);
}
