import type { PrimeChangeOrderBillingChanged } from './change-order-billing.js';
import { documentStream } from '../documents/document-ref.js';
import type { ChangeOrderToCarry, OwnerInvoiceChangeOrdersCarried } from './owner-invoice.outputs.js';

const keyOf = (c: { readonly document: ChangeOrderToCarry['document']; readonly version: string }): string => `${documentStream(c.document)}@${c.version}`;

/**
 * For the runner: the approved prime change order moves no owner invoice carries yet. Each
 * owner invoice's latest OwnerInvoiceChangeOrdersCarried.v1 is in force (a voided invoice
 * carries none, so its change orders go to the next one).
 */
export const changeOrdersToCarry = (
  billingChanges: readonly PrimeChangeOrderBillingChanged[], carriedFacts: readonly OwnerInvoiceChangeOrdersCarried[],
): ChangeOrderToCarry[] => {
  const latest = new Map<string, OwnerInvoiceChangeOrdersCarried>();
  for (const fact of carriedFacts) latest.set(documentStream(fact.data.document), fact);
  const carried = new Set([...latest.values()].flatMap((f) => f.data.changeOrders.map(keyOf)));
  return billingChanges
    .filter((e) => e.data.delta !== 0 && !carried.has(keyOf(e.data)))
    .map((e) => ({ document: e.data.document, version: e.data.version, primeContractId: e.data.primeContractId, number: e.data.number, title: e.data.title, delta: e.data.delta }));
};
