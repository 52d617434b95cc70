import { QbParseError } from './status.js';
import type { XmlNode } from './xml.js';

/**
 * A qbXML element's content model: an ordered sequence of children, as in Intuit's schema
 * (`xs:sequence`). What breaks the schema (unknown or out-of-order element, missing required one,
 * a bad enum or boolean, an element newer than the document's qbXML version) is a parse error
 * for the whole document, as QuickBooks' request processor answers (api-facts/qbd.md §4).
 */
export type FieldType =
  | 'str' | 'id' | 'editseq' | 'amt' | 'price' | 'qty' | 'date' | 'datetime' | 'duration'
  | 'bool' | 'int' | 'enum' | 'ref' | 'txnid' | 'group' | 'guid';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly req?: boolean;
  readonly many?: boolean;
  /** Maximum string length (checked as status 3070, not as a parse error). */
  readonly max?: number;
  /** First qbXML version that has the element. */
  readonly since?: number;
  readonly values?: readonly string[];
  /** For refs: the lists a ListID/FullName is looked up in. */
  readonly kinds?: readonly string[];
  readonly children?: readonly FieldSpec[];
}

type Opts = Omit<FieldSpec, 'name' | 'type'>;
export const str = (name: string, max: number, o: Opts = {}): FieldSpec => ({ name, type: 'str', max, ...o });
export const amt = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'amt', ...o });
export const price = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'price', ...o });
export const qty = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'qty', ...o });
export const date = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'date', ...o });
export const datetime = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'datetime', ...o });
export const bool = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'bool', ...o });
export const int = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'int', ...o });
export const id = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'id', ...o });
export const guid = (name: string, o: Opts = {}): FieldSpec => ({ name, type: 'guid', ...o });
export const editseq = (o: Opts = {}): FieldSpec => ({ name: 'EditSequence', type: 'editseq', max: 16, ...o });
export const enumOf = (name: string, values: readonly string[], o: Opts = {}): FieldSpec => ({ name, type: 'enum', values, ...o });
export const ref = (name: string, kinds: readonly string[], o: Opts = {}): FieldSpec => ({ name, type: 'ref', kinds, ...o });
export const txnid = (name: string, kinds: readonly string[], o: Opts = {}): FieldSpec => ({ name, type: 'txnid', kinds, ...o });
export const group = (name: string, children: readonly FieldSpec[], o: Opts = {}): FieldSpec => ({ name, type: 'group', children, ...o });
export const many = (spec: FieldSpec): FieldSpec => ({ ...spec, many: true });
export const req = (spec: FieldSpec): FieldSpec => ({ ...spec, req: true });

const BOOL = new Set(['true', 'false']);
const INT = /^-?\d+$/;

const checkLeaf = (node: XmlNode, spec: FieldSpec, path: string): void => {
  if (spec.type === 'group' || spec.type === 'ref') return;
  if (node.children.length > 0) throw new QbParseError(`Element ${path} may not have child elements.`);
  if (spec.type === 'bool' && !BOOL.has(node.text)) throw new QbParseError(`Invalid boolean "${node.text}" in ${path}.`);
  if (spec.type === 'int' && !INT.test(node.text)) throw new QbParseError(`Invalid integer "${node.text}" in ${path}.`);
  if (spec.type === 'enum' && !spec.values?.includes(node.text)) throw new QbParseError(`Invalid value "${node.text}" in ${path}.`);
};

const REF_CHILDREN: readonly FieldSpec[] = [id('ListID'), str('FullName', 159)];

/** Validates `node`'s children against `specs` in order; throws QbParseError. */
export const validateSequence = (node: XmlNode, specs: readonly FieldSpec[], version: number, path: string): void => {
  let at = 0;
  let countAtSpec = 0;
  for (const item of node.children) {
    const here = `${path}/${item.name}`;
    while (at < specs.length && specs[at]?.name !== item.name) {
      const skipped = specs[at];
      if (skipped?.req && countAtSpec === 0) throw new QbParseError(`Required element ${path}/${skipped.name} is missing before ${item.name}.`);
      at++;
      countAtSpec = 0;
    }
    const spec = specs[at];
    if (!spec) throw new QbParseError(`Element ${here} is unknown or out of order.`);
    if (countAtSpec > 0 && !spec.many) throw new QbParseError(`Element ${here} may occur only once.`);
    if (spec.since !== undefined && version < spec.since) throw new QbParseError(`Element ${here} needs qbXML ${spec.since.toFixed(1)} or later.`);
    countAtSpec++;
    validateElement(item, spec, version, here);
  }
  const rest = specs.slice(countAtSpec > 0 ? at + 1 : at).find((s) => s.req);
  if (rest) throw new QbParseError(`Required element ${path}/${rest.name} is missing.`);
};

export const validateElement = (node: XmlNode, spec: FieldSpec, version: number, path: string): void => {
  checkLeaf(node, spec, path);
  if (spec.type === 'ref') {
    if (node.children.length === 0) throw new QbParseError(`Reference ${path} needs ListID or FullName.`);
    validateSequence(node, REF_CHILDREN, version, path);
  }
  if (spec.type === 'group') validateSequence(node, spec.children ?? [], version, path);
};
