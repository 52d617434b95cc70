import { describe, expect, it } from 'vitest';
import { normaliseQboObject, normaliseQboPayment } from '../../src/adapters/quickbooks/inbound/normalise-books.js';
import { normaliseXeroInvoice, normaliseXeroPayment } from '../../src/adapters/xero/inbound/normalise-xero.js';
import { moneyOf, NormaliseError } from '../../src/adapters/pipeline/inbound/normalise/json-read.js';
import { contractCoding, normaliseChangeOrder, normaliseCommitment } from '../../src/adapters/procore/inbound/normalise-contracts.js';
import { normalisePaymentApplication, normaliseRequisition } from '../../src/adapters/procore/inbound/normalise-invoices.js';
import { normaliseBudgetLine, normaliseTimecard } from '../../src/adapters/procore/inbound/normalise-reference.js';

const AT = '2026-04-01T12:00:00.000Z';
const costCode = (full: string) => ({ id: 1, code: full, full_code: full, name: full });
const type = (code: string) => ({ id: 50883, code, name: code, base_type: 'commitment' });

/** A commitment detail (facts §5.5 field names), whose lines give invoices their coding. */
const commitment = {
  id: 786001, number: 'WO-001', title: 'Ductwork', status: 'Approved', retainage_percent: '10.00', type: 'WorkOrderContract',
  vendor: { id: 5521, company: 'Northwind Sheet Metal LLC' }, project: { id: 2468013, name: 'Riverside' }, updated_at: '2026-03-30T10:00:00Z',
  line_items: [
    { id: 78600101, amount: '150000.00', description: 'Supply and return ductwork', cost_code: costCode('23-31-00'), line_item_type: type('S'), wbs_code: { id: 182877007, flat_code: '23-31-00.S' } },
    { id: 78600102, amount: '12000.00', description: 'Duct sealant', cost_code: costCode('23-31-00'), line_item_type: type('M'), wbs_code: { id: 182877008, flat_code: '23-31-00.M' } },
  ],
};

/** The requisition of facts §5.9 (values invented there): the plain read, no `items`. */
const requisition = {
  id: 1280646, number: 3, invoice_number: 'INV-3', status: 'approved', commitment_id: 786001, commitment_type: 'WorkOrderContract',
  vendor_id: 5521, vendor_name: 'Acme Drywall LLC', project_id: 123456, billing_date: '2026-03-31', requisition_start: '2026-03-01',
  requisition_end: '2026-03-31', updated_at: '2026-03-31T18:00:00.123456Z',
  summary: { completed_work_retainage_percent: '10.00', current_payment_due: '22500.00' },
};

/** Its two G703 rows, as the contract_items endpoint pages them. */
const items = [
    { id: 1, line_item_id: 78600101, description_of_work: 'Ductwork', work_completed_this_period: '20000.00',
      work_completed_retainage_retained_this_period: '2000.00', materials_stored_retainage_retained_this_period: '0.00', work_completed_retainage_released_this_period: '0.00' },
    { id: 2, line_item_id: 99999, wbs_code: { id: 182877008 }, description_of_work: 'Sealant', work_completed_this_period: '5000.00',
      work_completed_retainage_retained_this_period: '500.00' },
];

describe('Procore normalisers', () => {
  it('normalises a requisition: cents, string ids, cost code and cost type per line from its commitment, retainage explicit', () => {
    const { snapshot, version } = normaliseRequisition(requisition, items, AT, contractCoding('commitment', commitment));
    expect(version).toBe('2026-03-31T18:00:00.123Z');
    expect(snapshot).toEqual({
      projectId: '123456', commitmentId: '786001', vendorId: '5521', vendorName: 'Acme Drywall LLC', number: '3', invoiceNumber: 'INV-3',
      status: 'approved', billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
      lines: [
        { lineId: '1', costCode: '23-31-00', costType: 'S', description: 'Ductwork', amount: 2_000_000, retainage: 200_000 },
        { lineId: '2', costCode: '23-31-00', costType: 'M', description: 'Sealant', amount: 500_000, retainage: 50_000 },
      ],
      grossAmount: 2_500_000, retainageAmount: 250_000, netAmount: 2_250_000, retainagePercent: '10.00', updatedAt: '2026-03-31T18:00:00.123Z',
    });
  });

  it('reads retainage released on a requisition: netted in the line, and the release itself on the snapshot', () => {
    const release = [
      { id: 3, line_item_id: 78600101, description_of_work: 'Ductwork', work_completed_this_period: '0.00', work_completed_retainage_retained_this_period: '0.00',
        work_completed_retainage_released_this_period: '1500.00', materials_stored_retainage_released_this_period: '250.00' },
      { id: 4, line_item_id: 78600102, description_of_work: 'Sealant', work_completed_this_period: '1000.00', work_completed_retainage_retained_this_period: '100.00' },
    ];
    const { snapshot } = normaliseRequisition({ ...requisition, summary: { current_payment_due: '2650.00' } }, release, AT, contractCoding('commitment', commitment));
    expect(snapshot.lines.map((l) => [l.lineId, l.amount, l.retainage, l.released])).toEqual([['3', 0, -175_000, 175_000], ['4', 100_000, 10_000, undefined]]);
    expect(snapshot.lines[1]).not.toHaveProperty('released');
    // Net due = gross 1,000.00 - retained 100.00 + released 1,750.00.
    expect(snapshot).toMatchObject({ grossAmount: 100_000, retainageAmount: -165_000, retainageReleased: 175_000, netAmount: 265_000 });
    expect(normaliseRequisition(requisition, items, AT, contractCoding('commitment', commitment)).snapshot).not.toHaveProperty('retainageReleased');
  });

  it('refuses an item that bills no line of the contract, and an unknown status', () => {
    const stray = [{ id: 9, line_item_id: 1, work_completed_this_period: '1.00' }];
    expect(() => normaliseRequisition(requisition, stray, AT, contractCoding('commitment', commitment))).toThrow(NormaliseError);
    expect(() => normaliseRequisition({ ...requisition, status: 'paid' }, items, AT, contractCoding('commitment', commitment))).toThrow(/unknown status/);
  });

  it('takes the lines only from the item endpoints, never from an `items` on the header', () => {
    const withItems = { ...requisition, items };
    const { snapshot } = normaliseRequisition(withItems, [], AT, contractCoding('commitment', commitment));
    expect(snapshot.lines).toEqual([]);
  });

  it('normalises a commitment and a change order with their lines', () => {
    expect(normaliseCommitment(commitment, AT).snapshot).toMatchObject({
      projectId: '2468013', kind: 'work_order', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', status: 'approved', total: 16_200_000,
      lines: [{ lineId: '78600101', costCode: '23-31-00', costType: 'S', amount: 15_000_000, retainage: 0 }, { costType: 'M', amount: 1_200_000 }],
    });
    const order = { id: 91001, number: 'CCO-001', title: 'Exhaust', status: 'approved', contract_id: 786001, updated_at: AT,
      line_items: [{ id: 1, amount: '12500.00', cost_code: costCode('23-31-00'), line_item_type: type('S') }] };
    expect(normaliseChangeOrder(order, AT, 'commitment', '2468013').snapshot).toMatchObject({ kind: 'commitment', contractId: '786001', status: 'approved', total: 1_250_000 });
  });

  it('normalises an owner invoice, taking a header-level retainage release from the G702', () => {
    const prime = { id: 640001, line_items: [{ id: 1, cost_code: costCode('23-31-00'), line_item_type: type('S'), wbs_code: { id: 182877007 } }] };
    const application = { id: 3303, number: 3, status: 'approved', contract: { id: 640001 }, formatted_contract_company: 'Harbor Point Builders', updated_at: AT,
      billing_date: '2026-05-31', period_start: '2026-05-01', period_end: '2026-05-31', g702: { current_payment_due: '10000.00' },
      g703: [{ id: 7, cost_code: costCode('23-31-00'), wbs_code: { id: 182877007 }, work_completed_this_period: '5000.00', work_completed_retainage_retained_this_period: '500.00' }] };
    expect(normalisePaymentApplication(application, AT, contractCoding('prime', prime), '2468013').snapshot).toMatchObject({
      primeContractId: '640001', grossAmount: 500_000, retainageRetained: 50_000, retainageReleased: 550_000, netAmount: 1_000_000,
      lines: [{ costCode: '23-31-00', costType: 'S', amount: 500_000, retainage: 50_000 }],
    });
  });

  it('reads budget money sent as JSON numbers without float arithmetic', () => {
    const line = { id: 8810001, original_budget_amount: 18500.5, approved_budget_changes: 0.1, revised_budget: 18500.6,
      cost_code: costCode('01-50-00'), line_item_type: { code: 'O' }, updated_at: AT };
    expect(normaliseBudgetLine(line, AT, '2468013').snapshot).toMatchObject({ originalBudget: 1_850_050, approvedChanges: 10, revisedBudget: 1_850_060, costType: 'O' });
  });

  it('resolves a timecard\'s cost type from its line item type id', () => {
    const entry = { id: 990100, date: '2026-03-02', hours: '8.00', approval_status: 'approved', billable: false, description: 'Pads',
      party: { id: 7788, name: 'Dana Ortiz' }, cost_code: costCode('23-05-00'), line_item_type_id: 50881, updated_at: AT };
    expect(normaliseTimecard(entry, AT, '2468013', (id) => (id === '50881' ? 'L' : null)).snapshot).toMatchObject({
      employeeId: '7788', hours: '8.00', costCode: '23-05-00', costType: 'L', approvalStatus: 'approved',
    });
  });
});

describe('books normalisers', () => {
  it('normalises a QuickBooks bill payment (facts §2.4) and its deletion', () => {
    const payment = { Id: '201', SyncToken: '0', VendorRef: { value: '46' }, PayType: 'Check', TotalAmt: 1310.0, TxnDate: '2026-04-01',
      Line: [{ Amount: 1310.0, LinkedTxn: [{ TxnId: '145', TxnType: 'Bill' }] }], MetaData: { LastUpdatedTime: '2026-04-01T09:00:00-07:00' } };
    const { snapshot, version } = normaliseQboPayment(payment, AT, 'bill_payment');
    // LastUpdatedTime is to the second; the SyncToken after it orders changes within that second.
    expect(version).toBe('2026-04-01T16:00:00.000Z#0');
    expect(snapshot).toMatchObject({ updatedAt: '2026-04-01T16:00:00.000Z', counterpartyId: '46', totalAmount: 131_000, appliedTo: [{ txnId: '145', txnType: 'Bill', amount: 131_000 }], deleted: false });
    const gone = normaliseQboPayment({ domain: 'QBO', status: 'Deleted', Id: '201', MetaData: { LastUpdatedTime: '2026-04-02T09:00:00-07:00' } }, AT, 'bill_payment', snapshot);
    expect(gone.snapshot).toMatchObject({ deleted: true, totalAmount: 131_000 });
  });

  it('gives a QuickBooks bill the same fingerprint when only its balance moves', () => {
    const bill = { Id: '145', SyncToken: '0', TotalAmt: 1310, Balance: 1310, DocNumber: 'INV-1', PrivateNote: 'trestle:x', VendorRef: { value: '46' },
      Line: [{ Amount: 1310, DetailType: 'AccountBasedExpenseLineDetail' }], MetaData: { LastUpdatedTime: AT } };
    const before = normaliseQboObject(bill, AT, 'Bill').snapshot;
    const paid = normaliseQboObject({ ...bill, SyncToken: '1', Balance: 0, LinkedTxn: [{ TxnId: '9', TxnType: 'BillPaymentCheck' }] }, AT, 'Bill').snapshot;
    const edited = normaliseQboObject({ ...bill, SyncToken: '2', Line: [{ Amount: 1300, DetailType: 'AccountBasedExpenseLineDetail' }] }, AT, 'Bill').snapshot;
    expect(paid.fingerprint).toBe(before.fingerprint);
    expect(edited.fingerprint).not.toBe(before.fingerprint);
  });

  it('normalises Xero payments and invoices, /Date()/ times included', () => {
    const payment = { PaymentID: 'p-1', Date: '/Date(1775001600000+0000)/', Amount: 100.5, Status: 'AUTHORISED', PaymentType: 'ACCPAYPAYMENT',
      UpdatedDateUTC: '/Date(1775001600000+0000)/', Invoice: { InvoiceID: 'inv-1', Type: 'ACCPAY', Contact: { ContactID: 'c-1' } } };
    expect(normaliseXeroPayment(payment, AT).snapshot).toMatchObject({
      kind: 'bill_payment', counterpartyId: 'c-1', txnDate: '2026-04-01', totalAmount: 10_050, deleted: false, appliedTo: [{ txnId: 'inv-1', txnType: 'Bill', amount: 10_050 }],
    });
    const received = { ...payment, PaymentType: 'ACCRECPAYMENT', Invoice: { InvoiceID: 'inv-2', Type: 'ACCREC' } };
    expect(normaliseXeroPayment(received, AT).snapshot).toMatchObject({ kind: 'payment', appliedTo: [{ txnId: 'inv-2', txnType: 'Invoice' }] });
    const refund = { ...payment, PaymentType: 'APCREDITPAYMENT', Invoice: undefined, CreditNote: { CreditNoteID: 'cn-1' } };
    expect(() => normaliseXeroPayment(refund, AT)).toThrow(NormaliseError);
    const invoice = { InvoiceID: 'inv-1', Type: 'ACCPAY', Status: 'VOIDED', Total: 47250, InvoiceNumber: 'NSM-1077', UpdatedDateUTC: '/Date(1775001600000+0000)/' };
    expect(normaliseXeroInvoice(invoice, AT).snapshot).toMatchObject({ entity: 'Bill', syncToken: '1775001600000', totalAmount: 4_725_000, deleted: true });
  });

  it('refuses money with more than cents', () => {
    expect(moneyOf('x', '10.50', 'a')).toBe(1050);
    expect(moneyOf('x', 0.1, 'a')).toBe(10);
    expect(() => moneyOf('x', 0.1 + 0.2, 'a')).toThrow(/more than two decimals/);
    expect(() => moneyOf('x', '1e3', 'a')).toThrow(NormaliseError);
  });
});
