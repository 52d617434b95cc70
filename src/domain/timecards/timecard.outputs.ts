import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type {
  BooksJobResolutionRequested, DocumentMappingMissing, DocumentSyncParked, DocumentSyncResumed, RequestBase,
} from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** The job cost of an entry: its hours at the employee's cost rate, on the entry's cost code and type. */
export interface LabourCost {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
  readonly amount: Cents;
}

/** Everything the dispatcher needs to write the TimeActivity; no lookups left. */
export interface TimeActivityDraft {
  readonly employeeRef: BooksRef;
  readonly txnDate: string;
  readonly hours: number;
  readonly minutes: number;
  /** The Customer:Job. */
  readonly customerRef: BooksRef;
  /** The service item mapped for the entry's cost code and type; null when the books need none (a Xero task per cost code). */
  readonly itemRef: BooksRef | null;
  /** The entry's cost code and type (drafts written before they were carried have none: their labour or item says it). */
  readonly costCode?: string;
  readonly costType?: string | null;
  readonly classRef: BooksRef | null;
  readonly billableStatus: 'Billable' | 'NotBillable';
  /** Decimal string; set when billable (QBO requires it then). */
  readonly hourlyRate: string | null;
  /** Decimal string (QBO CostRate); null when the employee has none in the books. Drafts written before it had none. */
  readonly costRate?: string | null;
  /** hours × costRate where the reconciliation and job cost count it; null without a cost rate. */
  readonly labour?: LabourCost | null;
  /** Starts with `hubMarker` (a TimeActivity has no PrivateNote), then the entry's description. */
  readonly description: string;
  readonly hubMarker: string;
}

interface Existing {
  readonly timeActivityId: string;
  readonly lastKnownSyncToken: string;
}

export type PostTimeActivityRequested = Msg<'PostTimeActivityRequested.v1', RequestBase & TimeActivityDraft>;
export type UpdateTimeActivityRequested = Msg<'UpdateTimeActivityRequested.v1', RequestBase & TimeActivityDraft & Existing>;
export type DeleteTimeActivityRequested = Msg<'DeleteTimeActivityRequested.v1', RequestBase & Existing>;

export type TimecardRequest = BooksJobResolutionRequested | PostTimeActivityRequested | UpdateTimeActivityRequested | DeleteTimeActivityRequested;

interface FactBase {
  readonly document: RequestBase['document'];
  readonly version: string;
}

/** The books hold this version of the entry. */
export type TimecardSynced = Msg<'TimecardSynced.v1', FactBase & { timeActivityId: string; hours: number; minutes: number }>;
/** The entry was rejected or deleted, and its TimeActivity (if any) is gone. */
export type TimecardVoidSynced = Msg<'TimecardVoidSynced.v1', FactBase & { deletedTimeActivityId: string | null }>;

/**
 * The entry posts without a labour cost: neither the mapping's rate table nor the books have a
 * rate for its worker or cost code, so job cost and reconciliation miss its hours. A warning
 * (the operator's alert), not a park: the hours still belong in the books.
 */
export type TimecardLabourUncosted = Msg<'TimecardLabourUncosted.v1', FactBase & { employeeId: string; employeeName: string; message: string }>;

export type TimecardFact = TimecardSynced | TimecardVoidSynced | TimecardLabourUncosted | DocumentMappingMissing | DocumentSyncParked | DocumentSyncResumed;

export type TimecardOutput = TimecardRequest | TimecardFact;
