import type { DocumentRef } from '../documents/document-ref.js';
import type { BudgetLineSnapshot } from '../documents/snapshots.js';
import type { MappingChanged, PostingDeadLettered, PostingFailed, Answer } from '../posting/posting-outcomes.js';
import type { DocumentSyncParked, DocumentSyncResumed, RequestBase, SyncRetryRequested } from '../posting/sync-facts.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * A takeoff import's revision as this saga reads it: the file import's own event
 * (adapters/imports `ImportRevisionRecorded.v1`), whose documents are the project's budget
 * lines. One revision is the whole takeoff, so the estimate is written once per file.
 */
export type TakeoffRevisionRecorded = Msg<'ImportRevisionRecorded.v1', {
  connection: string; kind: string; projectId: string; revision: number; sha256: string; receivedAt: string;
  documents: ReadonlyArray<{ readonly type: string; readonly externalId: string; readonly snapshot: unknown }>;
}>;

/** The owner estimate as the books get it: one item line per cost code and type the takeoff costs. */
export interface OwnerEstimateDraft {
  readonly customerRef: BooksRef;
  readonly txnDate: string;
  readonly docNumber: string;
  readonly customerMemo: string;
  readonly privateNote: string;
  readonly hubMarker: string;
  readonly lines: readonly SalesLine[];
  readonly total: Cents;
}

export type PostOwnerEstimateRequested = Msg<'PostOwnerEstimateRequested.v1', RequestBase & OwnerEstimateDraft>;
export type UpdateOwnerEstimateRequested = Msg<'UpdateOwnerEstimateRequested.v1', RequestBase & OwnerEstimateDraft & { estimateId: string; lastKnownSyncToken: string }>;
export type OwnerEstimateRequest = PostOwnerEstimateRequested | UpdateOwnerEstimateRequested;

export type OwnerEstimatePosted = Msg<'OwnerEstimatePosted.v1', Answer & { estimateId: string; syncToken: string; docNumber: string }>;
export type OwnerEstimateUpdated = Msg<'OwnerEstimateUpdated.v1', Answer & { estimateId: string; syncToken: string }>;

/** The books' estimate holds the takeoff of this revision. */
export type OwnerEstimateSynced = Msg<'OwnerEstimateSynced.v1', { document: DocumentRef; version: string; estimateId: string; total: Cents }>;

export type OwnerEstimateInput =
  | TakeoffRevisionRecorded | OwnerEstimatePosted | OwnerEstimateUpdated | PostingFailed | PostingDeadLettered | MappingChanged | SyncRetryRequested;

export type OwnerEstimateOutput = OwnerEstimateRequest | OwnerEstimateSynced | DocumentSyncParked | DocumentSyncResumed;

export type TakeoffLine = Pick<BudgetLineSnapshot, 'costCode' | 'costType' | 'originalBudget'>;

/** The estimate a project's takeoff keeps in the books: a books-side document of the PlanSwift source. */
export const ownerEstimateDocument = (connection: string, projectId: string): DocumentRef =>
  ({ connection, source: 'planswift', type: 'estimate', externalId: projectId });
