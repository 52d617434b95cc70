import type { DocumentRef } from '../documents/document-ref.js';
import type { DocumentSyncParked, DocumentSyncResumed, SyncRetryRequested } from '../posting/sync-facts.js';

/**
 * Types the invoice saga wrote before it moved onto the shared park model (issue 12). Stored
 * events are never rewritten, so these are still read: as the shared events, by
 * `upcastInvoiceSyncEvent`, and by name where the store filters on types (the parked
 * finder, alerts, the reconciliation). Nothing writes them any more.
 */
export const LEGACY_INVOICE_SYNC = {
  parked: 'InvoiceSyncParked.v1',
  resumed: 'InvoiceSyncResumed.v1',
  retryRequested: 'InvoiceSyncRetryRequested.v1',
} as const;

type Legacy = (typeof LEGACY_INVOICE_SYNC)[keyof typeof LEGACY_INVOICE_SYNC];
interface Message { readonly type: string; readonly data: unknown }

/** The old facts named their document `invoice`; the shared ones name it `document`. */
const renamed = (data: unknown): Record<string, unknown> => {
  const { invoice, ...rest } = (data ?? {}) as { invoice?: DocumentRef } & Record<string, unknown>;
  return { document: invoice, ...rest };
};

const UPCAST: Readonly<Record<Legacy, (data: unknown) => DocumentSyncParked | DocumentSyncResumed | SyncRetryRequested>> = {
  'InvoiceSyncParked.v1': (data) => ({ type: 'DocumentSyncParked.v1', data: renamed(data) as DocumentSyncParked['data'] }),
  'InvoiceSyncResumed.v1': (data) => ({ type: 'DocumentSyncResumed.v1', data: renamed(data) as DocumentSyncResumed['data'] }),
  'InvoiceSyncRetryRequested.v1': (data) => ({ type: 'SyncRetryRequested.v1', data: data as SyncRetryRequested['data'] }),
};

const isLegacy = (type: string): type is Legacy => Object.hasOwn(UPCAST, type);

/** A stored event of the invoice saga's stream as the saga reads it today: legacy types become the shared ones. */
export const upcastInvoiceSyncEvent = <M extends Message>(event: M): M | DocumentSyncParked | DocumentSyncResumed | SyncRetryRequested =>
  isLegacy(event.type) ? UPCAST[event.type](event.data) : event;
