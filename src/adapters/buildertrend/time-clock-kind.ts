import { createHash } from 'node:crypto';
import type { TimecardSnapshot } from '../../domain/documents/snapshots.js';
import { formatDecimal, parseDecimalText } from '../../domain/imports/index.js';
import { hoursAndMinutes } from '../../domain/timecards/hours.js';
import { cellOf, resolveColumns, type CellProblem, type ColumnSpec } from '../imports/column-map.js';
import type { ImportedDocument, ImportKind, ImportReading, ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { codeOf, isoDate, partyId } from './export-cells.js';

type ShiftColumn = 'employee' | 'date' | 'clockIn' | 'hours' | 'costCode' | 'costType' | 'status' | 'notes';

/** Buildertrend's Time Clock export; the exact layout is unconfirmed (facts buildertrend.md §3), so common spellings are taken. */
export const SHIFT_COLUMNS: ColumnSpec<ShiftColumn> = {
  employee: { header: 'User', aliases: ['Employee', 'Name', 'User Name'], required: true },
  date: { header: 'Date', aliases: ['Shift Date', 'Clock In Date'], required: true },
  clockIn: { header: 'Clock In', aliases: ['Time In', 'Start'] },
  hours: { header: 'Total Time', aliases: ['Hours', 'Total Hours', 'Regular Time'], required: true },
  costCode: { header: 'Cost Code', aliases: ['Code'], required: true },
  costType: { header: 'Cost Type', aliases: ['Cost Category'] },
  status: { header: 'Approval Status', aliases: ['Status', 'Approved'] },
  notes: { header: 'Notes', aliases: ['Description', 'Shift Notes'] },
};

const STATUSES: Readonly<Record<string, TimecardSnapshot['approvalStatus']>> = {
  approved: 'approved', yes: 'approved', true: 'approved', pending: 'pending', no: 'pending', '': 'approved', rejected: 'rejected', declined: 'rejected',
};

/**
 * A shift's identity: who, which day, when it started and on what code. A re-exported
 * file repeats a shift under the same identity, so it is one document, not two.
 */
const shiftId = (ctx: ReadContext, employee: string, date: string, clockIn: string, costCode: string): string =>
  createHash('sha256').update([ctx.projectId, employee.toLowerCase(), date, clockIn, costCode].join('\u001f')).digest('hex').slice(0, 24);

const shiftOf = (cols: ReturnType<typeof resolveColumns<ShiftColumn>>, r: Table['rows'][number], ctx: ReadContext, problems: CellProblem[]): ImportedDocument | undefined => {
  const cell = (f: ShiftColumn) => cellOf(cols, r.cells, f);
  const fail = (f: ShiftColumn, message: string) => void problems.push({ row: r.row, column: cols.header[f], message });
  const date = isoDate(cell('date'));
  const hours = parseDecimalText(cell('hours'));
  const status = STATUSES[cell('status').toLowerCase()];
  if (cell('employee') === '') fail('employee', 'no employee');
  if (!date) fail('date', `${JSON.stringify(cell('date'))} is not a date (M/D/YYYY or YYYY-MM-DD)`);
  const hoursText = hours.ok ? formatDecimal(hours.value) : '';
  if (!hours.ok || hoursAndMinutes(hoursText) === null) fail('hours', `${JSON.stringify(cell('hours'))} is not a number of hours`);
  if (cell('costCode') === '') fail('costCode', 'no cost code');
  if (status === undefined) fail('status', `${JSON.stringify(cell('status'))} is not an approval status (approved, pending, rejected)`);
  if (!date || !hours.ok || status === undefined || cell('employee') === '' || cell('costCode') === '') return undefined;
  const costCode = codeOf(cell('costCode'));
  const employeeId = partyId(cell('employee'));
  const snapshot: TimecardSnapshot = {
    projectId: ctx.projectId, employeeId, employeeName: cell('employee'), date, hours: hoursText, costCode,
    costType: cell('costType') || null, description: cell('notes'), approvalStatus: status, billable: false, updatedAt: ctx.at,
  };
  return { type: 'timecard', externalId: shiftId(ctx, cell('employee'), date, cell('clockIn'), costCode), snapshot };
};

const read = (table: Table, ctx: ReadContext): ImportReading => {
  const cols = resolveColumns(table, SHIFT_COLUMNS, ctx.settings.columns);
  const columns = Object.fromEntries((Object.keys(SHIFT_COLUMNS) as ShiftColumn[]).map((f) => [f, cols.index[f] === undefined ? null : cols.header[f]]));
  const base = { columns, ignoredColumns: cols.ignored };
  if (cols.problems.length > 0) return { ...base, documents: [], problems: cols.problems, held: [], summary: null };
  const problems: CellProblem[] = [];
  const byId = new Map<string, { row: number; document: ImportedDocument }>();
  const held: CellProblem[] = [];
  for (const r of table.rows) {
    const document = shiftOf(cols, r, ctx, problems);
    if (!document) continue;
    const first = byId.get(document.externalId);
    if (first) held.push({ row: r.row, column: cols.header.employee, message: `the same shift as row ${first.row}: counted once` });
    else byId.set(document.externalId, { row: r.row, document });
  }
  const documents = [...byId.values()].map((v) => v.document);
  return { ...base, documents: problems.length > 0 ? [] : documents, problems, held, summary: { shifts: documents.length } };
};

/** A Buildertrend Time Clock export: one timecard per shift, posted like Procore's timecards. */
export const BUILDERTREND_TIME_CLOCK: ImportKind = {
  kind: 'buildertrend-time-clock',
  source: 'buildertrend',
  summary: 'Buildertrend Time Clock export (CSV or .xlsx): one timecard per shift',
  columns: SHIFT_COLUMNS,
  read,
  // Each export covers a date range: a later one adds shifts, it does not delete the others.
  additive: true,
  removed: (document, at) => ({ ...(document.snapshot as TimecardSnapshot), approvalStatus: 'deleted', updatedAt: at }),
};
