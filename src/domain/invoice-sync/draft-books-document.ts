import type { DocumentRef } from '../documents/document-ref.js';
import type { SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { MappingSettings, RetainageTreatment } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import { refLabel } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { formatMoney, negate, subtractMoney, sumBy } from '../shared/money.js';
import type { BooksDraft, BooksEntity, BooksLine } from './invoice-sync.outputs.js';
import type { InvoiceDoc } from './invoice-sync.state.js';
import type { MappedLine } from './map-invoice-lines.js';
import { docNumberOf } from './validate-invoice.js';

/** Written first in the private note: after an ambiguous failure the dispatcher searches for it. */
export const hubMarker = (ref: DocumentRef, version: string): string => `trestle:${ref.connection}:${ref.externalId}:${version}`;

/** What the books document totals under a treatment: the gross when retainage stays open on it, else the net. */
export const booksTotal = (invoice: SubcontractorInvoiceSnapshot, treatment: RetainageTreatment): Cents =>
  treatment.mode === 'gross-open' ? invoice.grossAmount : invoice.netAmount;

/** A negative invoice (a credit, e.g. a back-charge) posts as a vendor credit. */
export const entityFor = (total: Cents): BooksEntity => (total < 0 ? 'VendorCredit' : 'Bill');

const DESCRIPTION_MAX = 4000;

const costLine = ({ line, rule }: MappedLine, settings: MappingSettings, customerRef: BooksRef): BooksLine => {
  const net = settings.retainage.mode === 'net-only';
  const amount = net ? subtractMoney(line.amount, line.retainage) : line.amount;
  const netNote = net && line.retainage !== 0 ? ` (net of retainage ${formatMoney(line.retainage)})` : '';
  const base = {
    description: `${costCodeLabel(line.costCode, line.costType)} ${line.description}${netNote}`.slice(0, DESCRIPTION_MAX),
    amount,
    classRef: rule.classRef,
    customerRef,
    billable: rule.billable ?? settings.billableByDefault,
    role: 'cost' as const,
    source: { lineId: line.lineId, costCode: line.costCode, costType: line.costType },
  };
  return rule.target.kind === 'account'
    ? { ...base, kind: 'account', accountRef: rule.target.accountRef }
    : { ...base, kind: 'item', itemRef: rule.target.itemRef, qty: 1, unitPrice: amount };
};

/** negative-line: one line taking the invoice's retainage off the bill into retainage payable, on the job. */
const retainageLines = (invoice: SubcontractorInvoiceSnapshot, treatment: RetainageTreatment, customerRef: BooksRef): BooksLine[] => {
  if (treatment.mode !== 'negative-line' || invoice.retainageAmount === 0) return [];
  const percent = invoice.retainagePercent === null ? '' : ` (${invoice.retainagePercent}%)`;
  return [{
    kind: 'account', accountRef: treatment.accountRef, amount: negate(invoice.retainageAmount), description: `Retainage withheld${percent}`,
    classRef: null, customerRef, billable: false, role: 'retainage', source: null,
  }];
};

/** A vendor credit carries the credit's lines with the opposite sign. */
const flip = (line: BooksLine): BooksLine =>
  line.kind === 'item' ? { ...line, amount: negate(line.amount), unitPrice: negate(line.unitPrice) } : { ...line, amount: negate(line.amount) };

const retainageNote = (retainage: Cents, treatment: RetainageTreatment): string => {
  if (retainage === 0) return '';
  const amount = formatMoney(retainage);
  if (treatment.mode === 'negative-line') return ` Retainage ${amount} withheld to ${refLabel(treatment.accountRef)}.`;
  if (treatment.mode === 'gross-open') return ` Retainage ${amount} held: leave it open on this bill until it is released.`;
  return ` Posted net of retainage ${amount}; the retainage posts when it is released.`;
};

const privateNote = (doc: InvoiceDoc, treatment: RetainageTreatment): string => {
  const i = doc.snapshot;
  const source = `Procore subcontractor invoice ${i.invoiceNumber ?? i.number} (requisition ${i.number}, commitment ${i.commitmentId}, project ${i.projectId}).`;
  return `${hubMarker(doc.ref, doc.version)} ${source}${retainageNote(i.retainageAmount, treatment)}`.slice(0, 4000);
};

export interface DraftInput {
  readonly doc: InvoiceDoc;
  /** Every line of the invoice, mapped, in invoice order. */
  readonly mapped: readonly MappedLine[];
  readonly settings: MappingSettings;
  readonly vendorRef: BooksRef;
  readonly customerRef: BooksRef;
}

/** The bill (or vendor credit) for an invoice: one line per invoice line, retainage per the treatment. */
export const draftBooksDocument = ({ doc, mapped, settings, vendorRef, customerRef }: DraftInput): { entity: BooksEntity; draft: BooksDraft } => {
  const invoice = doc.snapshot;
  // A schedule-of-values line with nothing billed this period is no cost: a 0.00 line is noise in the books.
  const costLines = mapped.map((m) => costLine(m, settings, customerRef)).filter((l) => l.amount !== 0);
  const lines = [...costLines, ...retainageLines(invoice, settings.retainage, customerRef)];
  const total = sumBy(lines, (l) => l.amount);
  const entity = entityFor(total);
  const draft: BooksDraft = {
    vendorRef,
    txnDate: invoice.billingDate.slice(0, 10),
    dueDate: null,
    docNumber: docNumberOf(invoice),
    privateNote: privateNote(doc, settings.retainage),
    hubMarker: hubMarker(doc.ref, doc.version),
    lines: entity === 'VendorCredit' ? lines.map(flip) : lines,
    total: entity === 'VendorCredit' ? negate(total) : total,
    retainage: { mode: settings.retainage.mode, held: invoice.retainageAmount },
  };
  return { entity, draft };
};
