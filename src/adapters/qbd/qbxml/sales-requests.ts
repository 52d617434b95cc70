import type { EstimatePosting, SalesInvoicePosting, TimeEntryPosting } from '../../../domain/books/index.js';
import type { SalesLine } from '../../../domain/owner-invoices/sales-lines.js';
import { formatMoney } from '../../../domain/shared/money.js';
import { clip, el, leaf, ref, type QbxmlNode } from './qbxml-node.js';
import { EDIT_SEQUENCE, MAX, type QbdWriteOperation } from './requests.js';

/** An invoice's RefNumber holds 11 characters (qbd §5.2), an estimate's the same. */
const INVOICE_NUMBER_MAX = 11;

/** The two sales transactions the hub writes whole: owner invoices and estimates (a takeoff's), alike but for their names. */
type SalesTxn = 'Invoice' | 'Estimate';
type SalesPosting = SalesInvoicePosting | EstimatePosting;

/** InvoiceLineAdd in the 7.0 order: ItemRef, Desc, Quantity, Rate, ClassRef, Amount; a text-only line is a Desc alone. */
export const salesLineChildren = (line: SalesLine): Array<QbxmlNode | undefined> => line.kind === 'description'
  ? [leaf('Desc', clip(line.description, MAX.desc))]
  : [
    ref('ItemRef', line.itemRef), leaf('Desc', clip(line.description, MAX.desc)), leaf('Quantity', String(line.qty)),
    leaf('Rate', formatMoney(line.unitPrice)), ref('ClassRef', line.classRef), leaf('Amount', formatMoney(line.amount)),
  ];
/**
 * An owner invoice (pay application, retainage release: the retainage item is one more item
 * line) or an estimate, to the project's job, the hub's note as Memo; found again by its
 * RefNumber and marker. InvoiceAdd and EstimateAdd take these fields in the same order.
 */
const salesAddOperation = (txn: SalesTxn, posting: SalesPosting): QbdWriteOperation => {
  const number = posting.number ? clip(posting.number, INVOICE_NUMBER_MAX) : undefined;
  const write = el(`${txn}AddRq`, [el(`${txn}Add`, [
    ref('CustomerRef', posting.jobRef), leaf('TxnDate', posting.txnDate), leaf('RefNumber', number),
    leaf('Memo', clip(posting.note.text, MAX.memo)), ...posting.lines.map((line) => el(`${txn}LineAdd`, salesLineChildren(line))),
  ])]);
  const probe = number
    ? el(`${txn}QueryRq`, [leaf('RefNumber', number)])
    : el(`${txn}QueryRq`, [el('TxnDateRangeFilter', [leaf('FromTxnDate', posting.txnDate), leaf('ToTxnDate', posting.txnDate)])]);
  return { label: `${txn.toLowerCase()} ${number ?? `of ${posting.txnDate}`}`, write, probe, match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false };
};

export const salesInvoiceOperation = (posting: SalesInvoicePosting): QbdWriteOperation => salesAddOperation('Invoice', posting);
export const estimateOperation = (posting: EstimatePosting): QbdWriteOperation => salesAddOperation('Estimate', posting);

/**
 * Hours on the job (TimeTrackingAdd, qbd §5.4): TxnDate, EntityRef (the employee), CustomerRef,
 * ItemServiceRef, Duration, ClassRef, Notes (the hub's note, marker first), BillableStatus.
 * Found again among the employee's entries that day by the marker in Notes.
 */
export const timeEntryOperation = (posting: TimeEntryPosting): QbdWriteOperation => {
  const write = el('TimeTrackingAddRq', [el('TimeTrackingAdd', [
    leaf('TxnDate', posting.txnDate), ref('EntityRef', posting.employeeRef), ref('CustomerRef', posting.jobRef), ref('ItemServiceRef', posting.itemRef),
    leaf('Duration', `PT${posting.hours}H${posting.minutes}M`), ref('ClassRef', posting.classRef), leaf('Notes', clip(posting.note.text, MAX.memo)),
    leaf('BillableStatus', posting.billable ? 'Billable' : 'NotBillable'),
  ])]);
  const entity = ref('Entity', posting.employeeRef) as Record<string, QbxmlNode[]>;
  const probe = el('TimeTrackingQueryRq', [
    el('TxnDateRangeFilter', [leaf('FromTxnDate', posting.txnDate), leaf('ToTxnDate', posting.txnDate)]), el('TimeTrackingEntityFilter', entity.Entity!),
  ]);
  return {
    label: `time of ${posting.employeeRef.name ?? posting.employeeRef.value} on ${posting.txnDate}`, write, probe,
    match: { by: 'memo-marker', marker: posting.note.marker, field: 'Notes' }, probeFirst: false,
  };
};

/**
 * An owner invoice or estimate updated in full (…Mod at the EditSequence the hub knows): every
 * line is new (TxnLineID -1), the lines it leaves out are removed. Its probe reads it by TxnID:
 * the new marker in its Memo means the update is in; else the answer carries the current EditSequence.
 */
const salesModOperation = (txn: SalesTxn, txnId: string, editSequence: string, posting: SalesPosting): QbdWriteOperation => {
  const number = posting.number ? clip(posting.number, INVOICE_NUMBER_MAX) : undefined;
  const write = el(`${txn}ModRq`, [el(`${txn}Mod`, [
    leaf('TxnID', txnId), leaf(EDIT_SEQUENCE, editSequence), ref('CustomerRef', posting.jobRef), leaf('TxnDate', posting.txnDate), leaf('RefNumber', number),
    leaf('Memo', clip(posting.note.text, MAX.memo)), ...posting.lines.map((l) => el(`${txn}LineMod`, [leaf('TxnLineID', '-1'), ...salesLineChildren(l)])),
  ])]);
  return {
    label: `${txn.toLowerCase()} ${number ?? txnId} (update)`, write, probe: el(`${txn}QueryRq`, [leaf('TxnID', txnId)]),
    match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false,
  };
};

export const salesInvoiceModOperation = (txnId: string, editSequence: string, posting: SalesInvoicePosting): QbdWriteOperation =>
  salesModOperation('Invoice', txnId, editSequence, posting);
export const estimateModOperation = (txnId: string, editSequence: string, posting: EstimatePosting): QbdWriteOperation =>
  salesModOperation('Estimate', txnId, editSequence, posting);

/** Hours corrected (TimeTrackingMod: TxnID, EditSequence, then TimeTrackingAdd's fields in its order); found by the new marker in Notes. */
export const timeEntryModOperation = (txnId: string, editSequence: string, posting: TimeEntryPosting): QbdWriteOperation => {
  const add = timeEntryOperation(posting);
  const fields = (add.write as Record<string, Array<Record<string, QbxmlNode[]>>>).TimeTrackingAddRq![0]!.TimeTrackingAdd!;
  return {
    label: `${add.label} (update)`,
    write: el('TimeTrackingModRq', [el('TimeTrackingMod', [leaf('TxnID', txnId), leaf(EDIT_SEQUENCE, editSequence), ...fields])]),
    probe: el('TimeTrackingQueryRq', [leaf('TxnID', txnId)]), match: add.match, probeFirst: false,
  };
};
