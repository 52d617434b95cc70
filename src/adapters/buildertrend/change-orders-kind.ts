import type { ChangeOrderSnapshot, ChangeOrderStatus } from '../../domain/documents/snapshots.js';
import { formatMoney } from '../../domain/shared/money.js';
import { cellOf, resolveColumns, type CellProblem, type ColumnSpec, type ResolvedColumns } from '../imports/column-map.js';
import type { ImportedDocument, ImportKind, ImportReading, ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { groupRows, type LineColumn, type RowGroup } from './document-rows.js';

type Column = 'number' | 'title' | 'status' | LineColumn;
type Cols = ResolvedColumns<Column>;

/**
 * Buildertrend's Change Orders grid exported with one row per cost line. Buildertrend's change
 * orders are the client's (the owner approves them), so each is a prime change order on the
 * job's contract; the price to the client is the line amount. The layout is unconfirmed
 * (facts buildertrend.md §3): number, status, cost code and price must be there.
 */
export const CHANGE_ORDER_COLUMNS: ColumnSpec<Column> = {
  number: { header: 'ID#', aliases: ['CO #', 'Change Order #', 'Number'], required: true },
  title: { header: 'Title', aliases: ['Name'] },
  status: { header: 'Approval Status', aliases: ['Status'], required: true },
  costCode: { header: 'Cost Code', aliases: ['Code'], required: true },
  costType: { header: 'Cost Type', aliases: ['Cost Category'] },
  amount: { header: 'Client Price', aliases: ['Owner Price', 'Price', 'Amount'], required: true },
  description: { header: 'Description', aliases: ['Line Description', 'Notes'] },
};

const STATUSES: Readonly<Record<string, ChangeOrderStatus>> = {
  approved: 'approved', 'client approved': 'approved', 'approved by client': 'approved', 'builder approved': 'approved',
  pending: 'pending', 'pending approval': 'pending', 'awaiting approval': 'pending', 'pending client approval': 'pending', draft: 'draft',
  declined: 'rejected', 'client declined': 'rejected', rejected: 'rejected', void: 'void', voided: 'void', deleted: 'deleted',
};

const keyOf = (cols: Cols, problems: CellProblem[]) => (r: Table['rows'][number]): string | undefined => {
  const number = cellOf(cols, r.cells, 'number');
  if (number === '') problems.push({ row: r.row, column: cols.header.number, message: 'no change order number' });
  return number === '' ? undefined : number;
};

const documentOf = (cols: Cols, g: RowGroup, ctx: ReadContext, problems: CellProblem[]): ImportedDocument | undefined => {
  const text = cellOf(cols, g.first.cells, 'status');
  const status = STATUSES[text.toLowerCase()];
  if (status === undefined) {
    problems.push({ row: g.first.row, column: cols.header.status, message: `${JSON.stringify(text)} is not a change order status (${Object.keys(STATUSES).join(', ')})` });
    return undefined;
  }
  const snapshot: ChangeOrderSnapshot = {
    // The job is the owner's contract: Buildertrend has one per job.
    kind: 'prime', projectId: ctx.projectId, contractId: ctx.projectId, number: g.key, title: cellOf(cols, g.first.cells, 'title'),
    status, lines: g.lines, total: g.total, updatedAt: ctx.at,
  };
  return { type: 'prime_change_order', externalId: `${ctx.projectId}:${g.key}`, snapshot };
};

const read = (table: Table, ctx: ReadContext): ImportReading => {
  const cols = resolveColumns(table, CHANGE_ORDER_COLUMNS, ctx.settings.columns);
  const columns = Object.fromEntries((Object.keys(CHANGE_ORDER_COLUMNS) as Column[]).map((f) => [f, cols.index[f] === undefined ? null : cols.header[f]]));
  const base = { columns, ignoredColumns: cols.ignored };
  if (cols.problems.length > 0) return { ...base, documents: [], problems: cols.problems, held: [], summary: null };
  const problems: CellProblem[] = [];
  const held: CellProblem[] = [];
  const groups = groupRows(table, cols, ctx, { keyOf: keyOf(cols, problems), sameOnEveryLine: ['title', 'status'] }, problems, held);
  const documents = groups.flatMap((g) => documentOf(cols, g, ctx, problems) ?? []);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const summary = {
    changeOrders: documents.map((d) => {
      const s = d.snapshot as ChangeOrderSnapshot;
      return { number: s.number, title: s.title, status: s.status, total: formatMoney(s.total) };
    }),
  };
  return { ...base, documents: problems.length > 0 ? [] : documents, problems, held, summary };
};

/** A Buildertrend Change Orders export: client change orders, posted like Procore's prime change orders. */
export const BUILDERTREND_CHANGE_ORDERS: ImportKind = {
  kind: 'buildertrend-change-orders',
  source: 'buildertrend',
  summary: 'Buildertrend Change Orders export (CSV or .xlsx), one row per cost line: the client change orders',
  columns: CHANGE_ORDER_COLUMNS,
  read,
  additive: true,
  removed: (document) => document.snapshot,
};
