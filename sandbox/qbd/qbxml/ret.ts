import type { QbdCompany } from '../company/company.js';
import { formatCents } from '../company/decimal.js';
import type { ListRecord, TxnRecord } from '../company/records.js';
import { el, leaf, type XmlNode } from './xml.js';

const HIERARCHICAL = new Set(['Customer', 'Account', 'Class', 'ItemService', 'ItemNonInventory', 'ItemOtherCharge']);

const balanceOf = (company: QbdCompany, record: ListRecord): bigint | undefined => {
  const kinds = record.kind === 'Vendor' ? ['Bill'] : record.kind === 'Customer' ? ['Invoice'] : undefined;
  if (!kinds) return undefined;
  const refName = record.kind === 'Vendor' ? 'VendorRef' : 'CustomerRef';
  let sum = 0n;
  for (const kind of kinds) {
    for (const txn of company.txnsOf(kind)) {
      if (company.refListId(txn, refName) === record.listId) sum += txn.total - txn.applied;
    }
  }
  return sum;
};

/** `VendorRet`, `CustomerRet` … in QuickBooks' order: ids and times, names, then the stored elements. */
export const listRet = (company: QbdCompany, record: ListRecord): XmlNode => {
  const parent = record.parentId ? company.listById(record.parentId) : undefined;
  const balance = balanceOf(company, record);
  return el(`${record.kind}Ret`, [
    leaf('ListID', record.listId), leaf('TimeCreated', record.timeCreated), leaf('TimeModified', record.timeModified),
    leaf('EditSequence', record.editSequence), leaf('Name', record.name),
    ...(record.kind === 'Employee' ? [] : [leaf('FullName', company.fullName(record))]), leaf('IsActive', String(record.isActive)),
    ...(parent ? [company.refNode('ParentRef', parent)] : []),
    ...(HIERARCHICAL.has(record.kind) ? [leaf('Sublevel', String(company.sublevel(record)))] : []),
    ...record.fields,
    ...(balance !== undefined ? [leaf('Balance', formatCents(balance))] : []),
  ]);
};

const totals = (txn: TxnRecord): XmlNode[] => {
  const open = txn.total - txn.applied;
  switch (txn.kind) {
    case 'Bill': return [leaf('AmountDue', formatCents(txn.total)), leaf('OpenAmount', formatCents(open)), leaf('IsPaid', String(open === 0n))];
    case 'VendorCredit': return [leaf('CreditAmount', formatCents(txn.total)), leaf('OpenAmount', formatCents(open))];
    case 'PurchaseOrder': return [leaf('TotalAmount', formatCents(txn.total))];
    case 'Invoice': return [
      leaf('Subtotal', formatCents(txn.total)), leaf('AppliedAmount', formatCents(-txn.applied)),
      leaf('BalanceRemaining', formatCents(open)), leaf('IsPaid', String(open === 0n)),
    ];
    case 'Estimate': return [leaf('Subtotal', formatCents(txn.total)), leaf('TotalAmount', formatCents(txn.total))];
    case 'BillPaymentCheck': case 'BillPaymentCreditCard': return [leaf('Amount', formatCents(txn.total))];
    case 'ReceivePayment': return [leaf('TotalAmount', formatCents(txn.total)), leaf('UnusedPayment', formatCents(txn.total - txn.applied))];
    default: return [];
  }
};

/** `BillRet`, `InvoiceRet` …: ids and times, the stored header, computed totals, links, then lines. */
export const txnRet = (txn: TxnRecord, opts: { lines: boolean; linked: boolean }): XmlNode => el(`${txn.kind}Ret`, [
  leaf('TxnID', txn.txnId), leaf('TimeCreated', txn.timeCreated), leaf('TimeModified', txn.timeModified),
  leaf('EditSequence', txn.editSequence), leaf('TxnNumber', String(txn.txnNumber)),
  ...txn.fields, ...totals(txn),
  ...(opts.linked ? txn.links.map((l) => el('LinkedTxn', [leaf('TxnID', l.txnId), leaf('TxnType', l.kind), leaf('Amount', formatCents(l.amount))])) : []),
  ...(opts.lines ? txn.lines.map((l) => el(l.retName, [leaf('TxnLineID', l.txnLineId), ...l.fields])) : []),
]);

/** IncludeRetElement: only the named top-level elements of each Ret. */
export const pickElements = (ret: XmlNode, names: readonly string[]): XmlNode =>
  names.length === 0 ? ret : el(ret.name, ret.children.filter((c) => names.includes(c.name)), ret.attrs);
