import type { DocumentRef } from '../documents/document-ref.js';
import type { CostLine, SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { MappingSettings, RetainageTreatment } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import { refLabel } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { addMoney, formatMoney, negate, subtractMoney, sumBy, ZERO } from '../shared/money.js';
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

/** Retainage released on a line this period; Procore nets it into the line's `retainage`. */
const releasedOn = (line: CostLine): Cents => line.released ?? ZERO;

/** Retainage withheld on a line this period, before the release netted into it. */
const withheldOn = (line: CostLine): Cents => addMoney(line.retainage, releasedOn(line));

/** A line to the rule's account or item (quantity 1 at the amount). */
const toTarget = ({ line, rule }: MappedLine, settings: MappingSettings, customerRef: BooksRef, amount: Cents, description: string): BooksLine => {
  const base = {
    description: description.slice(0, DESCRIPTION_MAX),
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

/** The work billed this period; net-only takes off what is withheld this period (a release posts on its own line). */
const costLine = (mapped: MappedLine, settings: MappingSettings, customerRef: BooksRef): BooksLine => {
  const { line } = mapped;
  const net = settings.retainage.mode === 'net-only';
  const withheld = withheldOn(line);
  const amount = net ? subtractMoney(line.amount, withheld) : line.amount;
  const netNote = net && withheld !== 0 ? ` (net of retainage ${formatMoney(withheld)})` : '';
  return toTarget(mapped, settings, customerRef, amount, `${costCodeLabel(line.costCode, line.costType)} ${line.description}${netNote}`);
};

/**
 * net-only: retainage released this period posts now to where the line's work is costed. The
 * retainage never reached the books while held (earlier bills were net of it), so the release
 * is the rest of the work's cost: booking it on the cost code's account or item brings job cost
 * to the gross billed, and it is payable now.
 */
const releaseCostLine = (mapped: MappedLine, settings: MappingSettings, customerRef: BooksRef): BooksLine | null => {
  const released = releasedOn(mapped.line);
  if (settings.retainage.mode !== 'net-only' || released === 0) return null;
  const label = costCodeLabel(mapped.line.costCode, mapped.line.costType);
  // role 'cost' with the line's source: it is job cost on that cost code, as the reconciliation counts it.
  return toTarget(mapped, settings, customerRef, released, `${label} Retainage released (${mapped.line.description})`);
};

/** Retainage released this period: the header's figure, else the lines'. */
export const releasedOf = (invoice: SubcontractorInvoiceSnapshot): Cents =>
  invoice.retainageReleased ?? sumBy(invoice.lines, releasedOn);

/** Retainage withheld this period, before the release Procore nets into `retainageAmount`. */
export const withheldOf = (invoice: SubcontractorInvoiceSnapshot): Cents => addMoney(invoice.retainageAmount, releasedOf(invoice));

/**
 * negative-line: the retainage withheld this period comes off the bill as a negative line to
 * retainage payable, and retainage released this period goes back on as a positive line to the
 * same account: the earlier negative lines put it in retainage payable, so the release moves it
 * out again into what the vendor is owed now. Job cost is untouched (it was booked at gross).
 * The bill totals Procore's net due: work less withheld plus released.
 */
const retainageLines = (invoice: SubcontractorInvoiceSnapshot, treatment: RetainageTreatment, customerRef: BooksRef): BooksLine[] => {
  if (treatment.mode !== 'negative-line') return [];
  const line = (amount: Cents, description: string): BooksLine => ({
    kind: 'account', accountRef: treatment.accountRef, amount, description, classRef: null, customerRef, billable: false, role: 'retainage', source: null,
  });
  const withheld = withheldOf(invoice);
  const released = releasedOf(invoice);
  const percent = invoice.retainagePercent === null ? '' : ` (${invoice.retainagePercent}%)`;
  return [
    ...(withheld === 0 ? [] : [line(negate(withheld), `Retainage withheld${percent}`)]),
    ...(released === 0 ? [] : [line(released, 'Retainage released')]),
  ];
};

/** A vendor credit carries the credit's lines with the opposite sign. */
const flip = (line: BooksLine): BooksLine =>
  line.kind === 'item' ? { ...line, amount: negate(line.amount), unitPrice: negate(line.unitPrice) } : { ...line, amount: negate(line.amount) };

const withheldNote = (withheld: Cents, treatment: RetainageTreatment): string => {
  if (withheld === 0) return '';
  const amount = formatMoney(withheld);
  if (treatment.mode === 'negative-line') return ` Retainage ${amount} withheld to ${refLabel(treatment.accountRef)}.`;
  if (treatment.mode === 'gross-open') return ` Retainage ${amount} held: leave it open on this bill until it is released.`;
  return ` Posted net of retainage ${amount}; the retainage posts when it is released.`;
};

const releaseNote = (invoice: SubcontractorInvoiceSnapshot, treatment: RetainageTreatment): string => {
  const released = releasedOf(invoice);
  if (released === 0) return '';
  const amount = formatMoney(released);
  if (treatment.mode === 'negative-line') return ` Retainage ${amount} released from ${refLabel(treatment.accountRef)}: payable now.`;
  if (treatment.mode === 'net-only') return ` Retainage ${amount} released: posted to the cost codes it was withheld on, payable now.`;
  // gross-open: the earlier bills carry the retainage at gross and leave it open; a line here would count it twice.
  return ` Retainage ${amount} released on commitment ${invoice.commitmentId}: pay it on the earlier bills that hold it open.`;
};

const privateNote = (doc: InvoiceDoc, treatment: RetainageTreatment): string => {
  const i = doc.snapshot;
  // A Buildertrend bill (an imported export) has no requisition, and a commitment only when it names its PO.
  const source = doc.ref.source === 'buildertrend'
    ? `Buildertrend bill ${i.number} (${i.commitmentId === '' ? 'no purchase order' : `purchase order ${i.commitmentId}`}, project ${i.projectId}).`
    : `Procore subcontractor invoice ${i.invoiceNumber ?? i.number} (requisition ${i.number}, commitment ${i.commitmentId}, project ${i.projectId}).`;
  return `${hubMarker(doc.ref, doc.version)} ${source}${withheldNote(withheldOf(i), treatment)}${releaseNote(i, treatment)}`.slice(0, 4000);
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
  const releaseLines = mapped.map((m) => releaseCostLine(m, settings, customerRef)).filter((l): l is BooksLine => l !== null);
  const lines = [...costLines, ...releaseLines, ...retainageLines(invoice, settings.retainage, customerRef)];
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
