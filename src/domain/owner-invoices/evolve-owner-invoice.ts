import { assertNever } from '../shared/assert-never.js';
import type { Outbox } from '../shared/outbox.js';
import { answered, deadLettered, emptyOutbox, failed, isAnswer, parked, requestSent, resumed } from '../shared/outbox.js';
import { addMoney, ZERO } from '../shared/money.js';
import type { OwnerInvoiceEvent } from '../documents/document-events.js';
import type { InvoicePurpose } from './owner-invoice.outputs.js';
import type { BooksInvoice, OwnerInvoiceEventInStream, OwnerInvoiceMemory, OwnerInvoiceState } from './owner-invoice.state.js';
import { docOf, factKey, isKnownFact } from './owner-invoice.state.js';

const PURPOSES: readonly InvoicePurpose[] = ['progress', 'retainage-release'];

const absorb = (s: OwnerInvoiceState, e: OwnerInvoiceEvent): OwnerInvoiceState => {
  if (isKnownFact(s, e)) return s;
  if (s.status === 'Tracking') return { ...s, doc: docOf(e), seenFacts: [...s.seenFacts, factKey(e)] };
  const memory: OwnerInvoiceMemory = {
    doc: docOf(e), jobRef: null, retainageApplied: ZERO, heldAfter: ZERO, carried: null, books: { progress: null, 'retainage-release': null },
    syncedVersion: null, voidSynced: false, seenFacts: [factKey(e)], outbox: emptyOutbox,
  };
  return { ...memory, status: 'Tracking' };
};

const edit = (s: OwnerInvoiceState, change: (m: OwnerInvoiceMemory) => Partial<OwnerInvoiceMemory>): OwnerInvoiceState =>
  s.status === 'Tracking' ? { ...s, ...change(s) } : s;

const withOutbox = (s: OwnerInvoiceState, change: (o: Outbox) => Outbox): OwnerInvoiceState => edit(s, (m) => ({ outbox: change(m.outbox) }));

/** The outcome of the request in flight: the invoice it wrote, as the books now hold it. */
const written = (s: OwnerInvoiceState, requestNo: number, update: (before: BooksInvoice | null, version: string) => BooksInvoice): OwnerInvoiceState =>
  edit(s, (m) => {
    const { outbox } = m;
    if (!isAnswer(outbox, requestNo)) return {};
    const purpose = PURPOSES.find((p) => p === outbox.request.subject);
    if (purpose === undefined) return {};
    return { books: { ...m.books, [purpose]: update(m.books[purpose], outbox.request.version) }, outbox: answered(outbox, requestNo) };
  });

const sent = (s: OwnerInvoiceState, e: { type: string; data: { requestNo: number; version: string; purpose?: InvoicePurpose } }): OwnerInvoiceState =>
  withOutbox(s, (o) => requestSent(o, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: e.data.purpose ?? 'job' }));

/** A progress write carries the remap due, if any; its answer settles that remap unless a later one came meanwhile. */
const remapSent = (s: OwnerInvoiceState, e: { data: { purpose?: InvoicePurpose } }): OwnerInvoiceState =>
  edit(s, (m) => (e.data.purpose === 'progress' && m.remapDue !== undefined ? { remapSent: m.remapDue } : {}));

/** Before folding `requestNo`'s answer: whether it answers the progress write. */
const answersProgress = (s: OwnerInvoiceState, requestNo: number): boolean =>
  s.status === 'Tracking' && isAnswer(s.outbox, requestNo) && s.outbox.request.subject === 'progress';

const remapSettled = (after: OwnerInvoiceState, progress: boolean): OwnerInvoiceState =>
  progress ? edit(after, (m) => (m.remapSent !== undefined && m.remapSent === m.remapDue ? { remapDue: undefined, remapSent: undefined } : { remapSent: undefined })) : after;

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolveOwnerInvoice = (s: OwnerInvoiceState, e: OwnerInvoiceEventInStream): OwnerInvoiceState => {
  switch (e.type) {
    case 'OwnerInvoiceSubmitted.v1': case 'OwnerInvoiceApproved.v1': case 'OwnerInvoiceRevised.v1': case 'OwnerInvoiceVoided.v1':
      return absorb(s, e);
    case 'BooksJobResolved.v1':
      return edit(s, (m) => (isAnswer(m.outbox, e.data.requestNo) ? { jobRef: e.data.customerRef, outbox: answered(m.outbox, e.data.requestNo) } : {}));
    case 'InvoicePosted.v1':
      return remapSettled(written(s, e.data.requestNo, (_, version) => ({ invoiceId: e.data.invoiceId, syncToken: e.data.syncToken, docNumber: e.data.docNumber, version, voided: false })),
        answersProgress(s, e.data.requestNo));
    case 'InvoiceUpdated.v1':
      return remapSettled(written(s, e.data.requestNo, (before, version) => ({ invoiceId: e.data.invoiceId, docNumber: before?.docNumber ?? '', syncToken: e.data.syncToken, version, voided: false })),
        answersProgress(s, e.data.requestNo));
    case 'InvoiceVoided.v1':
      return written(s, e.data.requestNo, (before, version) => ({ invoiceId: e.data.invoiceId, docNumber: before?.docNumber ?? '', syncToken: e.data.syncToken, version, voided: true }));
    case 'PostInvoiceRequested.v1': case 'UpdateInvoiceRequested.v1': return sent(remapSent(s, e), e);
    case 'BooksJobResolutionRequested.v1': case 'VoidInvoiceRequested.v1': return sent(s, e);
    case 'MappingRemapApplied.v1': return edit(s, () => ({ remapDue: e.data.version, remapSeen: e.data.version }));
    case 'RetainageHeldChanged.v1':
      return edit(s, (m) => ({ retainageApplied: addMoney(m.retainageApplied, e.data.delta), heldAfter: e.data.heldAfter }));
    case 'OwnerInvoiceChangeOrdersCarried.v1': return edit(s, () => ({ carried: e.data.changeOrders }));
    case 'OwnerInvoiceSynced.v1': return edit(s, () => ({ syncedVersion: e.data.version }));
    case 'OwnerInvoiceVoidSynced.v1': return edit(s, () => ({ voidSynced: true }));
    case 'PostingFailed.v1': return withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'DocumentSyncParked.v1': return withOutbox(s, (o) => parked(o, { reasons: e.data.reasons, message: e.data.message }));
    case 'DocumentSyncResumed.v1': return withOutbox(s, resumed);
    case 'DocumentMappingMissing.v1': case 'MappingChanged.v1': case 'SyncRetryRequested.v1': return s;
    default: return assertNever(e);
  }
};
