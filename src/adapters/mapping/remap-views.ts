import type { LineTarget } from '../../domain/remap/preview-postings.js';
import type { LineHome, RemapPreview } from '../../domain/remap/preview-remap.js';
import { remapPreviewTables, type PreviewTable } from '../../domain/remap/preview-render.js';
import type { BooksRef } from '../../domain/shared/books-ref.js';
import { formatMoney, subtractMoney } from '../../domain/shared/money.js';

/** Money in API answers is a decimal string with two places. */
type Ref = { value: string; name?: string } | null;
const ref = (r: BooksRef | null): Ref => (r === null ? null : { value: r.value, ...(r.name === undefined ? {} : { name: r.name }) });
const target = (t: LineTarget) => (t.kind === 'unmapped' ? { kind: t.kind } : { kind: t.kind, ...ref(t.ref) });
const home = (h: LineHome | null) => (h === null ? null : { target: target(h.target), class: ref(h.classRef), billable: h.billable, amount: formatMoney(h.amount) });

export interface RemapPreviewView {
  readonly connection: string;
  /** The mapping version the preview starts from. */
  readonly fromVersion: number;
  readonly documents: number;
  readonly posted: number;
  readonly changedDocuments: readonly unknown[];
  readonly changes: readonly unknown[];
  readonly byAccount: readonly unknown[];
  readonly byCostCode: readonly unknown[];
  /** The same preview as tables of text, as the CLI prints them. */
  readonly tables: readonly PreviewTable[];
}

export const remapPreviewView = (connection: string, fromVersion: number, p: RemapPreview): RemapPreviewView => ({
  connection,
  fromVersion,
  documents: p.documents,
  posted: p.posted,
  changedDocuments: p.changedDocuments.map((d) => ({
    kind: d.kind, document: d.document, version: d.version, label: d.label, entity: d.entity, posted: d.posted, wouldPark: d.wouldPark,
    rewrittenOnUpdate: d.rewrittenOnUpdate, requestOut: d.requestOut, linesChanged: d.lines,
  })),
  changes: p.changes.map((c) => ({
    document: c.document, label: c.label, posted: c.posted, lineId: c.lineId, costCode: c.costCode, costType: c.costType,
    description: c.description, before: home(c.before), after: home(c.after),
  })),
  byAccount: p.byAccount.map((t) => ({
    target: target(t.target), before: formatMoney(t.before), after: formatMoney(t.after), difference: formatMoney(subtractMoney(t.after, t.before)),
  })),
  byCostCode: p.byCostCode.map((c) => ({
    costCode: c.costCode, costType: c.costType,
    before: c.before.map((b) => ({ target: b.key, amount: formatMoney(b.amount) })),
    after: c.after.map((a) => ({ target: a.key, amount: formatMoney(a.amount) })),
  })),
  tables: remapPreviewTables(p),
});
