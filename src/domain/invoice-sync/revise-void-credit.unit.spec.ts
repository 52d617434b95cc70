import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { Cents } from '../shared/money.js';
import { billPosted, CONTEXT, costLine, given, INVOICE, invoiceEvent, invoiceWith, play, REF } from './invoice-sync.fixtures.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';

const approved = invoiceEvent('Approved', 'v1');
const posted = play([approved, billPosted(1, '145', '0')]);
const revisedInvoice = invoiceWith([...INVOICE.lines.slice(0, 3), costLine('4', '23-37-00', 'S', 'Diffusers, registers, grilles', '7000.00')]);
const revised = invoiceEvent('Revised', 'v2', revisedInvoice);
const types = (outputs: readonly { type: string }[]) => outputs.map((o) => o.type);

describe('invoice sync: a revised invoice updates the bill', () => {
  it('given a posted bill, when the invoice is revised, then the bill is updated with the new lines, its id and last SyncToken', () => {
    const outputs = given(posted).when(revised);
    expect(types(outputs)).toEqual(['InvoiceValidated.v1', 'UpdateBillRequested.v1']);
    expect(outputs[1]).toMatchObject({ type: 'UpdateBillRequested.v1', data: {
      requestNo: 2, invoice: REF, version: 'v2', billId: '145', lastKnownSyncToken: '0', total: 6_543_000, hubMarker: 'trestle:keystone:1280643:v2',
    } });
    const update: InvoiceSyncInput = { type: 'BillUpdated.v1', data: { requestNo: 2, billId: '145', syncToken: '1' } };
    expect(given(play([approved, billPosted(1), revised])).when(update)).toEqual([
      { type: 'InvoiceSynced.v1', data: { invoice: REF, version: 'v2', entity: 'Bill', booksId: '145', docNumber: 'NSM-1077', syncToken: '1' } },
    ]);
  });

  it('given a post in flight, a revision waits for the outcome, then updates the bill just posted', () => {
    expect(given(play([approved])).when(revised)).toEqual([]);
    const outputs = given(play([approved, revised])).when(billPosted(1, '145', '0'));
    expect(outputs).toMatchObject([
      { type: 'InvoiceValidated.v1', data: { version: 'v2' } },
      { type: 'UpdateBillRequested.v1', data: { requestNo: 2, version: 'v2', billId: '145', lastKnownSyncToken: '0' } },
    ]);
  });

  it('given a posted bill, an invoice sent back for revision leaves the bill until it is approved again', () => {
    const sentBack = invoiceEvent('Revised', 'v2', { ...revisedInvoice, status: 'revise_and_resubmit' });
    expect(given(posted).when(sentBack)).toEqual([]);
    expect(types(given(play([approved, billPosted(1), sentBack])).when(invoiceEvent('Approved', 'v3', revisedInvoice)))).toEqual(['InvoiceValidated.v1', 'UpdateBillRequested.v1']);
  });
});

describe('invoice sync: a voided invoice deletes the bill', () => {
  const voided = invoiceEvent('Voided', 'v2');

  it('given a posted bill, when the invoice is voided, then the bill is deleted, and the void is synced', () => {
    expect(given(posted).when(voided)).toEqual([
      { type: 'DeleteBillRequested.v1', data: { requestNo: 2, invoice: REF, version: 'v2', billId: '145', lastKnownSyncToken: '0', docNumber: 'NSM-1077' } },
    ]);
    const deleted: InvoiceSyncInput = { type: 'BillDeleted.v1', data: { requestNo: 2, billId: '145' } };
    const history = play([approved, billPosted(1, '145', '0'), voided]);
    expect(given(history).when(deleted)).toEqual([
      { type: 'InvoiceVoidSynced.v1', data: { invoice: REF, version: 'v2', removed: { entity: 'Bill', booksId: '145' } } },
    ]);
    expect(given([...history, deleted, ...given(history).when(deleted)]).when(revised)).toEqual([]);
  });

  it('given nothing posted, a void has nothing to undo; a deletion seen as a revision counts as a void', () => {
    const submitted = invoiceEvent('Submitted', 'v1', { ...INVOICE, status: 'under_review' });
    expect(given(play([submitted])).when(voided)).toEqual([{ type: 'InvoiceVoidSynced.v1', data: { invoice: REF, version: 'v2', removed: null } }]);
    expect(given(posted).when(invoiceEvent('Revised', 'v2', { ...INVOICE, status: 'deleted' }))).toMatchObject([{ type: 'DeleteBillRequested.v1' }]);
  });

  it('given a post in flight, a void waits for it, then deletes what was posted', () => {
    expect(given(play([approved])).when(voided)).toEqual([]);
    expect(given(play([approved, voided])).when(billPosted(1, '145', '0'))).toMatchObject([{ type: 'DeleteBillRequested.v1', data: { requestNo: 2, billId: '145' } }]);
  });

  it('given a parked invoice, a void releases it', () => {
    const unmapped = invoiceEvent('Approved', 'v1', invoiceWith([costLine('1', '26-05-00', 'L', 'Electrical', '100.00')]));
    expect(given(play([unmapped])).when(voided)).toMatchObject([
      { type: 'DocumentSyncResumed.v1', data: { cause: 'revised' } },
      { type: 'InvoiceVoidSynced.v1', data: { removed: null } },
    ]);
  });
});

describe('invoice sync: a negative invoice (a credit) posts as a vendor credit', () => {
  const credit = invoiceWith([costLine('1', '23-31-00', 'S', 'Back-charge: damaged duct section replaced by GC', '-2500.00')], { invoiceNumber: 'NSM-1077-CR' });
  const approvedCredit = invoiceEvent('Approved', 'v1', credit);

  it('given nothing, when a back-charge is approved, then a vendor credit with positive lines is requested', () => {
    const [, request] = given([]).when(approvedCredit);
    expect(request).toMatchObject({ type: 'PostVendorCreditRequested.v1', data: {
      requestNo: 1, docNumber: 'NSM-1077-CR', total: 225_000, retainage: { mode: 'negative-line', held: -25_000 },
      lines: [
        { kind: 'account', accountRef: { value: '61' }, amount: 250_000, role: 'cost' },
        { kind: 'account', accountRef: { value: '34' }, amount: -25_000, role: 'retainage' },
      ],
    } });
    const grossOpen = { ...CONTEXT, mapping: { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, retainage: { mode: 'gross-open' as const } } } };
    expect(given([]).when(approvedCredit, grossOpen)[1]).toMatchObject({ type: 'PostVendorCreditRequested.v1', data: { total: 250_000, lines: [{ amount: 250_000 }] } });
  });

  it('given a posted vendor credit, it is synced, and a void deletes the vendor credit', () => {
    const creditPosted: InvoiceSyncInput = { type: 'VendorCreditPosted.v1', data: { requestNo: 1, vendorCreditId: '301', syncToken: '0', docNumber: 'NSM-1077-CR' } };
    expect(given(play([approvedCredit])).when(creditPosted)).toMatchObject([{ type: 'InvoiceSynced.v1', data: { entity: 'VendorCredit', booksId: '301' } }]);
    expect(given(play([approvedCredit, creditPosted])).when(invoiceEvent('Voided', 'v2', credit))).toMatchObject([
      { type: 'DeleteVendorCreditRequested.v1', data: { requestNo: 2, vendorCreditId: '301', lastKnownSyncToken: '0' } },
    ]);
  });

  it('given a posted bill, a revision that turns it into a credit is refused, naming the amount', () => {
    const outputs = given(posted).when(invoiceEvent('Revised', 'v2', credit));
    expect(outputs).toContainEqual({ type: 'ValidationFailed.v1', data: {
      invoice: REF, version: 'v2', field: 'netAmount', message: 'the invoice was posted as a Bill but now totals -2250.00; void it in Procore and enter a new invoice',
    } });
    expect(outputs.at(-1)).toMatchObject({ type: 'DocumentSyncParked.v1' });
  });
});

describe('invoice sync: retainage treatments', () => {
  const withTreatment = (retainage: { mode: 'gross-open' } | { mode: 'net-only' }) =>
    ({ ...CONTEXT, mapping: { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, retainage } } });
  const postOf = (ctx: typeof CONTEXT) => {
    const request = given([]).when(approved, ctx)[1];
    if (request?.type !== 'PostBillRequested.v1') throw new Error('expected a bill');
    return request.data;
  };

  it('gross-open: lines at gross, no negative line, the retainage left open on the bill', () => {
    const bill = postOf(withTreatment({ mode: 'gross-open' }));
    expect(bill.lines.map((l) => l.amount)).toEqual([5_250_000, 480_000, 840_000, 630_000]);
    expect(bill.total).toBe(7_200_000);
    expect(bill.privateNote).toContain('Retainage 7200.00 held: leave it open on this bill until it is released.');
  });

  it('net-only: each line net of its retainage, saying so', () => {
    const bill = postOf(withTreatment({ mode: 'net-only' }));
    expect(bill.lines.map((l) => l.amount)).toEqual([4_725_000, 432_000, 756_000, 567_000]);
    expect(bill.total).toBe(6_480_000 as Cents);
    expect(bill.lines[0]?.description).toBe('23-31-00/S Supply and return ductwork (net of retainage 5250.00)');
    expect(bill.retainage).toEqual({ mode: 'net-only', held: 720_000 });
  });
});
