import { describe, expect, it } from 'vitest';
import { apiError } from '../../src/platform/http/api-result.js';
import { centsFromWire, draftBody, failureFrom, wireAmount } from '../../src/adapters/quickbooks/outbound/index.js';
import { isMarkedBy } from '../../src/adapters/quickbooks/outbound/books-body.js';
import { displayName } from '../../src/adapters/quickbooks/outbound/resolve.js';
import { cents } from '../../src/domain/shared/money.js';
import { vendorDocumentPosting } from '../../src/adapters/pipeline/books-outbound/request-vocabulary.js';
import { draftOf } from './support/qbo-requests.js';

const fault = (code: string, type = 'ValidationFault') => ({ type, errors: [{ code, message: 'm', detail: 'd' }] });

describe('QuickBooks bodies and failure kinds', () => {
  it('turns cents into the exact wire decimal and back, with no float arithmetic', () => {
    expect([wireAmount(cents(800_005)), wireAmount(cents(99)), wireAmount(cents(-125_000)), wireAmount(cents(1))]).toEqual([8000.05, 0.99, -1250, 0.01]);
    expect(JSON.stringify({ Amount: wireAmount(cents(1_234_567_890_123)) })).toBe('{"Amount":12345678901.23}');
    expect([centsFromWire(8000.05), centsFromWire('0.10'), centsFromWire(1e21), centsFromWire(null)]).toEqual([800_005, 10, undefined, undefined]);
  });

  it('writes a bill body from the draft; a vendor credit has no due date', () => {
    const data = draftOf('1');
    const bill = draftBody(vendorDocumentPosting('bill', data));
    expect(bill).toMatchObject({ VendorRef: { value: '46' }, DocNumber: 'NSM-1', DueDate: '2026-04-30', PrivateNote: data.privateNote });
    expect(draftBody(vendorDocumentPosting('vendor-credit', data))).not.toHaveProperty('DueDate');
    expect(draftBody(vendorDocumentPosting('bill', { ...data, privateNote: 'typed by hand' })).PrivateNote).toBe(`${data.hubMarker} typed by hand`);
  });

  it('writes a line\'s PurchaseOrder link as its LinkedTxn, and nothing on a line without one', () => {
    const data = draftOf('1');
    const [first, ...rest] = data.lines;
    const linked = { ...data, lines: [{ ...first!, linkedTxn: { txnId: '812', txnType: 'PurchaseOrder' as const, txnLineId: '3' } }, ...rest] };
    const lines = draftBody(vendorDocumentPosting('bill', linked)).Line as Array<Record<string, unknown>>;
    expect(lines[0]!.LinkedTxn).toEqual([{ TxnId: '812', TxnType: 'PurchaseOrder', TxnLineId: '3' }]);
    expect(lines.slice(1).every((l) => !('LinkedTxn' in l))).toBe(true);
    expect((draftBody(vendorDocumentPosting('bill', data)).Line as Array<Record<string, unknown>>).every((l) => !('LinkedTxn' in l))).toBe(true);
  });

  it('matches a marker only up to its end', () => {
    expect(isMarkedBy('trestle:acme:1:3 Procore …', 'trestle:acme:1:3')).toBe(true);
    expect(isMarkedBy('trestle:acme:1:31 Procore …', 'trestle:acme:1:3')).toBe(false);
  });

  it('makes display names QuickBooks accepts', () => {
    expect(displayName('  Keystone:West  Division ')).toBe('Keystone - West Division');
    expect(displayName('x'.repeat(600), ' (vendor)')).toHaveLength(500);
  });

  it('classifies QuickBooks answers', () => {
    const kind = (error: ReturnType<typeof apiError>, mode: 'write' | 'read' = 'write') => failureFrom(error, mode).kind;
    expect(kind(apiError('rejected', 'x', { status: 400, body: fault('6210') }))).toBe('permanent');
    expect(kind(apiError('rejected', 'x', { status: 400, body: fault('5010') }))).toBe('retryable');
    expect(kind(apiError('throttled', 'x', { status: 429, body: { Fault: { Error: [{ code: '3001' }] } } }))).toBe('throttled');
    expect(kind(apiError('server', 'x', { status: 500, body: { Fault: { Error: [{ code: '10000' }], type: 'SystemFault' } } }))).toBe('ambiguous');
    expect(kind(apiError('server', 'x', { status: 500 }), 'read')).toBe('retryable');
    expect(kind(apiError('unavailable', 'x', { status: 503 }))).toBe('retryable');
    expect(kind(apiError('unavailable', 'x', { status: 504 }))).toBe('ambiguous');
    expect(kind(apiError('timeout', 'x'))).toBe('ambiguous');
    expect(kind(apiError('network', 'x'), 'read')).toBe('retryable');
    expect(kind(apiError('unauthorized', 'x', { status: 401 }))).toBe('retryable');
    expect(failureFrom(apiError('needs_reconnect', 'refused'), 'write')).toMatchObject({ kind: 'retryable', code: 'NEEDS_RECONNECT' });
    expect(kind(apiError('forbidden', 'x', { status: 403 }))).toBe('permanent');
  });
});
