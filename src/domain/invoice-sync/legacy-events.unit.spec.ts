import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { InvoiceSyncEvent } from './invoice-sync.state.js';
import { CONTEXT, given, invoiceEvent, REF } from './invoice-sync.fixtures.js';
import { upcastInvoiceSyncEvent } from './legacy-events.js';

const approved = invoiceEvent('Approved', 'v1');
const message = "Invoice NSM-1077 can't post: no mapping has been imported for this connection.";
/** A saga stream as stored before issue 12: the park and resume facts under the invoice saga's own names. */
const stored = [
  approved,
  { type: 'InvoiceSyncParked.v1', data: { invoice: REF, version: 'v1', reasons: ['mapping-missing'], message } },
];
const read = (events: readonly { type: string; data: unknown }[]): InvoiceSyncEvent[] => events.map((e) => upcastInvoiceSyncEvent(e) as InvoiceSyncEvent);

describe('invoice sync: streams stored before the shared park model', () => {
  it('reads InvoiceSyncParked.v1 as the shared DocumentSyncParked.v1, naming the invoice as its document', () => {
    expect(read(stored)[1]).toEqual({ type: 'DocumentSyncParked.v1', data: { document: REF, version: 'v1', reasons: ['mapping-missing'], message } });
    expect(given(read(stored)).state()).toMatchObject({ status: 'Open', outbox: { status: 'parked', park: { reasons: ['mapping-missing'], message } } });
  });

  it('resumes an invoice parked under the old name when the mapping is imported, with the shared resume fact', () => {
    const outputs = given(read(stored)).when({ type: 'MappingChanged.v1', data: { version: 1, changedAt: '2026-05-03T10:00:00Z' } }, { ...CONTEXT, mapping: EXAMPLE_MAPPING });
    expect(outputs.map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'InvoiceValidated.v1', 'PostBillRequested.v1']);
  });

  it('reads an old resume and an old retry request as the shared ones, and leaves every other event as it is', () => {
    const resumed = { type: 'InvoiceSyncResumed.v1', data: { invoice: REF, version: 'v1', cause: 'mapping-changed' } };
    const retry = { type: 'InvoiceSyncRetryRequested.v1', data: { requestedBy: 'ap@keystone.example', requestedAt: '2026-05-04T08:00:00Z' } };
    expect(read([resumed, retry])).toEqual([
      { type: 'DocumentSyncResumed.v1', data: { document: REF, version: 'v1', cause: 'mapping-changed' } },
      { type: 'SyncRetryRequested.v1', data: retry.data },
    ]);
    expect(given(read([...stored, resumed])).state()).toMatchObject({ outbox: { status: 'ready' } });
    expect(upcastInvoiceSyncEvent(approved)).toBe(approved);
  });
});
