import type { IntakeProblem } from '../report';

/** The stable codes of intake problems: the queue and the web translate by code. */
export const PARSE_PROBLEMS = {
  /** The XML declares a DOCTYPE: refused outright, which rules out external entities and entity expansion. */
  forbidden_doctype: 'The document declares a DOCTYPE, which is refused.',
  /** Syntax error (XML, JSON or CSV); an XML stream cannot resynchronise, so parsing stops there. */
  not_well_formed: 'The document is not well-formed.',
  /** Bytes that are not UTF-8, or a declared encoding other than UTF-8. */
  bad_encoding: 'The document is not UTF-8.',
  /** The input ends inside a report or before the document is closed. */
  truncated: 'The document ends before it is complete.',
  /** A text, an attribute, a report or the whole input is over its size limit. */
  too_large: 'Too large.',
  /** Elements nested deeper than the limit; parsing stops there. */
  too_deep: 'Nested too deeply.',
  /** An element carries more attributes than the limit. */
  too_many_attributes: 'Too many attributes on one element.',
  /** A required XML element is absent; `path` says where it should be. */
  missing_element: 'A required element is missing.',
  /** A required JSON field or CSV cell is empty or absent. */
  missing_value: 'A required value is missing.',
  /** A required CSV column is absent from the header row. */
  missing_column: 'A required column is missing.',
  /** A value is present but not one Bantay accepts; the message lists what is allowed. */
  bad_value: 'A value is not valid.',
  /** A stand-alone fileDetails that does not directly follow the report it names. */
  unattached_file_details: 'File details do not follow the report they belong to.',
} as const;
export type ParseProblemCode = keyof typeof PARSE_PROBLEMS;

export type ProblemLocation = Pick<IntakeProblem, 'path' | 'line' | 'column'>;

export function problem(code: ParseProblemCode, message: string, at: ProblemLocation = {}): IntakeProblem {
  return { code, message, ...definedOnly(at) };
}

/** The first problem of several, telling how many more there are so the sender fixes them in one go. */
export function firstOf(problems: readonly IntakeProblem[]): IntakeProblem | undefined {
  const [first] = problems;
  if (first === undefined || problems.length === 1) return first;
  const more = problems.length - 1;
  return {
    ...first,
    message: `${first.message} (and ${more} more problem${more === 1 ? '' : 's'} in this report)`,
  };
}

function definedOnly(at: ProblemLocation): ProblemLocation {
  const kept: ProblemLocation = {};
  if (at.path !== undefined) kept.path = at.path;
  if (at.line !== undefined) kept.line = at.line;
  if (at.column !== undefined) kept.column = at.column;
  return kept;
}
