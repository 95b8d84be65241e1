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
  return parent.children.find((child) => child.name === name);
}

export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

/** The trimmed text of the first child of that name; undefined when absent or blank. */
export function childText(parent: XmlElement | undefined, name: string): string | undefined {
  const child = parent === undefined ? undefined : childElement(parent, name);
  const text = child?.text.trim();
  return text === '' ? undefined : text;
}
