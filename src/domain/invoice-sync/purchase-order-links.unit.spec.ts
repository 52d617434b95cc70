import { describe, expect, it } from 'vitest';
import type { PurchaseOrderLinks } from '../commitments/purchase-order-links.js';
import { billPosted, CONTEXT, costLine, given, invoiceEvent, invoiceWith, play } from './invoice-sync.fixtures.js';
import type { BooksLine } from './invoice-sync.outputs.js';

/** WO-001's PO: one line per cost code and type; 23-37-00/S is not on it. */
const PO: PurchaseOrderLinks = {
  purchaseOrderId: '812',
  lines: [
    { lineKey: '23-31-00|S', lineId: '1', costCode: '23-31-00', costType: 'S' },
    { lineKey: '23-31-00|M', lineId: '2', costCode: '23-31-00', costType: 'M' },
    { lineKey: '23-33-00|S', lineId: '3', costCode: '23-33-00', costType: 'S' },
  ],
};
const WITH_PO = { ...CONTEXT, purchaseOrder: PO };
const link = (txnLineId: string) => ({ txnId: '812', txnType: 'PurchaseOrder', txnLineId });
const linksOf = (output: unknown): Array<BooksLine['linkedTxn']> => ((output as { data: { lines: BooksLine[] } }).data.lines).map((l) => l.linkedTxn);

describe('invoice sync: a new bill on a commitment links its lines to the commitment\'s PurchaseOrder lines', () => {
  it('given nothing, when the invoice is approved with the PO known, then each cost line links to its PO line; the retainage line and a code off the PO do not', () => {
    const [, request] = given([]).when(invoiceEvent('Approved', 'v1'), WITH_PO);
    expect(request?.type).toBe('PostBillRequested.v1');
    expect(linksOf(request)).toEqual([link('1'), link('2'), link('3'), undefined, undefined]);
  });

  it('without a PO nothing is linked; an update of the posted bill and a vendor credit never carry links', () => {
    expect(linksOf(given([]).when(invoiceEvent('Approved', 'v1'))[1]).every((l) => l === undefined)).toBe(true);
    const update = given(play([invoiceEvent('Approved', 'v1'), billPosted(1)], WITH_PO))
      .when(invoiceEvent('Revised', 'v2', invoiceWith([costLine('1', '23-31-00', 'S', 'Supply and return ductwork', '50000.00')])), WITH_PO);
    expect(update.map((o) => o.type)).toEqual(['InvoiceValidated.v1', 'UpdateBillRequested.v1']);
    expect(linksOf(update[1]).every((l) => l === undefined)).toBe(true);
    const credit = invoiceWith([costLine('1', '23-31-00', 'S', 'Back-charge', '-2500.00')], { invoiceNumber: 'NSM-1077-CR' });
    const [, creditRequest] = given([]).when(invoiceEvent('Approved', 'v1', credit), WITH_PO);
    expect(creditRequest?.type).toBe('PostVendorCreditRequested.v1');
    expect(linksOf(creditRequest).every((l) => l === undefined)).toBe(true);
  });
});
