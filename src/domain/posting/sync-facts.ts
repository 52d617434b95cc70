import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksRef } from '../shared/books-ref.js';
import { parkForFailure, type Failure, type Outbox, type ParkReason } from '../shared/outbox.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * Messages every document-to-books saga shares (change orders, commitments, owner invoices,
 * payments, timecards). Each names its document (`document`) and the version it is about, so
 * one alert handler serves them all; the document's type tells the sagas apart.
 */
interface FactBase {
  readonly document: DocumentRef;
  readonly version: string;
}

/** Requests are numbered per saga instance; the dispatcher echoes `requestNo` in every outcome. */
export interface RequestBase extends FactBase {
  readonly requestNo: number;
}

export interface UnmappedCostCode {
  readonly costCode: string;
  readonly costType: string | null;
  readonly lineIds: readonly string[];
}

export type ResumeCause = 'revised' | 'mapping-changed' | 'retry-requested' | 'request-completed';

/** `jobMissingFor`: the project id when the mapping has no Customer:Job for it. */
export type DocumentMappingMissing = Msg<'DocumentMappingMissing.v1', FactBase & { costCodes: readonly UnmappedCostCode[]; jobMissingFor: string | null; message: string }>;
/** This document waits (others keep flowing); the message says what to fix. */
export type DocumentSyncParked = Msg<'DocumentSyncParked.v1', FactBase & { reasons: readonly ParkReason[]; message: string }>;
export type DocumentSyncResumed = Msg<'DocumentSyncResumed.v1', FactBase & { cause: ResumeCause }>;

/** Someone asked a parked saga to try again (an operator, or the runner after a link was added). */
export type SyncRetryRequested = Msg<'SyncRetryRequested.v1', { requestedBy: string; requestedAt: string }>;

/**
 * Find (or create, per `match`) the books vendor for a Procore vendor, and the Customer:Job
 * for a project. The same work as invoice-sync's ResolveVendorRequested/ResolveJobRequested,
 * which name their document `invoice`; the answers are the same `BooksVendorResolved.v1` and
 * `BooksJobResolved.v1`.
 */
export type BooksVendorResolutionRequested = Msg<'BooksVendorResolutionRequested.v1', RequestBase & { vendorId: string; displayName: string; match: 'lookup-or-create' | 'lookup-only' }>;
export type BooksJobResolutionRequested = Msg<'BooksJobResolutionRequested.v1', RequestBase & { projectId: string; parentCustomerRef: BooksRef; jobName: string }>;

export type DocumentSyncFact = DocumentMappingMissing | DocumentSyncParked | DocumentSyncResumed;

/** The shared facts' type names, for routing lists (the parked finder, alerts, projections). */
export const SYNC_FACT = {
  mappingMissing: 'DocumentMappingMissing.v1',
  parked: 'DocumentSyncParked.v1',
  resumed: 'DocumentSyncResumed.v1',
} as const satisfies Record<string, DocumentSyncFact['type']>;

/**
 * `trestle:{connection}:{documentType}-{id}:{version}`: written into what the hub creates in
 * the books (PrivateNote, or Description where there is none), so an ambiguous failure can be
 * resolved by looking the object up instead of writing it twice.
 */
export const hubMarkerOf = (document: DocumentRef, version: string): string =>
  `trestle:${document.connection}:${document.type}-${document.externalId}:${version}`;

/**
 * A saga instance's stream, in the invoice saga's form (`{connection}.saga.invoice_sync-{id}`):
 * `{connection}.saga.{saga}-{documentType}-{id}`, e.g.
 * `keystone.saga.change_order-commitment_change_order-91001`. The prefix
 * `{connection}.saga.{saga}-` finds a saga's instances (parked ones on a mapping change).
 */
export const instanceStreamOf = (saga: SagaName, document: DocumentRef): string =>
  `${document.connection}.saga.${saga}-${document.type}-${document.externalId}`;

/** 'invoice_sync' names its instances `{connection}.saga.invoice_sync-{id}` (invoiceSyncStream), not by instanceStreamOf. */
export type SagaName = 'invoice_sync' | 'change_order' | 'commitment_po' | 'owner_invoice' | 'payment_writeback' | 'timecard_sync' | 'owner_estimate';

/**
 * A dead-lettered request was parked while Stalled; when its outcome comes after all (an
 * operator retried it from the dead letters), the park is over: say so, so alerts clear.
 */
export const resumedAfterStall = (outbox: Outbox, document: DocumentRef, version: string): DocumentSyncResumed[] =>
  outbox.status === 'stalled' ? [{ type: 'DocumentSyncResumed.v1', data: { document, version, cause: 'request-completed' } }] : [];

/** The park a failed outcome calls for, as a fact; nothing when it is retryable or answers another request. */
export const parkedOnFailure = (outbox: Outbox, failure: Failure, doc: { readonly ref: DocumentRef; readonly version: string }, what: string): DocumentSyncParked[] => {
  const park = parkForFailure(outbox, failure, what);
  return park === null ? [] : [{ type: 'DocumentSyncParked.v1', data: { document: doc.ref, version: doc.version, ...park } }];
};

/** A retry resumes any park; a mapping change only a park that waits for the mapping. */
export const resumesPark = (outbox: Outbox, cause: ResumeCause): boolean =>
  outbox.status === 'parked' && (cause !== 'mapping-changed' || outbox.park.reasons.includes('mapping-missing'));
