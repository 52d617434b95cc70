import type { Cents } from '../shared/money.js';
import { addMoney, ZERO } from '../shared/money.js';
import { assertNever } from '../shared/assert-never.js';
import type { Failure } from '../shared/outbox.js';
import { isAnswer, nextRequestNo } from '../shared/outbox.js';
import { parkedOnFailure, resumedAfterStall } from '../posting/sync-facts.js';
import type { BooksDocumentLink, BooksPaymentEvent, PaymentContext, PaymentInput, ProcorePaymentOutcome } from './payment.inputs.js';
import type { PaymentOutput } from './payment.outputs.js';
import type { PaymentEntry, PaymentState, TrackingState } from './payment.state.js';
import { entryKeyOf, isKnownFact, originIdOf, paymentLabel } from './payment.state.js';
import { evolvePayment } from './evolve-payment.js';

const proceed = (s: PaymentState, facts: readonly PaymentOutput[]): PaymentOutput[] => {
  const after = facts.reduce(evolvePayment, s);
  return [...facts, ...(after.status === 'Tracking' ? nextPaymentStep(after) : [])];
};

/** What the payment now applies per transaction (several lines on one bill are summed); nothing once deleted. */
const appliedNow = (s: TrackingState): Map<string, { txnId: string; txnType: string; amount: Cents }> => {
  const applied = new Map<string, { txnId: string; txnType: string; amount: Cents }>();
  if (s.doc.snapshot.deleted) return applied;
  for (const a of s.doc.snapshot.appliedTo) {
    const key = entryKeyOf(a.txnType, a.txnId);
    applied.set(key, { txnId: a.txnId, txnType: a.txnType, amount: addMoney(applied.get(key)?.amount ?? ZERO, a.amount) });
  }
  return applied;
};

/** Each hub transaction whose applied amount (or date) moved, and the ones that are not the hub's. */
const applications = (s: TrackingState, ctx: PaymentContext): PaymentOutput[] => {
  const { ref: document, version, snapshot } = s.doc;
  const now = appliedNow(s);
  const linkOf = (key: string): BooksDocumentLink | undefined => ctx.links.find((l) => entryKeyOf(l.txnType, l.txnId) === key);
  const keys = [...new Set([...now.keys(), ...Object.keys(s.entries)])].sort();
  const moved = keys.flatMap((entryKey): PaymentOutput[] => {
    const before = s.entries[entryKey]?.applied;
    const link = linkOf(entryKey) ?? (before && { ...before, document: before.target });
    const amount = now.get(entryKey)?.amount ?? ZERO;
    const unchanged = (before?.amount ?? ZERO) === amount && (amount === 0 || before?.date === snapshot.txnDate);
    if (!link || unchanged) return [];
    const { txnId, txnType, projectId, contractId, invoiceNumber } = link;
    const data = { document, version, entryKey, txnId, txnType, target: link.document, projectId, contractId, invoiceNumber, amount, previousAmount: before?.amount ?? ZERO, date: snapshot.txnDate };
    return [{ type: 'BooksPaymentApplied.v1', data }];
  });
  const skipped = [...now].filter(([key]) => !linkOf(key) && !s.entries[key]).map(([, a]) => a);
  const skip: PaymentOutput[] = skipped.length > 0 && s.skippedVersion !== version ? [{ type: 'PaymentApplicationsSkipped.v1', data: { document, version, skipped } }] : [];
  return [...moved, ...skip];
};

/** The Procore write one entry needs, if any. */
const writeFor = (s: TrackingState, entryKey: string, entry: PaymentEntry): PaymentOutput | null => {
  const { applied, procore } = entry;
  const base = { requestNo: nextRequestNo(s.outbox), document: s.doc.ref, version: s.doc.version, entryKey, originId: originIdOf(s.doc.ref, entryKey) };
  if (applied.amount === 0) {
    return procore === null ? null : { type: 'DeleteProcorePaymentRequested.v1', data: { ...base, contractPaymentId: procore.contractPaymentId, projectId: applied.projectId } };
  }
  if (procore === null) {
    const requisitionId = applied.txnType === 'Bill' ? applied.target.externalId : null;
    const notes = `${paymentLabel(s.doc)} in the books, applied to ${applied.txnType} ${applied.txnId}`;
    const { projectId, contractId, amount, date, invoiceNumber } = applied;
    return { type: 'RecordProcorePaymentRequested.v1', data: { ...base, projectId, contractId, requisitionId, amount, date, invoiceNumber, notes } };
  }
  if (procore.amount === applied.amount && procore.date === applied.date) return null;
  return { type: 'UpdateProcorePaymentRequested.v1', data: { ...base, contractPaymentId: procore.contractPaymentId, projectId: applied.projectId, amount: applied.amount, date: applied.date } };
};

/** One Procore write at a time, in entry order; then, once per version, the fact that Procore is in step. */
const nextPaymentStep = (s: TrackingState): PaymentOutput[] => {
  if (s.outbox.status !== 'ready') return [];
  const keys = Object.keys(s.entries).sort();
  const write = keys.map((k) => writeFor(s, k, s.entries[k]!)).find((w) => w !== null);
  if (write) return [write];
  if (s.writtenBackVersion === s.doc.version || keys.length === 0) return [];
  const payments = keys.flatMap((entryKey) => {
    const procore = s.entries[entryKey]!.procore;
    return procore === null ? [] : [{ entryKey, contractPaymentId: procore.contractPaymentId, amount: procore.amount }];
  });
  return [{ type: 'PaymentWrittenBack.v1', data: { document: s.doc.ref, version: s.doc.version, payments } }];
};

const onDocument = (input: BooksPaymentEvent, s: PaymentState, ctx: PaymentContext): PaymentOutput[] => {
  if (isKnownFact(s, input)) return [];
  const next = evolvePayment(s, input);
  if (next.status !== 'Tracking') return [];
  const resumed: PaymentOutput[] = next.outbox.status === 'parked' ? [{ type: 'DocumentSyncResumed.v1', data: { document: next.doc.ref, version: next.doc.version, cause: 'revised' } }] : [];
  return proceed(next, [...applications(next, ctx), ...resumed]);
};

const onOutcome = (input: ProcorePaymentOutcome, s: PaymentState): PaymentOutput[] =>
  s.status === 'Tracking' && isAnswer(s.outbox, input.data.requestNo)
    ? proceed(evolvePayment(s, input), resumedAfterStall(s.outbox, s.doc.ref, s.doc.version))
    : [];

const onFailure = (s: PaymentState, failure: Failure): PaymentOutput[] =>
  s.status === 'Tracking' ? parkedOnFailure(s.outbox, failure, s.doc, `${paymentLabel(s.doc)}: the Procore payment`) : [];

const onRetry = (s: PaymentState): PaymentOutput[] =>
  s.status === 'Tracking' && s.outbox.status === 'parked'
    ? proceed(s, [{ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause: 'retry-requested' } }])
    : [];

/**
 * The payments-back saga, one instance per books payment: what a BillPayment pays on a bill
 * the hub created becomes a Procore contract payment on that requisition; a Payment on a hub
 * invoice is recorded against the owner invoice (and on the prime contract in Procore).
 */
export const decidePayment = (input: PaymentInput, s: PaymentState, ctx: PaymentContext): PaymentOutput[] => {
  switch (input.type) {
    case 'BillPaymentRecorded.v1': case 'BillPaymentChanged.v1': case 'PaymentReceived.v1': case 'PaymentChanged.v1':
      return onDocument(input, s, ctx);
    case 'ProcorePaymentRecorded.v1': case 'ProcorePaymentUpdated.v1': case 'ProcorePaymentDeleted.v1':
      return onOutcome(input, s);
    case 'PostingFailed.v1': return onFailure(s, { kind: 'refused', ...input.data });
    case 'PostingDeadLettered.v1': return onFailure(s, { kind: 'dead-lettered', ...input.data });
    case 'SyncRetryRequested.v1': return onRetry(s);
    default: return assertNever(input);
  }
};
