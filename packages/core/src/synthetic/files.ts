/**
 * A file of many reports, streamed: the XML declaration, a `<reports>` root and the report
 * elements as they come, so a caller can write any number of reports per file.
 */
export function* xmlDocument(reportsXml: Iterable<string>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<reports>\n';
  for (const report of reportsXml) yield `${report}\n`;
  yield '</reports>\n';
}
