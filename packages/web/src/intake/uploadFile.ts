/** The files intake takes, by name, as the server decides their format. */
export const INTAKE_EXTENSIONS = ['.xml', '.json', '.jsonl', '.ndjson', '.csv', '.zip'] as const;
export const HASH_SET_EXTENSIONS = ['.json', '.csv', '.txt'] as const;

export type IntakeKind = 'xml' | 'json' | 'csv' | 'zip';

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot).toLowerCase();
}

/** What kind of upload this is, or null when intake does not take it. */
export function intakeKind(name: string): IntakeKind | null {
  const ext = extensionOf(name);
  if (ext === '.xml') return 'xml';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext === '.zip') return 'zip';
  return null;
}

/** A hotline log names no sender; the one who uploads it does. A zip may hold one. */
export function hotlineName(kind: IntakeKind | null): 'required' | 'optional' | 'none' {
  return kind === 'csv' ? 'required' : kind === 'zip' ? 'optional' : 'none';
}

/** "2.4 MB": sizes for people. */
export function fileSize(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
