import type { PurchaseOrderDraft, PurchaseOrderLine } from '../../../src/domain/commitments/commitment-po.outputs.js';
import type { DocumentRef, DocumentType } from '../../../src/domain/documents/document-ref.js';
import type { InvoiceDraft } from '../../../src/domain/owner-invoices/owner-invoice.outputs.js';
import { itemLine as salesItem, type SalesLine } from '../../../src/domain/owner-invoices/sales-lines.js';
import { cents, sumBy, ZERO, type Cents } from '../../../src/domain/shared/money.js';
import { hubMarkerOf, type RequestBase } from '../../../src/domain/posting/sync-facts.js';
import type { TimeActivityDraft } from '../../../src/domain/timecards/timecard.outputs.js';
import { accountLine, CONNECTION, itemLine } from './qbo-requests.js';

export const docRef = (type: DocumentType, externalId: string): DocumentRef => ({ connection: CONNECTION, source: 'procore', type, externalId });

/** requestNo, document and version, as every project saga's request carries them, and the marker for that version. */
export const requestBase = (type: DocumentType, id: string, version = '1', requestNo = 2): RequestBase & { hubMarker: string } => {
  const document = docRef(type, id);
  return { requestNo, document, version, hubMarker: hubMarkerOf(document, version) };
};

export const JOB_REF = { value: '59', name: 'Harbor Point Builders:2026-014 Riverside Medical Office' };
const HVAC = { value: '200000000000000123' };

/** A PO line: a bill's cost line with its cost-code key and, once on the PO, its books Id. */
export const poLine = (lineKey: string, amount: Cents, over: Partial<PurchaseOrderLine> = {}): PurchaseOrderLine =>
  ({ ...accountLine({ amount, description: `${lineKey} work` }), lineKey, lineId: null, ...over } as PurchaseOrderLine);

export const poItemLine = (lineKey: string, amount: Cents): PurchaseOrderLine => ({ ...itemLine(amount, { description: `${lineKey} labor` }), lineKey, lineId: null });

export const poDraft = (commitmentId: string, version: string, lines: PurchaseOrderLine[]): RequestBase & PurchaseOrderDraft => {
  const base = requestBase('commitment', commitmentId, version);
  return {
    ...base, vendorRef: { value: '46', name: 'Northwind Sheet Metal LLC' }, txnDate: '2026-03-02', docNumber: `WO-${commitmentId}`,
    memo: 'Ductwork subcontract', privateNote: `${base.hubMarker} Procore commitment WO-${commitmentId}`,
    lines, total: sumBy(lines, (l) => l.amount), changeOrders: [],
  };
};

/** Progress lines on the Progress Billing item, with the retainage withheld said in a text line (never a negative line). */
export const progressLines = (ductwork = cents(5_220_000)): SalesLine[] => [
  salesItem('23-31-00 Ductwork', ductwork, { itemRef: { value: '21' }, classRef: HVAC }, { costCode: '23-31-00', costType: 'S' }),
  salesItem('23-07-00 Insulation', cents(1_710_000), { itemRef: { value: '21' }, classRef: null }, { costCode: '23-07-00', costType: 'S' }),
  { kind: 'description', description: 'Retainage withheld this period: 7,700.00 (10%)' },
];

export const invoiceDraft = (applicationId: string, version: string, lines: SalesLine[] = progressLines()): RequestBase & InvoiceDraft => {
  const base = requestBase('owner_invoice', applicationId, version);
  return {
    ...base, customerRef: JOB_REF, txnDate: '2026-03-31', docNumber: `KM-PA-${applicationId}`, customerMemo: 'Application for payment #1',
    privateNote: `${base.hubMarker} Procore payment application ${applicationId}`,
    lines, total: sumBy(lines, (l) => (l.kind === 'item' ? l.amount : ZERO)),
  };
};

export const timeActivityDraft = (entryId: string, version: string, over: Partial<TimeActivityDraft> = {}): RequestBase & TimeActivityDraft => {
  const base = requestBase('timecard', entryId, version);
  return {
    ...base, employeeRef: { value: '81', name: 'Dana Ortiz' }, txnDate: '2026-03-02', hours: 7, minutes: 30,
    customerRef: JOB_REF, itemRef: { value: '12', name: 'HVAC Labor' }, classRef: HVAC, billableStatus: 'Billable', hourlyRate: '65.00',
    description: `${base.hubMarker} Equipment pads and supports`, ...over,
  };
};
