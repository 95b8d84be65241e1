import { SaxesParser } from 'saxes';

/**
 * A tiny element tree built with saxes, for the generator's tests: enough to check that the
 * XML is well formed and to read values back. Not an intake parser (that is intake/parsers).
 */

export type XmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element. */
  text: string;
};

/** Parse one document or fragment; throws on anything not well formed. */
export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
    };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current && current !== root) current.text += text;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  const [element] = root.children;
  if (!element || root.children.length !== 1) throw new Error('expected exactly one root element');
  return element;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** Trimmed text of a child element, or undefined when absent. */
export function textOf(element: XmlElement, name: string): string | undefined {
  const found = child(element, name);
  return found ? found.text.trim() : undefined;
}

/** Every element of the tree, depth first. */
export function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const c of element.children) yield* walk(c);
}
