import { describe, expect, it } from 'vitest';
import { booksVersion, classifyChange, compareVersions, versionTime, type ChangeInput, type RecordedVersion } from './classify-change.js';
import type { DocumentType } from './document-ref.js';

const invoice = (status: string, amount = 4500000) => ({ status, grossAmount: amount, lines: [{ costCode: '23-31-00', amount }], updatedAt: 'x' });
const at = (minute: number) => `2026-03-31T10:${String(minute).padStart(2, '0')}:00Z`;
const recorded = (type: string, minute: number, snapshot: unknown): RecordedVersion => ({ type, version: at(minute), snapshot });

const classify = (type: DocumentType, previous: RecordedVersion | undefined, minute: number, snapshot: unknown, extra: Partial<ChangeInput> = {}) =>
  classifyChange({ type, previous, next: { version: at(minute), snapshot }, ...extra });

describe('classifyChange: subcontractor invoices', () => {
  it('records nothing for a draft, then Submitted, Approved, Revised, Voided as the invoice moves', () => {
    expect(classify('subcontractor_invoice', undefined, 1, invoice('draft'))).toEqual({ record: false, reason: 'not_relevant' });
    expect(classify('subcontractor_invoice', undefined, 2, invoice('under_review'))).toEqual({ record: true, eventType: 'SubcontractorInvoiceSubmitted.v1' });
    const submitted = recorded('SubcontractorInvoiceSubmitted.v1', 2, invoice('under_review'));
    expect(classify('subcontractor_invoice', submitted, 3, invoice('approved'))).toEqual({ record: true, eventType: 'SubcontractorInvoiceApproved.v1' });
    const approved = recorded('SubcontractorInvoiceApproved.v1', 3, invoice('approved'));
    expect(classify('subcontractor_invoice', approved, 4, invoice('revise_and_resubmit'))).toEqual({ record: true, eventType: 'SubcontractorInvoiceRevised.v1' });
    expect(classify('subcontractor_invoice', approved, 5, invoice('deleted'))).toEqual({ record: true, eventType: 'SubcontractorInvoiceVoided.v1' });
  });

  it('goes straight to Approved when the first version seen is approved (a missed webhook)', () => {
    expect(classify('subcontractor_invoice', undefined, 1, invoice('approved_as_noted'))).toEqual({ record: true, eventType: 'SubcontractorInvoiceApproved.v1' });
  });

  it('never records the same version twice, nor an older one', () => {
    const approved = recorded('SubcontractorInvoiceApproved.v1', 5, invoice('approved'));
    expect(classify('subcontractor_invoice', approved, 5, invoice('approved'))).toEqual({ record: false, reason: 'already_recorded' });
    expect(classify('subcontractor_invoice', approved, 4, invoice('under_review'))).toEqual({ record: false, reason: 'older' });
  });

  it('records nothing when only updated_at moved (the hub wrote origin_id back), Revised when content changed', () => {
    const approved = recorded('SubcontractorInvoiceApproved.v1', 5, invoice('approved'));
    expect(classify('subcontractor_invoice', approved, 6, { ...invoice('approved'), updatedAt: 'later' })).toEqual({ record: false, reason: 'no_change' });
    expect(classify('subcontractor_invoice', approved, 7, invoice('approved', 4600000))).toEqual({ record: true, eventType: 'SubcontractorInvoiceRevised.v1' });
  });

  it('does not void what it never recorded', () => {
    expect(classify('subcontractor_invoice', undefined, 1, invoice('deleted'))).toEqual({ record: false, reason: 'unknown_deleted' });
  });
});

describe('classifyChange: commitments, change orders, timecards', () => {
  it('records a commitment from its first sighting (Created), then Approved and Voided', () => {
    expect(classify('commitment', undefined, 1, { status: 'out_for_signature' })).toEqual({ record: true, eventType: 'CommitmentCreated.v1' });
    const created = recorded('CommitmentCreated.v1', 1, { status: 'out_for_signature' });
    expect(classify('commitment', created, 2, { status: 'approved' })).toEqual({ record: true, eventType: 'CommitmentApproved.v1' });
    expect(classify('commitment', recorded('CommitmentApproved.v1', 2, { status: 'approved' }), 3, { status: 'void' }))
      .toEqual({ record: true, eventType: 'CommitmentVoided.v1' });
  });

  it('treats a rejected change order as void', () => {
    const created = recorded('PrimeChangeOrderCreated.v1', 1, { status: 'pending' });
    expect(classify('prime_change_order', created, 2, { status: 'rejected' })).toEqual({ record: true, eventType: 'PrimeChangeOrderVoided.v1' });
    expect(classify('commitment_change_order', undefined, 1, { status: 'approved' })).toEqual({ record: true, eventType: 'CommitmentChangeOrderApproved.v1' });
  });

  it('records timecards once approved', () => {
    expect(classify('timecard', undefined, 1, { approvalStatus: 'pending' })).toEqual({ record: false, reason: 'not_relevant' });
    expect(classify('timecard', undefined, 2, { approvalStatus: 'approved' })).toEqual({ record: true, eventType: 'TimecardApproved.v1' });
  });
});

describe('classifyChange: reference data, payments and the hub\'s own books objects', () => {
  it('observes reference data when it changes', () => {
    expect(classify('vendor', undefined, 1, { name: 'A', active: true })).toEqual({ record: true, eventType: 'VendorObserved.v1' });
    const seen = recorded('VendorObserved.v1', 1, { name: 'A', active: true, updatedAt: '1' });
    expect(classify('vendor', seen, 2, { name: 'A', active: true, updatedAt: '2' })).toEqual({ record: false, reason: 'no_change' });
    expect(classify('budget_line', undefined, 2, { revisedBudget: 1 })).toEqual({ record: true, eventType: 'BudgetLineChanged.v1' });
  });

  it('records a payment, then its changes and its deletion', () => {
    expect(classify('bill_payment', undefined, 1, { totalAmount: 100, deleted: false })).toEqual({ record: true, eventType: 'BillPaymentRecorded.v1' });
    const paid = recorded('BillPaymentRecorded.v1', 1, { totalAmount: 100, deleted: false });
    expect(classify('bill_payment', paid, 2, { totalAmount: 100, deleted: true })).toEqual({ record: true, eventType: 'BillPaymentChanged.v1' });
    expect(classify('payment', undefined, 1, { deleted: true })).toEqual({ record: false, reason: 'unknown_deleted' });
  });

  it('reports an edit by hand when what a person edits differs from the hub\'s baseline, not when only the SyncToken moved', () => {
    const bill = (syncToken: string, totalAmount: number, deleted = false) => ({ entity: 'Bill', id: '145', syncToken, totalAmount, fingerprint: `f${totalAmount}`, deleted, updatedAt: syncToken });
    const input = (next: unknown, hubBaseline: unknown): ChangeInput => ({ type: 'bill', previous: undefined, next: { version: at(1), snapshot: next }, hubBaseline });
    expect(classifyChange(input(bill('1', 100), bill('0', 100)))).toEqual({ record: false, reason: 'no_change' });
    expect(classifyChange(input(bill('2', 130), bill('1', 100)))).toEqual({ record: true, eventType: 'BooksObjectEditedByHand.v1' });
    expect(classifyChange(input(bill('3', 130), undefined))).toEqual({ record: false, reason: 'not_relevant' });
    expect(classifyChange(input(bill('3', 130, true), bill('2', 130)))).toEqual({ record: true, eventType: 'BooksObjectDeletedByHand.v1' });
  });
});

describe('compareVersions', () => {
  it('orders instants across offsets and SyncTokens numerically', () => {
    expect(compareVersions('2026-03-02T14:42:19-07:00', '2026-03-02T21:42:19Z')).toBe(0);
    expect(compareVersions('2026-03-02T14:42:20-07:00', '2026-03-02T21:42:19Z')).toBe(1);
    expect(compareVersions('10', '9')).toBe(1);
  });

  it('orders books versions within one second by their counter (a payment voided in the second it was made)', () => {
    const made = booksVersion('2026-03-02T14:42:19-07:00', '0');
    const voided = booksVersion('2026-03-02T14:42:19-07:00', '1');
    expect(voided).toBe('2026-03-02T14:42:19-07:00#1');
    expect(compareVersions(voided, made)).toBe(1);
    expect(compareVersions(booksVersion('2026-03-02T14:42:19-07:00', '10'), booksVersion('2026-03-02T14:42:19-07:00', '9'))).toBe(1);
    expect(compareVersions(booksVersion('2026-03-02T14:42:20-07:00', '0'), voided)).toBe(1);
    expect(compareVersions(voided, '2026-03-02T21:42:19Z')).toBe(0);
    expect(versionTime(voided)).toBe(Date.parse('2026-03-02T21:42:19Z'));
    expect(booksVersion('2026-03-02T21:42:19Z', null)).toBe('2026-03-02T21:42:19Z');
  });

  it('records a payment changed within the second of its last recorded version', () => {
    const previous: RecordedVersion = { type: 'BillPaymentRecorded.v1', version: booksVersion('2026-03-02T21:42:19Z', '0'), snapshot: { totalAmount: 500050, appliedTo: [{ txnId: '9', amount: 500050 }] } };
    const next = { version: booksVersion('2026-03-02T21:42:19Z', '1'), snapshot: { totalAmount: 0, appliedTo: [] } };
    expect(classifyChange({ type: 'bill_payment', previous, next })).toEqual({ record: true, eventType: 'BillPaymentChanged.v1' });
  });
});
