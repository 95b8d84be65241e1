/** One element of a record as a small tree: enough to map a report, nothing of the parser. */
export type XmlElement = {
  /** Local name, without a namespace prefix. */
  name: string;
  /** By local name; namespace declarations left out. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, untrimmed. */
  text: string;
  /** `/reports/report[3]/victim[2]/ipCaptureEvent`: records always indexed, children when a name repeats. */
  path: string;
  line: number;
  column: number;
};

/** The first child element of that name. */
export function childElement(parent: XmlElement, name: string): XmlElement | undefined {
  // Loops rather than find/filter with a closure: these run dozens of times for every report.
  for (const child of parent.children) if (child.name === name) return child;
  return undefined;
}

export function childElements(parent: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of parent.children) if (child.name === name) found.push(child);
  return found;
}

/** The trimmed text of the first child of that name; undefined when absent or blank. */
export function childText(parent: XmlElement | undefined, name: string): string | undefined {
  const child = parent === undefined ? undefined : childElement(parent, name);
  const text = child?.text.trim();
  return text === '' ? undefined : text;
}
