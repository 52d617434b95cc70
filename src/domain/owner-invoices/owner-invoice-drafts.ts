import { costCodeLabel } from '../mapping/cost-code.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { formatMoney, subtractMoney, sumBy, ZERO } from '../shared/money.js';
import { hubMarkerOf } from '../posting/sync-facts.js';
import type { InvoiceDraft } from './owner-invoice.outputs.js';
import type { OwnerInvoiceDoc, TrackingState } from './owner-invoice.state.js';
import { docNumberOf, progressMarkerVersion } from './owner-invoice.state.js';
import type { OwnerBillingSettings, SalesLine } from './sales-lines.js';
import { itemLine, salesTargetFor } from './sales-lines.js';
import { RELEASE_SUFFIX } from './validate-owner-invoice.js';

const money = formatMoney;
const signed = (amount: Cents): string => (amount < 0 ? money(amount) : `+${money(amount)}`);

const totalOf = (lines: readonly SalesLine[]): Cents => sumBy(lines, (l) => (l.kind === 'item' ? l.amount : ZERO));

const text = (description: string): SalesLine => ({ kind: 'description', description });

const period = (doc: OwnerInvoiceDoc): string => {
  const { number, periodStart, periodEnd } = doc.snapshot;
  return periodStart && periodEnd ? `Payment application #${number}, ${periodStart} to ${periodEnd}` : `Payment application #${number}`;
};

const base = (doc: OwnerInvoiceDoc, customerRef: BooksRef, docNumber: string, lines: SalesLine[], markerVersion = doc.version): InvoiceDraft => {
  const hubMarker = hubMarkerOf(doc.ref, markerVersion);
  return {
    customerRef, txnDate: doc.snapshot.billingDate, docNumber, customerMemo: period(doc),
    privateNote: `${hubMarker} Procore payment application #${doc.snapshot.number} (${docNumberOf(doc.snapshot)})`, hubMarker,
    lines, total: totalOf(lines),
  };
};

/** Work completed this period per line, billed net of the retainage withheld on it. */
const workLines = (s: TrackingState, mapping: CostCodeMapping | null, billing: OwnerBillingSettings): SalesLine[] =>
  s.doc.snapshot.lines.map((l) => {
    const target = salesTargetFor(mapping, { projectId: s.doc.snapshot.projectId, costCode: l.costCode, costType: l.costType }, billing.progressItemRef);
    const label = `${costCodeLabel(l.costCode, l.costType)} ${l.description}`;
    const description = l.retainage === 0 ? label : `${label}: work completed ${money(l.amount)} less retainage ${money(l.retainage)}`;
    return itemLine(description.slice(0, 4000), subtractMoney(l.amount, l.retainage), target, { costCode: l.costCode, costType: l.costType });
  });

/** Text lines: the retainage withheld (the receivable the hub tracks), the change orders carried, a release billed apart. */
const notes = (s: TrackingState): SalesLine[] => {
  const { retainageRetained: retained, retainageReleased: released } = s.doc.snapshot;
  return [
    ...(retained > 0 ? [text(`Retainage withheld this period: ${money(retained)}. Retainage held to date on the project: ${money(s.heldAfter)}.`)] : []),
    ...(s.carried ?? []).map((c) => text(`Includes approved change order ${c.number} ${c.title}: ${signed(c.delta)} to the contract sum.`)),
    ...(released > 0 ? [text(`Retainage released this period: ${money(released)}, billed on invoice ${docNumberOf(s.doc.snapshot)}${RELEASE_SUFFIX}.`)] : []),
  ];
};

/** The progress invoice, or null when this version bills no work (a release-only payment application). */
export const progressDraft = (s: TrackingState, mapping: CostCodeMapping | null, billing: OwnerBillingSettings, customerRef: BooksRef): InvoiceDraft | null => {
  const work = workLines(s, mapping, billing);
  if (s.doc.snapshot.retainageReleased > 0 && work.every((l) => l.kind === 'item' && l.amount === 0)) return null;
  return base(s.doc, customerRef, docNumberOf(s.doc.snapshot), [...work, ...notes(s)], progressMarkerVersion(s));
};

/** The retainage release invoice, or null when nothing is released. */
export const releaseDraft = (s: TrackingState, billing: OwnerBillingSettings, customerRef: BooksRef): InvoiceDraft | null => {
  const released = s.doc.snapshot.retainageReleased;
  if (released <= 0) return null;
  const lines = [
    itemLine(`Retainage released, ${period(s.doc)}`, released, { itemRef: billing.retainageItemRef, classRef: null }, null),
    text(`Retainage held on the project after this release: ${money(s.heldAfter)}.`),
  ];
  return base(s.doc, customerRef, `${docNumberOf(s.doc.snapshot)}${RELEASE_SUFFIX}`, lines);
};
