import type { CommitmentChangeOrderEvent, CommitmentEvent, OwnerInvoiceEvent, PrimeChangeOrderEvent } from '../documents/document-events.js';
import type { DocumentRef, DocumentType } from '../documents/document-ref.js';
import type { ChangeOrderSnapshot, CommitmentSnapshot, CostLine, OwnerInvoiceSnapshot } from '../documents/snapshots.js';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { OwnerBillingSettings } from '../owner-invoices/sales-lines.js';
import type { Cents } from '../shared/money.js';
import { addMoney, parseMoney, subtractMoney, sumBy } from '../shared/money.js';

/** Test data from the sample project (Keystone Mechanical, Riverside Medical Office Building). */
export const PROJECT = '2468013';
export const JOB = { value: '59', name: '2026-014 Riverside Medical Office' } as const;
export const MAPPING = EXAMPLE_MAPPING;
export const BILLING: OwnerBillingSettings = { progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22', name: 'Retainage' } };

export const m = (text: string): Cents => parseMoney(text);

export const procoreRef = (type: DocumentType, externalId: string): DocumentRef => ({ connection: 'keystone', source: 'procore', type, externalId });

export const line = (lineId: string, costCode: string, costType: string, amount: string, description = `${costCode}/${costType}`, retainage = '0'): CostLine =>
  ({ lineId, costCode, costType, description, amount: m(amount), retainage: m(retainage) });

const documentData = <S>(ref: DocumentRef, version: string, snapshot: S) => ({ ref, version, observedAt: version, snapshot, raw: null });

export const WO_001_LINES: readonly CostLine[] = [
  line('c1', '23-31-00', 'S', '150000.00', 'Supply and return ductwork'),
  line('c2', '23-31-00', 'M', '12000.00', 'Duct sealant and hangers'),
  line('c3', '23-33-00', 'S', '21000.00', 'Dampers and access doors'),
  line('c4', '23-37-00', 'S', '17500.00', 'Diffusers, registers, grilles'),
];

export const commitment = (status: CommitmentSnapshot['status'], lines: readonly CostLine[] = WO_001_LINES): CommitmentSnapshot => ({
  projectId: PROJECT, kind: 'work_order', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', number: 'WO-001',
  title: 'Ductwork fabrication and installation', status, retainagePercent: '10.00', lines, total: sumBy(lines, (l) => l.amount), updatedAt: '2026-03-02T10:00:00Z',
});

export const commitmentEvent = (type: CommitmentEvent['type'], version: string, snapshot: CommitmentSnapshot): CommitmentEvent =>
  ({ type, data: documentData(procoreRef('commitment', '786001'), version, snapshot) }) as CommitmentEvent;

export const changeOrder = (kind: 'commitment' | 'prime', status: ChangeOrderSnapshot['status'], lines: readonly CostLine[]): ChangeOrderSnapshot => ({
  kind, projectId: PROJECT, contractId: kind === 'commitment' ? '786001' : '640001', number: kind === 'commitment' ? 'CCO-001' : 'PCO-001',
  title: kind === 'commitment' ? 'Add exhaust ductwork at imaging suite' : 'Owner-requested imaging suite exhaust',
  status, lines, total: sumBy(lines, (l) => l.amount), updatedAt: '2026-04-02T09:00:00Z',
});

export const commitmentChangeOrderEvent = (type: CommitmentChangeOrderEvent['type'], version: string, snapshot: ChangeOrderSnapshot): CommitmentChangeOrderEvent =>
  ({ type, data: documentData(procoreRef('commitment_change_order', '91001'), version, snapshot) }) as CommitmentChangeOrderEvent;

export const primeChangeOrderEvent = (type: PrimeChangeOrderEvent['type'], version: string, snapshot: ChangeOrderSnapshot): PrimeChangeOrderEvent =>
  ({ type, data: documentData(procoreRef('prime_change_order', '92001'), version, snapshot) }) as PrimeChangeOrderEvent;

/** A payment application on prime contract 640001; `lines` carry the retainage withheld on each. */
export const ownerInvoice = (number: number, status: OwnerInvoiceSnapshot['status'], lines: readonly CostLine[], released = '0'): OwnerInvoiceSnapshot => {
  const grossAmount = sumBy(lines, (l) => l.amount);
  const retainageRetained = sumBy(lines, (l) => l.retainage);
  return {
    projectId: PROJECT, primeContractId: '640001', ownerName: 'Harbor Point Builders', number: String(number), invoiceNumber: `KM-PA-0${number}`,
    status, billingDate: `2026-0${number + 2}-28`, periodStart: `2026-0${number + 2}-01`, periodEnd: `2026-0${number + 2}-28`, lines,
    grossAmount, retainageRetained, retainageReleased: m(released), netAmount: addMoney(subtractMoney(grossAmount, retainageRetained), m(released)),
    updatedAt: `2026-0${number + 2}-28T12:00:00Z`,
  };
};

export const ownerInvoiceEvent = (type: OwnerInvoiceEvent['type'], id: string, version: string, snapshot: OwnerInvoiceSnapshot): OwnerInvoiceEvent =>
  ({ type, data: documentData(procoreRef('owner_invoice', id), version, snapshot) }) as OwnerInvoiceEvent;
