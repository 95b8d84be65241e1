/** One element of a record as a small tree: enough to map a report, nothing of the parser. */
export class XmlElement {
  readonly children: XmlElement[] = [];
  /** The element's own character data, untrimmed. */
  text = '';
  #path: string | undefined;

  constructor(
    /** Local name, without a namespace prefix. */
    readonly name: string,
    /** By local name; namespace declarations left out. */
    readonly attributes: Record<string, string>,
    readonly line: number,
    readonly column: number,
    /** The element it is a child of in the tree; none for a record or other top element. */
    private readonly parent: XmlElement | undefined,
    /** A top element's path, given; a child's is worked out from its parent's when asked. */
    path?: string,
  ) {
    this.#path = path;
  }

  /**
   * `/reports/report[3]/victim[2]/ipCaptureEvent`: records always indexed, children when a
   * name repeats. Only a problem's message needs it, so it is built then, not for every element.
   */
  get path(): string {
    if (this.#path !== undefined) return this.#path;
    const siblings = this.parent?.children ?? [];
    let ordinal = 0;
    for (const sibling of siblings) {
      if (sibling.name === this.name) ordinal += 1;
      if (sibling === this) break;
    }
    const index = ordinal > 1 ? `[${ordinal}]` : '';
    this.#path = `${this.parent?.path ?? ''}/${this.name}${index}`;
    return this.#path;
  }
}

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
