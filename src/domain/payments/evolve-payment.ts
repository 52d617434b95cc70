import { assertNever } from '../shared/assert-never.js';
import { ZERO } from '../shared/money.js';
import type { Outbox } from '../shared/outbox.js';
import { answered, deadLettered, emptyOutbox, failed, isAnswer, parked, requestSent, resumed } from '../shared/outbox.js';
import type { BooksPaymentEvent } from './payment.inputs.js';
import type { PaymentRequest } from './payment.outputs.js';
import type { PaymentEntry, PaymentEvent, PaymentMemory, PaymentState, RequestedWrite } from './payment.state.js';
import { factKey, isKnownFact } from './payment.state.js';

const absorb = (s: PaymentState, e: BooksPaymentEvent): PaymentState => {
  if (isKnownFact(s, e)) return s;
  const doc = { ref: e.data.ref, version: e.data.version, snapshot: e.data.snapshot };
  if (s.status === 'Tracking') return { ...s, doc, seenFacts: [...s.seenFacts, factKey(e)] };
  const memory: PaymentMemory = { doc, entries: {}, requested: null, skippedVersion: null, writtenBackVersion: null, seenFacts: [factKey(e)], outbox: emptyOutbox };
  return { ...memory, status: 'Tracking' };
};

const edit = (s: PaymentState, change: (m: PaymentMemory) => Partial<PaymentMemory>): PaymentState =>
  s.status === 'Tracking' ? { ...s, ...change(s) } : s;

const withOutbox = (s: PaymentState, change: (o: Outbox) => Outbox): PaymentState => edit(s, (m) => ({ outbox: change(m.outbox) }));

/** A delete writes nothing: its outcome clears the entry's Procore payment. */
const requestedOf = (e: PaymentRequest): RequestedWrite => (e.type === 'DeleteProcorePaymentRequested.v1'
  ? { entryKey: e.data.entryKey, amount: ZERO, date: '' }
  : { entryKey: e.data.entryKey, amount: e.data.amount, date: e.data.date });

const sent = (s: PaymentState, e: PaymentRequest): PaymentState => edit(s, (m) => ({
  outbox: requestSent(m.outbox, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: e.data.entryKey }),
  requested: requestedOf(e),
}));

/** The Procore write answered: the entry now holds what was written (nothing, after a delete). */
const written = (s: PaymentState, requestNo: number, contractPaymentId: string | null): PaymentState => edit(s, (m) => {
  if (!isAnswer(m.outbox, requestNo) || m.requested === null) return {};
  const { entryKey, amount, date } = m.requested;
  const entry = m.entries[entryKey];
  if (entry === undefined) return { outbox: answered(m.outbox, requestNo), requested: null };
  const procore = contractPaymentId === null ? null : { contractPaymentId, amount, date };
  const next: PaymentEntry = { ...entry, procore };
  return { entries: { ...m.entries, [entryKey]: next }, outbox: answered(m.outbox, requestNo), requested: null };
});

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolvePayment = (s: PaymentState, e: PaymentEvent): PaymentState => {
  switch (e.type) {
    case 'BillPaymentRecorded.v1': case 'BillPaymentChanged.v1': case 'PaymentReceived.v1': case 'PaymentChanged.v1':
      return absorb(s, e);
    case 'BooksPaymentApplied.v1':
      return edit(s, (m) => ({ entries: { ...m.entries, [e.data.entryKey]: { applied: e.data, procore: m.entries[e.data.entryKey]?.procore ?? null } } }));
    case 'RecordProcorePaymentRequested.v1': case 'UpdateProcorePaymentRequested.v1': case 'DeleteProcorePaymentRequested.v1':
      return sent(s, e);
    case 'ProcorePaymentRecorded.v1': case 'ProcorePaymentUpdated.v1': return written(s, e.data.requestNo, e.data.contractPaymentId);
    case 'ProcorePaymentDeleted.v1': return written(s, e.data.requestNo, null);
    case 'PaymentApplicationsSkipped.v1': return edit(s, () => ({ skippedVersion: e.data.version }));
    case 'PaymentWrittenBack.v1': return edit(s, () => ({ writtenBackVersion: e.data.version }));
    case 'PostingFailed.v1': return withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'DocumentSyncParked.v1': return withOutbox(s, (o) => parked(o, { reasons: e.data.reasons, message: e.data.message }));
    case 'DocumentSyncResumed.v1': return withOutbox(s, resumed);
    case 'SyncRetryRequested.v1': return s;
    default: return assertNever(e);
  }
};
