import { describe, expect, it } from 'vitest';
import { billPosted, fold, INVOICE, invoiceEvent, play } from './invoice-sync.fixtures.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';

const approved = invoiceEvent('Approved', 'v1');
const revised = invoiceEvent('Revised', 'v2');

/** The runner may store an input the decider ignored; folding it must change nothing. */
describe('evolveInvoiceSync', () => {
  it('folds a redelivered document event or outcome to the same state', () => {
    const stream = play([approved, billPosted(1), revised]);
    expect(fold([...stream, approved, billPosted(1), revised])).toEqual(fold(stream));
  });

  it('does not go back to an older version redelivered after a newer one', () => {
    const submitted = invoiceEvent('Submitted', 'v0', { ...INVOICE, status: 'under_review' });
    const stream = play([submitted, approved, billPosted(1)]);
    const state = fold([...stream, submitted]);
    expect(state).toMatchObject({ status: 'Synced', doc: { version: 'v1', approved: true } });
  });

  it('ignores a retryable failure and an answer to another request', () => {
    const stream = play([approved]);
    const retryable: InvoiceSyncInput = { type: 'PostingFailed.v1', data: { requestNo: 1, retryable: true, reason: 'timeout', code: null, attempt: 1 } };
    expect(fold([...stream, retryable, billPosted(7)])).toEqual(fold(stream));
  });

  it('keeps what the saga learnt: the books object and its version, and the next request number', () => {
    expect(fold(play([approved, billPosted(1, '145', '0'), revised]))).toMatchObject({
      status: 'Open',
      books: { entity: 'Bill', id: '145', syncToken: '0', version: 'v1' },
      outbox: { status: 'in-flight', lastRequestNo: 2, request: { requestNo: 2, type: 'UpdateBillRequested.v1', version: 'v2' } },
      validatedVersion: 'v2',
    });
  });
});
