import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of a qbXML document, children in document order (qbXML's schema is a sequence). */
export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlNode[];
}

export interface XmlDocument {
  /** Processing instructions by name without the `?`, e.g. `qbxml` → `{ version: '13.0' }`. */
  readonly instructions: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly roots: readonly XmlNode[];
}

type Ordered = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  parseAttributeValue: false, trimValues: true, processEntities: true, ignoreDeclaration: false,
});

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: true });

const toNode = (entry: Ordered): XmlNode | undefined => {
  const name = Object.keys(entry).find((key) => key !== ':@');
  if (!name || name === '#text') return undefined;
  const raw = (entry[name] ?? []) as Ordered[];
  const attrs = (entry[':@'] ?? {}) as Record<string, string>;
  const text = raw.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
  const children = raw.map(toNode).filter((c): c is XmlNode => c !== undefined);
  return { name, attrs, text, children };
};

/** Parses XML text; undefined when it is not well-formed. */
export const parseXml = (text: string): XmlDocument | undefined => {
  if (XMLValidator.validate(text) !== true) return undefined;
  const entries = parser.parse(text) as Ordered[];
  const instructions: Record<string, Record<string, string>> = {};
  const roots: XmlNode[] = [];
  for (const entry of entries) {
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (name?.startsWith('?')) instructions[name.slice(1)] = (entry[':@'] ?? {}) as Record<string, string>;
    else {
      const node = toNode(entry);
      if (node) roots.push(node);
    }
  }
  return { instructions, roots };
};

export const el = (name: string, children: readonly XmlNode[] = [], attrs: Record<string, string> = {}): XmlNode =>
  ({ name, attrs, text: '', children });
export const leaf = (name: string, text: string, attrs: Record<string, string> = {}): XmlNode =>
  ({ name, attrs, text, children: [] });

const toOrdered = (node: XmlNode): Ordered => {
  const inner: Ordered[] = node.children.length > 0 ? node.children.map(toOrdered) : node.text !== '' ? [{ '#text': node.text }] : [];
  return Object.keys(node.attrs).length > 0 ? { [node.name]: inner, ':@': { ...node.attrs } } : { [node.name]: inner };
};

/** Serialises nodes with escaping done by the library (never by hand). */
export const buildXml = (nodes: readonly XmlNode[]): string => builder.build(nodes.map(toOrdered)) as string;

export const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
export const children = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);
export const textOf = (node: XmlNode, name: string): string | undefined => child(node, name)?.text;
