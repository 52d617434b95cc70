import type { BooksOutcome, InvoiceSyncRequest } from '../../domain/invoice-sync/index.js';
import type { TimeActivityOutcome, TimecardRequest } from '../../domain/timecards/index.js';
import { SYNC_FACT } from '../../domain/posting/sync-facts.js';
import { cents, int, list, obj, str, type Json } from '../shared/read-json.js';
import type { CostAmount, OpenRequest, Posting, PostingMode, QuarantineReason, SyncSide } from './recon-doc.js';

/** Requests that write or remove a books object; any other `*Requested.v1` with a requestNo is a lookup. */
type RequestKind = { readonly op: 'write' | 'delete'; readonly entity: string };
const REQUESTS: Readonly<Record<string, RequestKind>> = ({
  'PostBillRequested.v1': { op: 'write', entity: 'Bill' },
  'UpdateBillRequested.v1': { op: 'write', entity: 'Bill' },
  'DeleteBillRequested.v1': { op: 'delete', entity: 'Bill' },
  'PostVendorCreditRequested.v1': { op: 'write', entity: 'VendorCredit' },
  'UpdateVendorCreditRequested.v1': { op: 'write', entity: 'VendorCredit' },
  'DeleteVendorCreditRequested.v1': { op: 'delete', entity: 'VendorCredit' },
  'PostTimeActivityRequested.v1': { op: 'write', entity: 'TimeActivity' },
  'UpdateTimeActivityRequested.v1': { op: 'write', entity: 'TimeActivity' },
  'DeleteTimeActivityRequested.v1': { op: 'delete', entity: 'TimeActivity' },
}) satisfies Partial<Record<(InvoiceSyncRequest | TimecardRequest)['type'], RequestKind>>;

/** Outcomes that say the books object now stands as the request wrote it, and where its id is. */
export const WRITE_OUTCOMES: Readonly<Record<string, { entity: string; idField: string }>> = ({
  'BillPosted.v1': { entity: 'Bill', idField: 'billId' },
  'BillUpdated.v1': { entity: 'Bill', idField: 'billId' },
  'VendorCreditPosted.v1': { entity: 'VendorCredit', idField: 'vendorCreditId' },
  'VendorCreditUpdated.v1': { entity: 'VendorCredit', idField: 'vendorCreditId' },
  'TimeActivityPosted.v1': { entity: 'TimeActivity', idField: 'timeActivityId' },
  'TimeActivityUpdated.v1': { entity: 'TimeActivity', idField: 'timeActivityId' },
}) satisfies Partial<Record<(BooksOutcome | TimeActivityOutcome)['type'], unknown>>;
const DELETE_OUTCOMES: ReadonlySet<string> = new Set(['BillDeleted.v1', 'VendorCreditDeleted.v1', 'TimeActivityDeleted.v1'] satisfies readonly (BooksOutcome | TimeActivityOutcome)['type'][]);

/** Job cost sign of a books entity: a bill adds cost, a vendor credit takes it back; others are not cost. */
const COST_SIGN: Readonly<Record<string, number>> = { bill: 1, vendorcredit: -1, timeactivity: 1 };
export const costSign = (entity: string): number => COST_SIGN[entity.toLowerCase()] ?? 0;

const PARK_REASONS: Readonly<Record<string, QuarantineReason>> = {
  'mapping-missing': 'mapping_missing', 'validation-failed': 'validation_failed', 'books-rejected': 'books_rejected', 'dead-lettered': 'dead_lettered',
};

const MODES = new Set<string>(['negative-line', 'gross-open', 'net-only']);

/** The draft's cost lines (not its retainage line), signed by the entity's job-cost direction. */
const draftLines = (data: Json, sign: number): CostAmount[] => list(data.lines).flatMap((value) => {
  const line = obj(value);
  const source = obj(line?.source);
  const costCode = str(source?.costCode);
  if (!line || !costCode || (line.role !== undefined && line.role !== 'cost')) return [];
  return [{ costCode, costType: str(source?.costType) ?? '', amount: sign * cents(line.amount), retainage: 0 }];
});

/**
 * A TimeActivity draft's labour cost (hours × the employee's cost rate) as its one cost line;
 * none when the employee had no cost rate, or for drafts written before labour was costed.
 */
const labourLines = (data: Json): CostAmount[] => {
  const labour = obj(data.labour);
  const costCode = str(labour?.costCode);
  return labour && costCode ? [{ costCode, costType: str(labour.costType) ?? '', amount: cents(labour.amount), retainage: 0 }] : [];
};

const requestOf = (type: string, data: Json, requestNo: number): OpenRequest => {
  const known = REQUESTS[type];
  if (!known) return { requestNo, op: 'other', entity: null, version: str(data.version) ?? null, mode: null, lines: [], total: 0 };
  if (known.entity === 'TimeActivity') {
    const lines = known.op === 'write' ? labourLines(data) : [];
    return { requestNo, op: known.op, entity: known.entity, version: str(data.version) ?? null, mode: null, lines, total: lines.reduce((s, l) => s + l.amount, 0) };
  }
  const sign = costSign(known.entity);
  const mode = str(obj(data.retainage)?.mode);
  return {
    requestNo, op: known.op, entity: known.entity, version: str(data.version) ?? null,
    mode: mode && MODES.has(mode) ? (mode as PostingMode) : null,
    lines: known.op === 'write' ? draftLines(data, sign) : [], total: sign * cents(data.total),
  };
};

const close = (s: SyncSide, requestNo: number): SyncSide => ({ ...s, open: s.open.filter((r) => r.requestNo !== requestNo) });

/** An answer to request `requestNo`: it is no longer open, and a write or delete moves the books side. */
const answer = (s: SyncSide, type: string, data: Json, requestNo: number): SyncSide => {
  const request = s.open.find((r) => r.requestNo === requestNo);
  const closed = close(s, requestNo);
  const write = WRITE_OUTCOMES[type];
  if (write && request?.op === 'write') {
    const id = str(data[write.idField]) ?? s.books?.id ?? '';
    const books = { entity: write.entity, id, version: request.version, mode: request.mode, lines: request.lines, total: request.total };
    return { ...closed, books, booksChange: null };
  }
  if (DELETE_OUTCOMES.has(type)) return { ...closed, books: null, booksChange: null };
  return closed;
};

const quarantineOf = (type: string, data: Json): SyncSide['quarantine'] | undefined => {
  const message = str(data.message) ?? '';
  if (type === 'MappingMissing.v1') return { reason: 'mapping_missing', message };
  if (type === 'ValidationFailed.v1') return { reason: 'validation_failed', message: `${str(data.field) ?? ''}: ${message}` };
  if (type.endsWith('Parked.v1')) return { reason: PARK_REASONS[str(list(data.reasons)[0]) ?? ''] ?? 'parked', message };
  return undefined;
};

/** What an owner invoice's saga says accounts receivable carry for it (synced), or nothing any more (voided). */
const receivableOf = (type: string, data: Json): SyncSide['receivable'] | undefined => {
  if (type === 'OwnerInvoiceVoidSynced.v1') return null;
  if (type !== 'OwnerInvoiceSynced.v1') return undefined;
  const invoiceIds = [str(data.progressInvoiceId), str(data.releaseInvoiceId)].filter((id): id is string => id !== undefined);
  return { total: cents(data.total), invoiceIds };
};

/** Still waiting on the same request: a retryable failure is recorded for the audit only; a dead letter may yet be retried. */
const stillOpen = (type: string, data: Json): boolean =>
  (type === 'PostingFailed.v1' && data.retryable === true) || type === 'PostingDeadLettered.v1';

/**
 * The shared park facts of the other document-to-books sagas (commitments, change orders...):
 * the reconciliation compares what the invoice saga posts, so only the invoice's parks count.
 */
const isOtherSagasPark = (type: string, payload: Json): boolean =>
  (type === SYNC_FACT.parked || type === SYNC_FACT.resumed) && str(obj(payload.document)?.type) !== 'subcontractor_invoice';

/** A Buildertrend bill the books already held, linked: what the books hold for the document, as if the hub had written it. */
const matchedPosting = (payload: Json): Posting => {
  const entity = str(payload.entity) ?? 'Bill';
  const sign = costSign(entity);
  const lines = list(payload.lines).flatMap((value) => {
    const line = obj(value);
    const costCode = str(line?.costCode);
    return line && costCode ? [{ costCode, costType: str(line.costType) ?? '', amount: sign * cents(line.amount), retainage: 0 }] : [];
  });
  return { entity, id: str(payload.booksId) ?? '', version: str(payload.version) ?? null, mode: null, lines, total: sign * cents(payload.total) };
};

/** One event of a saga stream (input copy or output) for the document `docKey`. */
export const evolveSagaSide = (s: SyncSide, docKey: string, saga: string, type: string, data: unknown, inputStream: string | undefined): SyncSide => {
  const payload = obj(data) ?? {};
  if (isOtherSagasPark(type, payload)) return s;
  const withSaga = s.sagas.includes(saga) ? s : { ...s, sagas: [...s.sagas, saga] };
  if (inputStream === docKey) {
    const version = str(payload.version) ?? withSaga.seenVersion;
    return version === withSaga.seenVersion ? withSaga : { ...withSaga, seenVersion: version };
  }
  if (type === 'InvoiceMatchedInBooks.v1') return { ...withSaga, books: matchedPosting(payload), booksChange: null, quarantine: null };
  const requestNo = int(payload.requestNo);
  if (requestNo !== undefined && type.endsWith('Requested.v1')) {
    return { ...withSaga, open: [...close(withSaga, requestNo).open, requestOf(type, payload, requestNo)] };
  }
  if (requestNo !== undefined) return stillOpen(type, payload) ? withSaga : answer(withSaga, type, payload, requestNo);
  const receivable = receivableOf(type, payload);
  if (receivable !== undefined) return { ...withSaga, receivable, quarantine: null };
  const quarantine = quarantineOf(type, payload);
  if (quarantine) return { ...withSaga, quarantine };
  if ((type.endsWith('Resumed.v1') || type.endsWith('Synced.v1')) && withSaga.quarantine) return { ...withSaga, quarantine: null };
  return withSaga;
};

/** Dead letters come from the request's outbound stream; a retry or a later final answer clears them. */
export const evolveOutboundSide = (s: SyncSide, type: string, data: unknown, metadata: unknown): SyncSide => {
  const requestId = str(obj(data)?.requestId) ?? str(obj(metadata)?.requestId);
  if (!requestId) return s;
  const listed = s.deadLetters.includes(requestId);
  if (type === 'OutboundDeadLettered.v1') return listed ? s : { ...s, deadLetters: [...s.deadLetters, requestId] };
  const result = str(obj(obj(metadata)?.outbound)?.result);
  const cleared = type === 'OutboundRetryRequested.v1' || result === 'succeeded' || result === 'failed';
  // Most outbound events (queued, attempts) change nothing: the same object comes back, so nothing is recomputed.
  return cleared && listed ? { ...s, deadLetters: s.deadLetters.filter((id) => id !== requestId) } : s;
};

/** A hand edit or deletion of the books object the hub wrote for this document. */
export const evolveBooksSide = (s: SyncSide, type: string, data: unknown): SyncSide => {
  const snapshot = obj(obj(data)?.snapshot);
  const id = str(snapshot?.id);
  if (!s.books || !snapshot || id !== s.books.id) return s;
  if (type === 'BooksObjectDeletedByHand.v1' || snapshot.deleted === true) return { ...s, booksChange: { total: 0, deleted: true } };
  if (type === 'BooksObjectEditedByHand.v1') return { ...s, booksChange: { total: costSign(s.books.entity) * cents(snapshot.totalAmount), deleted: false } };
  return s;
};
