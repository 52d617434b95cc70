import type { BooksPaymentSnapshot } from '../documents/snapshots.js';
import type { BooksChart } from '../mapping/mapping.types.js';
import type { BooksResult } from './books-result.js';
import type {
  BooksPosting, BooksSystem, BooksWritten, EmployeeLink, EstimateAmended, EstimateAmendment, ExistingDocument, JobQuery, PartyResolved, Retirement,
  TimeEntryNeeds, VendorDocumentHeld, VendorDocumentPosting, VendorDocumentQuery, VendorQuery,
} from './books-vocabulary.js';

/** One call's context: whose books, the key every write carries (redelivery replays), and its deadline. */
export interface BooksCall {
  readonly connection: string;
  /** The request's event id: QuickBooks `requestid`, Xero `Idempotency-Key`, a QBD request's marker. */
  readonly idempotencyKey: string;
  /** Aborted when the call's time limit passes: a write then counts as ambiguous. */
  readonly signal: AbortSignal;
}

/** Several creates in one call where the books allow it; one result per item, in order. */
export interface BooksBatch {
  readonly idempotencyKey: string;
  readonly signal: AbortSignal;
  readonly items: ReadonlyArray<{ readonly connection: string; readonly posting: VendorDocumentPosting }>;
}

/**
 * What the sagas look up in the books while deciding (before any request): read-only, cached
 * by the caller. A passing outage throws `BooksLookupUnavailableError`; not found is null.
 */
export interface BooksLookups {
  /** Optional: what a time entry needs from the mapping; absent, a service item per cost code (SERVICE_ITEM_TIME). */
  readonly timeEntries?: TimeEntryNeeds;
  /** An active employee by display name, with the rate an hour is billed at. */
  findEmployee(connection: string, name: string): Promise<EmployeeLink | null>;
  /** The estimate holding a prime contract's schedule of values, by any of its numbers (oldest first). */
  findEstimate(connection: string, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null>;
  /**
   * Optional: the bills and vendor credits the books hold from the vendor under the number
   * (a Buildertrend bill its native sync may have written). Absent: the books cannot be
   * searched so, and such bills park as "not supported".
   */
  findVendorDocuments?(connection: string, query: VendorDocumentQuery): Promise<readonly VendorDocumentHeld[]>;
}

/**
 * The accounting side. QuickBooks Online implements it now; Xero and QuickBooks Desktop are
 * one more implementation each, chosen by the connection's books system.
 *
 * Every write is at most once per `call.idempotencyKey`, and each `find*` answers, after an
 * ambiguous failure (a lost answer, a restart mid-call), whether that write happened — by the
 * hub's marker in the document's note, or the version it carries — without writing:
 * the written value when it did, null when it did not.
 */
export interface BooksPort extends BooksLookups {
  readonly system: BooksSystem;
  /** The rate-limit and breaker key, `{system}:{company}` (e.g. `quickbooks:{realmId}`); never throws. */
  target(connection: string): string;

  resolveVendor(call: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved>>;
  findVendor(call: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved | null>>;
  resolveJob(call: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved>>;
  findJob(call: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved | null>>;

  /** Creates the document; a number the books already hold for this very posting (by marker) is success. */
  post(call: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten>>;
  findPosted(call: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>>;
  /** Optional: bills and vendor credits several to a call. */
  postBatch?(batch: BooksBatch): Promise<ReadonlyArray<BooksResult<BooksWritten>>>;

  /** A full update: every field of `posting`, its lines replacing the old ones (a line with its id keeps it). */
  update(call: BooksCall, existing: ExistingDocument, posting: BooksPosting): Promise<BooksResult<BooksWritten>>;
  findUpdated(call: BooksCall, existing: ExistingDocument, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>>;

  /** Deleted, voided or closed; already so (or gone) is success. */
  retire(call: BooksCall, existing: ExistingDocument, how: Retirement): Promise<BooksResult<BooksWritten>>;
  findRetired(call: BooksCall, existing: ExistingDocument, how: Retirement): Promise<BooksResult<BooksWritten | null>>;

  amendEstimate(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>>;
  findEstimateAmended(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>>;

  /** Accounts, items, classes (tracking), customers: what `mapping check` validates against. Throws when unreadable. */
  readChart(connection: string): Promise<BooksChart>;
  /** One payment made or received in the books, as the hub records it; null when the books have none by that id. */
  readPayment(connection: string, kind: BooksPaymentSnapshot['kind'], id: string): Promise<BooksResult<BooksPaymentSnapshot | null>>;
}

/** The port for a connection, chosen by its books system; undefined when no adapter serves it. */
export interface BooksPorts {
  for(connection: string): BooksPort | undefined;
}
