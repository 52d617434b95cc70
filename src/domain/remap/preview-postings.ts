import { booksTotal, draftBooksDocument, entityFor } from '../invoice-sync/draft-books-document.js';
import type { InvoiceDoc } from '../invoice-sync/invoice-sync.state.js';
import { mapInvoiceLines } from '../invoice-sync/map-invoice-lines.js';
import type { BooksLine } from '../invoice-sync/invoice-sync.outputs.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { negate } from '../shared/money.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { jobFor } from '../mapping/mapping.types.js';

/** Where a line posts: an account or an item, or nowhere (no rule: the document would park). */
export type LineTarget =
  | { readonly kind: 'account' | 'item'; readonly ref: BooksRef }
  | { readonly kind: 'unmapped' };

/** One line as the books would hold it. `cost` is signed: a vendor credit's lines take cost off. */
export interface PostingLine {
  /** The source line's id; "retainage" for the negative retainage line. */
  readonly lineId: string;
  readonly costCode: string | null;
  readonly costType: string | null;
  readonly description: string;
  readonly amount: Cents;
  readonly cost: Cents;
  readonly target: LineTarget;
  readonly classRef: BooksRef | null;
  readonly billable: boolean | null;
}

/** What the saga would write for a document under one mapping. */
export interface DraftedPosting {
  readonly entity: string;
  readonly lines: readonly PostingLine[];
  /** Some line has no rule, or the project no Customer:Job: the saga would park the document. */
  readonly wouldPark: boolean;
}

/** Ids the preview never sends anywhere: lines are compared on what the mapping decides. */
export const NOT_LOOKED_UP: BooksRef = { value: '' };

export const fromBooksLine = (line: BooksLine, sign: 1 | -1): PostingLine => ({
  lineId: line.source?.lineId ?? line.role,
  costCode: line.source?.costCode ?? null,
  costType: line.source?.costType ?? null,
  description: line.description,
  amount: line.amount,
  cost: sign === 1 ? line.amount : negate(line.amount),
  target: line.kind === 'account' ? { kind: 'account', ref: line.accountRef } : { kind: 'item', ref: line.itemRef },
  classRef: line.classRef,
  billable: line.billable,
});

/**
 * A line's id pairs it with the same line under the other mapping. A release puts a second line
 * on an invoice line (net-only) or a second retainage line (negative-line): the later one is `id#2`.
 */
const uniqueIds = (lines: readonly PostingLine[]): PostingLine[] => {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const n = (seen.get(l.lineId) ?? 0) + 1;
    seen.set(l.lineId, n);
    return n === 1 ? l : { ...l, lineId: `${l.lineId}#${n}` };
  });
};

/**
 * The bill (or vendor credit) exactly as the invoice saga drafts it (mapInvoiceLines, then
 * draftBooksDocument), with each line the mapping leaves without a rule shown as unmapped.
 */
export const draftInvoice = (doc: InvoiceDoc, mapping: CostCodeMapping): DraftedPosting => {
  const entity = entityFor(booksTotal(doc.snapshot, mapping.settings.retainage));
  const sign = entity === 'VendorCredit' ? -1 : 1;
  const mapping_ = mapInvoiceLines(doc.snapshot, mapping);
  const job = jobFor(mapping, doc.snapshot.projectId);
  const customerRef = job?.kind === 'customer' ? job.customerRef : NOT_LOOKED_UP;
  const { draft } = draftBooksDocument({ doc, mapped: mapping_.mapped, settings: mapping.settings, vendorRef: NOT_LOOKED_UP, customerRef });
  const unmappedIds = new Set(mapping_.unmapped.flatMap((u) => u.lineIds));
  const unmapped = doc.snapshot.lines.filter((l) => unmappedIds.has(l.lineId)).map((l): PostingLine => ({
    lineId: l.lineId, costCode: l.costCode, costType: l.costType, description: l.description,
    amount: l.amount, cost: sign === 1 ? l.amount : negate(l.amount), target: { kind: 'unmapped' }, classRef: null, billable: null,
  }));
  const order = new Map(doc.snapshot.lines.map((l, i) => [l.lineId, i]));
  const lines = [...uniqueIds(draft.lines.map((l) => fromBooksLine(l, sign))), ...unmapped]
    .sort((a, b) => (order.get(a.lineId) ?? Infinity) - (order.get(b.lineId) ?? Infinity));
  return { entity, lines, wouldPark: unmapped.length > 0 || job === undefined };
};

/** How people name a subcontractor invoice: "Bill INV-1041 (Northwind Sheet Metal LLC)". */
export const invoiceLabel = (doc: InvoiceDoc, entity: string): string => {
  const i = doc.snapshot;
  return `${entity === 'VendorCredit' ? 'Vendor credit' : 'Bill'} ${i.invoiceNumber ?? i.number} (${i.vendorName})`;
};
