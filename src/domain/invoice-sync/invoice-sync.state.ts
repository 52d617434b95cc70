import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';
import { isAnswer, type Outbox } from '../shared/outbox.js';
import type { BooksEntity, InvoiceSyncOutput } from './invoice-sync.outputs.js';

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
  /** Not the hub's: a Buildertrend bill found in the books and linked. The hub never updates or deletes it. */
  readonly matched?: true;
}

export interface SyncMemory {
  readonly doc: InvoiceDoc;
  readonly books: BooksObject | null;
  readonly removed: { readonly entity: BooksEntity; readonly booksId: string } | null;
  /** Learnt from this saga's own vendor and job requests. */
  readonly vendorRef: BooksRef | null;
  readonly jobRef: BooksRef | null;
  /** The request out (or stalled), or the park: the shared one-request-at-a-time model. */
  readonly outbox: Outbox;
  /** The version InvoiceValidated was last recorded for, so it is recorded once per version. */
  readonly validatedVersion: string | null;
  /** `{type}@{version}` of every document event taken in: a redelivery is recognised. */
  readonly seenFacts: readonly string[];
  /**
   * A remap ("update posted") came while a request was out: what that request writes was
   * drafted under the earlier mapping, so the books are rewritten once it lands. Cleared by the
   * next write drafted. Absent in states folded before it existed.
   */
  readonly remapPending?: boolean;
}

/**
 * - Idle: nothing seen yet.
 * - Open: working on the current version; the outbox says whether a request is out, stalled
 *   (dead-lettered, its outcome still awaited after an operator's retry) or parked.
 * - Synced: the books hold the current version. Voided: done; nothing of it is left in the books.
 */
export type InvoiceSyncState =
  | { readonly status: 'Idle' }
  | (SyncMemory & { readonly status: 'Open' | 'Synced' | 'Voided' });

export type ActiveState = Exclude<InvoiceSyncState, { status: 'Idle' }>;

export const initialInvoiceSyncState: InvoiceSyncState = { status: 'Idle' };

export const memoryOf = (s: ActiveState): SyncMemory => ({
  doc: s.doc, books: s.books, removed: s.removed, vendorRef: s.vendorRef, jobRef: s.jobRef,
  outbox: s.outbox, validatedVersion: s.validatedVersion, seenFacts: s.seenFacts,
  ...(s.remapPending === true ? { remapPending: true } : {}),
});

export const factKey = (e: SubcontractorInvoiceEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: InvoiceSyncState, e: SubcontractorInvoiceEvent): boolean =>
  s.status !== 'Idle' && s.seenFacts.includes(factKey(e));

/** The outcome answers the request in flight (or stalled); anything else is stale or a redelivery. */
export const answers = (s: InvoiceSyncState, requestNo: number): s is ActiveState & { readonly outbox: Extract<Outbox, { status: 'in-flight' | 'stalled' }> } =>
  s.status !== 'Idle' && isAnswer(s.outbox, requestNo);

/** Every fact names the invoice and the version it is about. */
export const factOf = (s: SyncMemory): { readonly invoice: DocumentRef; readonly version: string } => ({ invoice: s.doc.ref, version: s.doc.version });
