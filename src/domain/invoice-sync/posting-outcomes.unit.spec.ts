import { describe, expect, it } from 'vitest';
import { billPosted, given, invoiceEvent, play, REF } from './invoice-sync.fixtures.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';

const approved = invoiceEvent('Approved', 'v1');
const failed = (retryable: boolean, code: string, reason: string, attempt = 1): InvoiceSyncInput =>
  ({ type: 'PostingFailed.v1', data: { requestNo: 1, retryable, code, reason, attempt } });
const deadLettered: InvoiceSyncInput = { type: 'PostingDeadLettered.v1', data: { requestNo: 1, reason: 'Service Unavailable', code: '503', attempts: 8 } };
const mappingChanged: InvoiceSyncInput = { type: 'MappingChanged.v1', data: { version: 3, changedAt: '2026-05-03T10:00:00Z' } };

/**
 * Retrying is the dispatcher's job (backoff, Retry-After, SyncToken re-read on 5010, name
 * lookup on 6240, within its retry budget). The saga only reacts to final outcomes.
 */
describe('invoice sync: failure outcomes', () => {
  it('given a post in flight, a retryable failure is the dispatcher\'s to retry: nothing happens and the request stays out', () => {
    const history = play([approved]);
    expect(given(history).when(failed(true, '3001', 'ThrottleExceeded'))).toEqual([]);
    expect(given([...history, failed(true, '3001', 'ThrottleExceeded')]).state()).toMatchObject({ status: 'Open', outbox: { status: 'in-flight', request: { requestNo: 1 } } });
  });

  it('given a post in flight, a final rejection parks the invoice naming the request and the code', () => {
    expect(given(play([approved])).when(failed(false, '2500', 'Invalid Reference Id: Account 61 is inactive'))).toEqual([
      { type: 'DocumentSyncParked.v1', data: {
        document: REF, version: 'v1', reasons: ['books-rejected'],
        message: 'The books rejected PostBill request 1 (code 2500): Invalid Reference Id: Account 61 is inactive.',
      } },
    ]);
  });

  it('given a rejected post, when the mapping changes, then it is requested again under a new number', () => {
    const history = play([approved, failed(false, '2500', 'Invalid Reference Id')]);
    expect(given(history).state()).toMatchObject({ status: 'Open', outbox: { status: 'parked' } });
    expect(given(history).when(mappingChanged)).toMatchObject([
      { type: 'DocumentSyncResumed.v1', data: { cause: 'mapping-changed' } },
      { type: 'PostBillRequested.v1', data: { requestNo: 2 } },
    ]);
  });

  it('given a post in flight, a dead letter parks the invoice once; the request stays open for the operator\'s retry', () => {
    const outputs = given(play([approved])).when(deadLettered);
    expect(outputs).toEqual([{ type: 'DocumentSyncParked.v1', data: {
      document: REF, version: 'v1', reasons: ['dead-lettered'],
      message: 'Gave up on PostBill request 1 (code 503): Service Unavailable after 8 attempts; retry it from the dead letters.',
    } }]);
    const stalled = play([approved, deadLettered]);
    expect(given(stalled).state()).toMatchObject({ status: 'Open', outbox: { status: 'stalled', request: { requestNo: 1 } } });
    expect(given(stalled).when(deadLettered)).toEqual([]);
    expect(given(stalled).when(mappingChanged)).toEqual([]);
  });

  it('given a dead-lettered post, when the operator\'s retry posts it, then the invoice resumes and is synced (with any revision since)', () => {
    expect(given(play([approved, deadLettered])).when(billPosted(1))).toMatchObject([
      { type: 'DocumentSyncResumed.v1', data: { cause: 'request-completed' } },
      { type: 'InvoiceSynced.v1', data: { booksId: '145' } },
    ]);
    const revisedMeanwhile = play([approved, deadLettered, invoiceEvent('Revised', 'v2')]);
    expect(given(revisedMeanwhile).when(billPosted(1)).map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'InvoiceValidated.v1', 'UpdateBillRequested.v1']);
  });

  it('an outcome for a request that is not out (stale, redelivered, or never made) changes nothing', () => {
    const secondOut = play([approved, failed(false, '2500', 'Invalid Reference Id'), mappingChanged]);
    expect(given(secondOut).when(billPosted(1))).toEqual([]);
    expect(given(secondOut).when(failed(false, '2500', 'Invalid Reference Id'))).toEqual([]);
    expect(given([]).when(billPosted(1))).toEqual([]);
    expect(given(secondOut).when(billPosted(2)).map((o) => o.type)).toEqual(['InvoiceSynced.v1']);
  });
});
