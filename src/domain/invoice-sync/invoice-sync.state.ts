import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';
import type { BooksEntity, InvoiceSyncOutput, InvoiceSyncRequest, ParkReason } from './invoice-sync.outputs.js';

/** The saga's stream holds its inputs and its outputs; evolve folds both. */
export type InvoiceSyncEvent = InvoiceSyncInput | InvoiceSyncOutput;

/** The latest version of the invoice seen. Voided is for good: a void is never undone. */
export interface InvoiceDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: SubcontractorInvoiceSnapshot;
  readonly approved: boolean;
  readonly voided: boolean;
}

/** What the hub wrote to the books, and which invoice version it reflects. */
export interface BooksObject {
  readonly entity: BooksEntity;
  readonly id: string;
  readonly syncToken: string;
  readonly docNumber: string;
  readonly version: string;
}

export interface PendingRequest {
  readonly requestNo: number;
  readonly type: InvoiceSyncRequest['type'];
  readonly version: string;
}

export interface Park {
  readonly reasons: readonly ParkReason[];
  readonly message: string;
}

export interface SyncMemory {
  readonly doc: InvoiceDoc;
  readonly books: BooksObject | null;
  readonly removed: { readonly entity: BooksEntity; readonly booksId: string } | null;
  /** Learnt from this saga's own vendor and job requests. */
  readonly vendorRef: BooksRef | null;
  readonly jobRef: BooksRef | null;
  readonly lastRequestNo: number;
  /** The version InvoiceValidated was last recorded for, so it is recorded once per version. */
  readonly validatedVersion: string | null;
  /** `{type}@{version}` of every document event taken in: a redelivery is recognised. */
  readonly seenFacts: readonly string[];
}

/**
 * - Idle: nothing seen yet.
 * - Open: nothing in flight; waiting for approval, or about to request the next step.
 * - InFlight: one request is out; inputs meanwhile only update the invoice, applied after the outcome.
 * - Stalled: that request was dead-lettered; its outcome is still awaited (an operator retries it).
 * - Parked: can't proceed until the invoice, the mapping or a retry changes something.
 * - Synced: the books hold the current version. Voided: done; nothing of it is left in the books.
 */
export type InvoiceSyncState =
  | { readonly status: 'Idle' }
  | (SyncMemory & { readonly status: 'Open' })
  | (SyncMemory & { readonly status: 'InFlight'; readonly request: PendingRequest })
  | (SyncMemory & { readonly status: 'Stalled'; readonly request: PendingRequest })
  | (SyncMemory & { readonly status: 'Parked'; readonly park: Park })
  | (SyncMemory & { readonly status: 'Synced' })
  | (SyncMemory & { readonly status: 'Voided' });

export type ActiveState = Exclude<InvoiceSyncState, { status: 'Idle' }>;

export const initialInvoiceSyncState: InvoiceSyncState = { status: 'Idle' };

export const memoryOf = (s: ActiveState): SyncMemory => ({
  doc: s.doc, books: s.books, removed: s.removed, vendorRef: s.vendorRef, jobRef: s.jobRef,
  lastRequestNo: s.lastRequestNo, validatedVersion: s.validatedVersion, seenFacts: s.seenFacts,
});

export const factKey = (e: SubcontractorInvoiceEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: InvoiceSyncState, e: SubcontractorInvoiceEvent): boolean =>
  s.status !== 'Idle' && s.seenFacts.includes(factKey(e));

/** The outcome answers the request in flight (or stalled); anything else is stale or a redelivery. */
export const answers = (s: InvoiceSyncState, requestNo: number): s is Extract<ActiveState, { status: 'InFlight' | 'Stalled' }> =>
  (s.status === 'InFlight' || s.status === 'Stalled') && s.request.requestNo === requestNo;

/** Every fact names the invoice and the version it is about. */
export const factOf = (s: SyncMemory): { readonly invoice: DocumentRef; readonly version: string } => ({ invoice: s.doc.ref, version: s.doc.version });
