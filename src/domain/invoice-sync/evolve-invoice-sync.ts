import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import { answered, deadLettered, emptyOutbox, failed, parked, requestSent, resumed, type PendingRequest } from '../shared/outbox.js';
import type { InvoiceSyncOutput, InvoiceSyncRequest } from './invoice-sync.outputs.js';
import type { ActiveState, InvoiceDoc, InvoiceSyncEvent, InvoiceSyncState, SyncMemory } from './invoice-sync.state.js';
import { answers, factKey, isKnownFact, memoryOf } from './invoice-sync.state.js';

/** Procore statuses that mean the invoice may be posted. */
const APPROVED = new Set(['approved', 'approved_as_noted']);

const docOf = (e: SubcontractorInvoiceEvent, previous: InvoiceDoc | null): InvoiceDoc => ({
  ref: e.data.ref,
  version: e.data.version,
  snapshot: e.data.snapshot,
  approved: e.type === 'SubcontractorInvoiceApproved.v1' || APPROVED.has(e.data.snapshot.status),
  voided: previous?.voided === true || e.type === 'SubcontractorInvoiceVoided.v1' || e.data.snapshot.status === 'deleted',
});

const absorbDocument = (s: InvoiceSyncState, e: SubcontractorInvoiceEvent): InvoiceSyncState => {
  if (s.status === 'Voided' || isKnownFact(s, e)) return s;
  if (s.status === 'Idle') {
    const memory: SyncMemory = {
      doc: docOf(e, null), books: null, removed: null, vendorRef: null, jobRef: null, outbox: emptyOutbox, validatedVersion: null, seenFacts: [factKey(e)],
    };
    return { ...memory, status: 'Open' };
  }
  return { ...memoryOf(s), doc: docOf(e, s.doc), seenFacts: [...s.seenFacts, factKey(e)], status: 'Open' };
};

/** The outcome of the request in flight (or stalled): the outbox is ready again, with what the outcome taught. */
const complete = (s: InvoiceSyncState, requestNo: number, learn: (m: SyncMemory, r: PendingRequest) => SyncMemory): InvoiceSyncState =>
  answers(s, requestNo) ? { ...learn(memoryOf(s), s.outbox.request), outbox: answered(s.outbox, requestNo), status: 'Open' } : s;

const withOutbox = (s: InvoiceSyncState, change: (o: SyncMemory['outbox']) => SyncMemory['outbox']): InvoiceSyncState =>
  s.status === 'Idle' ? s : { ...s, outbox: change(s.outbox) };

/** The requests that write the invoice to the books: each is drafted with the mapping in force. */
const WRITES = new Set<InvoiceSyncRequest['type']>([
  'PostBillRequested.v1', 'UpdateBillRequested.v1', 'DeleteBillRequested.v1', 'PostVendorCreditRequested.v1', 'UpdateVendorCreditRequested.v1', 'DeleteVendorCreditRequested.v1',
]);

const startRequest = (s: InvoiceSyncState, e: InvoiceSyncRequest): InvoiceSyncState => {
  if (s.status === 'Idle' || s.status === 'Voided') return s;
  const request: PendingRequest = { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'invoice' };
  const { remapPending, ...memory } = memoryOf(s);
  const stillPending = remapPending === true && !WRITES.has(e.type) ? { remapPending: true } : {};
  return { ...memory, ...stillPending, outbox: requestSent(s.outbox, request), status: 'Open' };
};

/** A remap that finds a request out is remembered, to be redone when the request lands (decideInvoiceSync's onOutcome). */
const noteRemap = (s: InvoiceSyncState, e: Extract<InvoiceSyncEvent, { type: 'MappingRemapApplied.v1' }>): InvoiceSyncState => {
  if (e.data.posted !== 'update' || s.status !== 'Open' || (s.outbox.status !== 'in-flight' && s.outbox.status !== 'stalled')) return s;
  return { ...s, remapPending: true };
};

const foldFact = (s: ActiveState, e: Exclude<InvoiceSyncOutput, InvoiceSyncRequest>): InvoiceSyncState => {
  switch (e.type) {
    case 'InvoiceMatchedInBooks.v1': {
      const { entity, booksId: id, syncToken, docNumber, version } = e.data;
      return { ...s, books: { entity, id, syncToken, docNumber, version, matched: true } };
    }
    case 'InvoiceValidated.v1': return { ...s, validatedVersion: e.data.version };
    case 'MappingMissing.v1': case 'ValidationFailed.v1': return s;
    // A dead-lettered request stays stalled: its outcome may still come.
    case 'DocumentSyncParked.v1': return { ...s, outbox: parked(s.outbox, { reasons: e.data.reasons, message: e.data.message }) };
    case 'DocumentSyncResumed.v1': return { ...s, outbox: resumed(s.outbox) };
    case 'InvoiceSynced.v1': return { ...memoryOf(s), status: 'Synced' };
    case 'InvoiceVoidSynced.v1': return { ...memoryOf(s), status: 'Voided' };
    default: return assertNever(e);
  }
};

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolveInvoiceSync = (s: InvoiceSyncState, e: InvoiceSyncEvent): InvoiceSyncState => {
  switch (e.type) {
    case 'SubcontractorInvoiceSubmitted.v1': case 'SubcontractorInvoiceApproved.v1':
    case 'SubcontractorInvoiceRevised.v1': case 'SubcontractorInvoiceVoided.v1':
      return absorbDocument(s, e);
    case 'BooksVendorResolved.v1': return complete(s, e.data.requestNo, (m) => ({ ...m, vendorRef: e.data.vendorRef }));
    case 'BooksJobResolved.v1': return complete(s, e.data.requestNo, (m) => ({ ...m, jobRef: e.data.customerRef }));
    case 'BillPosted.v1': case 'VendorCreditPosted.v1': {
      const entity = e.type === 'BillPosted.v1' ? 'Bill' : 'VendorCredit';
      const id = e.type === 'BillPosted.v1' ? e.data.billId : e.data.vendorCreditId;
      return complete(s, e.data.requestNo, (m, r) => ({ ...m, books: { entity, id, syncToken: e.data.syncToken, docNumber: e.data.docNumber, version: r.version } }));
    }
    case 'BillUpdated.v1': case 'VendorCreditUpdated.v1':
      return complete(s, e.data.requestNo, (m, r) => ({ ...m, books: m.books && { ...m.books, syncToken: e.data.syncToken, version: r.version } }));
    case 'BillDeleted.v1': return complete(s, e.data.requestNo, (m) => ({ ...m, books: null, removed: { entity: 'Bill', booksId: e.data.billId } }));
    case 'VendorCreditDeleted.v1':
      return complete(s, e.data.requestNo, (m) => ({ ...m, books: null, removed: { entity: 'VendorCredit', booksId: e.data.vendorCreditId } }));
    case 'PostingFailed.v1': return e.data.retryable ? s : withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'MappingRemapApplied.v1': return noteRemap(s, e);
    case 'MappingChanged.v1': case 'SyncRetryRequested.v1': return s;
    case 'ResolveVendorRequested.v1': case 'ResolveJobRequested.v1': case 'PostBillRequested.v1': case 'UpdateBillRequested.v1':
    case 'DeleteBillRequested.v1': case 'PostVendorCreditRequested.v1': case 'UpdateVendorCreditRequested.v1': case 'DeleteVendorCreditRequested.v1':
      return startRequest(s, e);
    default: return s.status === 'Idle' ? s : foldFact(s, e);
  }
};
