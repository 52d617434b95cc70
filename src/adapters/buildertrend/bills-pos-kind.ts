import type { CommitmentSnapshot, ContractStatus, RequisitionStatus, SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import { invoiceSyncStream } from '../../domain/invoice-sync/index.js';
import { formatMoney, ZERO } from '../../domain/shared/money.js';
import { cellOf, resolveColumns, type CellProblem, type ColumnSpec, type ResolvedColumns } from '../imports/column-map.js';
import type { ImportedDocument, ImportKind, ImportReading, ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { groupRows, type LineColumn, type RowGroup } from './document-rows.js';
import { isoDate, partyId } from './export-cells.js';

type HeaderColumn = 'type' | 'number' | 'vendor' | 'date' | 'status' | 'title' | 'relatedPo';
type Column = HeaderColumn | LineColumn;
type Cols = ResolvedColumns<Column>;

/**
 * Buildertrend's Purchase Orders & Bills grid exported with one row per cost line. The exact
 * layout is unconfirmed (facts buildertrend.md §3), so the stricter reading is taken: the
 * record type, number, vendor, date, status, cost code and amount must all be there (no
 * guessing a bill from a missing type), and common spellings of each are accepted.
 */
export const BILLS_POS_COLUMNS: ColumnSpec<Column> = {
  type: { header: 'Type', aliases: ['Bill/PO', 'Record Type'], required: true },
  number: { header: 'Number', aliases: ['Bill #', 'PO #', 'Ref #', 'Reference', 'Invoice #', 'ID#'], required: true },
  vendor: { header: 'Vendor', aliases: ['Sub/Vendor', 'Subs/Vendors', 'Pay To'], required: true },
  date: { header: 'Date', aliases: ['Bill Date', 'Invoice Date', 'Issued Date'], required: true },
  status: { header: 'Status', aliases: ['Bill Status', 'PO Status', 'Approval Status'], required: true },
  title: { header: 'Title', aliases: ['Name'] },
  relatedPo: { header: 'Related PO', aliases: ['Purchase Order', 'PO'] },
  costCode: { header: 'Cost Code', aliases: ['Code'], required: true },
  costType: { header: 'Cost Type', aliases: ['Cost Category'] },
  amount: { header: 'Amount', aliases: ['Line Total', 'Cost', 'Total'], required: true },
  description: { header: 'Description', aliases: ['Line Description', 'Notes'] },
};

const TYPES: Readonly<Record<string, 'bill' | 'po'>> = { bill: 'bill', bills: 'bill', po: 'po', 'purchase order': 'po', 'purchase orders': 'po' };

/** A bill in the books once approved for payment (paid or not); drafts wait; a void one is removed. */
const BILL_STATUSES: Readonly<Record<string, RequisitionStatus | 'deleted'>> = {
  approved: 'approved', open: 'approved', unpaid: 'approved', 'ready for payment': 'approved', paid: 'approved', 'partially paid': 'approved',
  draft: 'draft', pending: 'under_review', 'pending approval': 'under_review', 'awaiting approval': 'under_review',
  declined: 'revise_and_resubmit', rejected: 'revise_and_resubmit', void: 'deleted', voided: 'deleted', deleted: 'deleted',
};

/** A purchase order is committed cost once approved or released to its vendor. */
const PO_STATUSES: Readonly<Record<string, ContractStatus>> = {
  approved: 'approved', released: 'approved', accepted: 'approved', 'work complete': 'complete', complete: 'complete', paid: 'complete',
  draft: 'draft', pending: 'draft', 'ready for release': 'draft', 'awaiting approval': 'draft', 'not released': 'draft',
  declined: 'terminated', rejected: 'terminated', void: 'void', voided: 'void', deleted: 'deleted',
};

/** The purchase order's document id: PO numbers are unique within a Buildertrend job. */
export const purchaseOrderId = (projectId: string, number: string): string => `${projectId}:${number}`;

/** A bill's id: its number is the vendor's, unique only per vendor. */
export const billId = (projectId: string, vendor: string, number: string): string => `${projectId}:${partyId(vendor)}:${number}`;

const keyOf = (cols: Cols, problems: CellProblem[]) => (r: Table['rows'][number]): string | undefined => {
  const cell = (f: Column) => cellOf(cols, r.cells, f);
  const type = TYPES[cell('type').toLowerCase()];
  if (!type) problems.push({ row: r.row, column: cols.header.type, message: `${JSON.stringify(cell('type'))} is neither a Bill nor a Purchase Order` });
  if (cell('number') === '') problems.push({ row: r.row, column: cols.header.number, message: 'no number' });
  if (cell('vendor') === '') problems.push({ row: r.row, column: cols.header.vendor, message: 'no vendor' });
  if (!type || cell('number') === '' || cell('vendor') === '') return undefined;
  return `${type}\u001f${type === 'bill' ? partyId(cell('vendor')) : ''}\u001f${cell('number')}`;
};

const headerOf = (cols: Cols, g: RowGroup, problems: CellProblem[]) => {
  const cell = (f: Column) => cellOf(cols, g.first.cells, f);
  const fail = (f: Column, message: string) => void problems.push({ row: g.first.row, column: cols.header[f], message });
  const date = isoDate(cell('date'));
  if (!date) fail('date', `${JSON.stringify(cell('date'))} is not a date (M/D/YYYY or YYYY-MM-DD)`);
  return { type: TYPES[cell('type').toLowerCase()]!, number: cell('number'), vendor: cell('vendor'), date, status: cell('status').toLowerCase(), title: cell('title'), relatedPo: cell('relatedPo') };
};

const documentOf = (cols: Cols, g: RowGroup, ctx: ReadContext, problems: CellProblem[]): ImportedDocument | undefined => {
  const h = headerOf(cols, g, problems);
  const statuses = h.type === 'bill' ? BILL_STATUSES : PO_STATUSES;
  const status = statuses[h.status];
  if (status === undefined) problems.push({ row: g.first.row, column: cols.header.status, message: `${JSON.stringify(h.status)} is not a status of a ${h.type === 'bill' ? 'bill' : 'purchase order'} (${Object.keys(statuses).join(', ')})` });
  if (status === undefined || !h.date) return undefined;
  const vendor = { vendorId: partyId(h.vendor), vendorName: h.vendor };
  if (h.type === 'po') {
    const snapshot: CommitmentSnapshot = {
      projectId: ctx.projectId, kind: 'purchase_order', ...vendor, number: h.number, title: h.title, status: status as ContractStatus,
      retainagePercent: null, lines: g.lines, total: g.total, updatedAt: ctx.at,
    };
    return { type: 'commitment', externalId: purchaseOrderId(ctx.projectId, h.number), snapshot };
  }
  const snapshot: SubcontractorInvoiceSnapshot = {
    projectId: ctx.projectId, commitmentId: h.relatedPo === '' ? '' : purchaseOrderId(ctx.projectId, h.relatedPo), ...vendor,
    number: h.number, invoiceNumber: h.number, status: status as SubcontractorInvoiceSnapshot['status'], billingDate: h.date,
    periodStart: null, periodEnd: null, lines: g.lines, grossAmount: g.total, retainageAmount: ZERO, netAmount: g.total, retainagePercent: null, updatedAt: ctx.at,
  };
  return { type: 'subcontractor_invoice', externalId: billId(ctx.projectId, h.vendor, h.number), snapshot };
};

const read = (table: Table, ctx: ReadContext): ImportReading => {
  const cols = resolveColumns(table, BILLS_POS_COLUMNS, ctx.settings.columns);
  const columns = Object.fromEntries((Object.keys(BILLS_POS_COLUMNS) as Column[]).map((f) => [f, cols.index[f] === undefined ? null : cols.header[f]]));
  const base = { columns, ignoredColumns: cols.ignored };
  if (cols.problems.length > 0) return { ...base, documents: [], problems: cols.problems, held: [], summary: null };
  const problems: CellProblem[] = [];
  const held: CellProblem[] = [];
  const groups = groupRows(table, cols, ctx, { keyOf: keyOf(cols, problems), sameOnEveryLine: ['date', 'status', 'title', 'relatedPo'] }, problems, held);
  const documents = groups.flatMap((g) => documentOf(cols, g, ctx, problems) ?? []);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const summary = {
    bills: documents.filter((d) => d.type === 'subcontractor_invoice').map((d) => summaryOf(d.snapshot as SubcontractorInvoiceSnapshot)),
    purchaseOrders: documents.filter((d) => d.type === 'commitment').map((d) => {
      const s = d.snapshot as CommitmentSnapshot;
      return { number: s.number, vendor: s.vendorName, status: s.status, total: formatMoney(s.total) };
    }),
  };
  return { ...base, documents: problems.length > 0 ? [] : documents, problems, held, summary };
};

const summaryOf = (s: SubcontractorInvoiceSnapshot) => ({ number: s.number, vendor: s.vendorName, status: s.status, total: formatMoney(s.grossAmount) });

/** A Buildertrend Bills/POs export: bills post like Procore's subcontractor invoices, purchase orders like its commitments. */
export const BUILDERTREND_BILLS_POS: ImportKind = {
  kind: 'buildertrend-bills-pos',
  source: 'buildertrend',
  summary: 'Buildertrend Purchase Orders & Bills export (CSV or .xlsx), one row per cost line: bills and purchase orders',
  columns: BILLS_POS_COLUMNS,
  read,
  // Exports are often filtered by date or status: a later one adds and changes, it does not delete what it leaves out.
  additive: true,
  removed: (document) => document.snapshot,
  // A bill waiting for Buildertrend's own sync to reach the books looks again at each import.
  recheck: (connection, document) => (document.type === 'subcontractor_invoice' ? invoiceSyncStream({ connection, externalId: document.externalId }) : undefined),
};
