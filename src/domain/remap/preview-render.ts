import { refLabel } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { formatMoney, subtractMoney } from '../shared/money.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { LineHome, RemapPreview } from './preview-remap.js';
import { targetLabel } from './preview-remap.js';

/** A titled table of text cells: what the CLI prints and the console can turn into an HTML table. */
export interface PreviewTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const home = (h: LineHome | null): string => {
  if (h === null) return '(no line)';
  const cls = h.classRef === null ? '' : `, class ${refLabel(h.classRef)}`;
  return `${targetLabel(h.target)}${cls}${h.billable === true ? ', billable' : ''}`;
};

const money = (amount: Cents): string => formatMoney(amount);

/**
 * The preview as tables, in reading order: lines that would change, documents touched, totals
 * per account and per cost code. Pure, so the console and the CLI show the same thing.
 */
export const remapPreviewTables = (preview: RemapPreview): PreviewTable[] => [
  {
    title: `Lines that would change (${preview.changes.length})`,
    columns: ['Document', 'Posted', 'Cost code', 'Line', 'Amount', 'Before', 'After'],
    rows: preview.changes.map((c) => [
      c.label, c.posted ? 'yes' : 'no', c.costCode === null ? '' : costCodeLabel(c.costCode, c.costType), c.description,
      money((c.after ?? c.before)?.amount ?? (0 as Cents)), home(c.before), home(c.after),
    ]),
  },
  {
    title: `Documents touched (${preview.changedDocuments.length} of ${preview.documents}; ${preview.posted} posted in all)`,
    columns: ['Document', 'Posted', 'Lines changed', 'After the change'],
    rows: preview.changedDocuments.map((d) => [d.label, d.posted ? 'yes' : 'no', String(d.lines), d.wouldPark ? 'would park: a line has no rule' : 'posts']),
  },
  {
    title: 'Totals per account or item',
    columns: ['Account or item', 'Before', 'After', 'Difference'],
    rows: preview.byAccount.map((t) => [targetLabel(t.target), money(t.before), money(t.after), money(subtractMoney(t.after, t.before))]),
  },
  {
    title: 'Totals per cost code',
    columns: ['Cost code', 'Before', 'After'],
    rows: preview.byCostCode.map((c) => [
      costCodeLabel(c.costCode, c.costType),
      c.before.map((b) => `${b.key} ${money(b.amount)}`).join('; '),
      c.after.map((a) => `${a.key} ${money(a.amount)}`).join('; '),
    ]),
  },
];

/** Fixed-width text of one table, for a terminal. */
export const renderPreviewTable = (table: PreviewTable): string => {
  const all = [table.columns, ...table.rows];
  const widths = table.columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [table.title, line(table.columns), ...table.rows.map(line)].join('\n');
};

/** The whole preview as text: the CLI's output. */
export const renderRemapPreview = (preview: RemapPreview): string =>
  remapPreviewTables(preview).map(renderPreviewTable).join('\n\n');
