import type { QbdCompany } from '../company/company.js';
import { parseScaled } from '../company/decimal.js';
import type { FieldSpec } from './schema.js';
import { badReference, conversionError, notFound, tooLong } from './status.js';
import { el, leaf, textOf, type XmlNode } from './xml.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$/;
const DURATION = /^PT(\d+H)?(\d+M)?(\d+S)?$/;
const SCALE: Partial<Record<FieldSpec['type'], number>> = { amt: 2, price: 5, qty: 5 };

const validDate = (text: string): boolean => DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
  && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/**
 * Business-level checks of a schema-valid element, the ones QuickBooks answers with a status
 * code rather than a parse error: lengths (3070), amounts and dates (3020), references to list
 * objects (3140) and to transactions (3120). Returns the element with every reference resolved
 * to ListID + FullName, as it will be stored and returned.
 */
export const resolveElement = (company: QbdCompany, node: XmlNode, spec: FieldSpec, where: string): XmlNode => {
  switch (spec.type) {
    case 'str':
      if (spec.max !== undefined && [...node.text].length > spec.max) throw tooLong(node.name, node.text);
      return node;
    case 'amt': case 'price': case 'qty':
      if (parseScaled(node.text, SCALE[spec.type] ?? 2) === undefined) throw conversionError(node.name, node.text);
      return node;
    case 'date':
      if (!validDate(node.text) && !DATETIME.test(node.text)) throw conversionError(node.name, node.text);
      return node;
    case 'datetime':
      if (!DATETIME.test(node.text)) throw conversionError(node.name, node.text);
      return node;
    case 'duration':
      if (!DURATION.test(node.text) || node.text === 'PT') throw conversionError(node.name, node.text);
      return node;
    case 'ref': {
      const kinds = spec.kinds ?? [];
      const listId = textOf(node, 'ListID');
      const fullName = textOf(node, 'FullName');
      // 159 for every ref (qbd.md §4; Customer's 209 in newer qbXML is unconfirmed, so the stricter limit).
      if (fullName !== undefined && [...fullName].length > 159) throw tooLong(`${node.name}/FullName`, fullName);
      const record = listId !== undefined ? company.listById(listId) : company.listByFullName(kinds, fullName ?? '');
      const matches = record && kinds.includes(record.kind)
        && (fullName === undefined || company.fullName(record).toLowerCase() === fullName.toLowerCase());
      if (!record || !matches) throw badReference(kinds[0] ?? 'list', listId ?? fullName ?? '', where);
      return company.refNode(node.name, record);
    }
    case 'txnid': {
      const txn = company.txnById(node.text);
      if (!txn || !(spec.kinds ?? []).includes(txn.kind)) throw notFound(node.text);
      return node;
    }
    case 'group':
      return el(node.name, resolveChildren(company, node, spec.children ?? [], where), node.attrs);
    default:
      return node.children.length === 0 ? leaf(node.name, node.text) : node;
  }
};

export const resolveChildren = (company: QbdCompany, node: XmlNode, specs: readonly FieldSpec[], where: string): XmlNode[] =>
  node.children.map((c) => {
    const spec = specs.find((s) => s.name === c.name);
    return spec ? resolveElement(company, c, spec, where) : c;
  });
