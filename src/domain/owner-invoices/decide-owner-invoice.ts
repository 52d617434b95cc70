import type { OwnerInvoiceEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import { addMoney, subtractMoney, ZERO } from '../shared/money.js';
import type { Failure } from '../shared/outbox.js';
import { isAnswer } from '../shared/outbox.js';
import type { ResumeCause } from '../posting/sync-facts.js';
import { parkedOnFailure, resumedAfterStall, resumesPark } from '../posting/sync-facts.js';
import type { MappingRemapApplied } from '../posting/posting-outcomes.js';
import type { OwnerInvoiceContext, OwnerInvoiceInput, OwnerInvoiceOutcome } from './owner-invoice.inputs.js';
import type { OwnerInvoiceOutput } from './owner-invoice.outputs.js';
import type { OwnerInvoiceState, TrackingState } from './owner-invoice.state.js';
import { isKnownFact, ownerInvoiceLabel } from './owner-invoice.state.js';
import { evolveOwnerInvoice } from './evolve-owner-invoice.js';
import { nextOwnerInvoiceStep } from './next-owner-invoice-step.js';

const proceed = (s: OwnerInvoiceState, facts: readonly OwnerInvoiceOutput[], ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  const after = facts.reduce(evolveOwnerInvoice, s);
  return [...facts, ...(after.status === 'Tracking' ? nextOwnerInvoiceStep(after, ctx) : [])];
};

const resume = (s: TrackingState, cause: ResumeCause): OwnerInvoiceOutput[] =>
  s.outbox.status === 'parked' ? [{ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause } }] : [];

/** Retainage held moves by what this version withholds less what it releases, minus what the invoice put in before. */
const retainageHeld = (s: TrackingState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  const { snapshot } = s.doc;
  const target = s.doc.phase === 'approved' ? subtractMoney(snapshot.retainageRetained, snapshot.retainageReleased) : ZERO;
  const delta = subtractMoney(target, s.retainageApplied);
  if (delta === 0) return [];
  const cause = { document: s.doc.ref, version: s.doc.version, change: s.doc.change };
  const data = { projectId: snapshot.projectId, primeContractId: snapshot.primeContractId, delta, heldAfter: addMoney(ctx.retainageHeld, delta), cause };
  return [{ type: 'RetainageHeldChanged.v1', data }];
};

/** The change orders approved since the last owner invoice ride on this one, fixed at its first approval. */
const carried = (s: TrackingState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  const { primeContractId } = s.doc.snapshot;
  const base = { document: s.doc.ref, version: s.doc.version, primeContractId };
  if (s.doc.phase === 'voided' && s.carried !== null && s.carried.length > 0) {
    return [{ type: 'OwnerInvoiceChangeOrdersCarried.v1', data: { ...base, changeOrders: [] } }];
  }
  if (s.doc.phase !== 'approved' || s.carried !== null) return [];
  const changeOrders = ctx.changeOrdersToCarry.filter((c) => c.primeContractId === primeContractId);
  return [{ type: 'OwnerInvoiceChangeOrdersCarried.v1', data: { ...base, changeOrders } }];
};

const onDocument = (input: OwnerInvoiceEvent, s: OwnerInvoiceState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  if (isKnownFact(s, input)) return [];
  const next = evolveOwnerInvoice(s, input);
  if (next.status !== 'Tracking') return [];
  return proceed(next, [...retainageHeld(next, ctx), ...carried(next, ctx), ...resume(next, 'revised')], ctx);
};

const onOutcome = (input: OwnerInvoiceOutcome, s: OwnerInvoiceState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] =>
  s.status === 'Tracking' && isAnswer(s.outbox, input.data.requestNo)
    ? proceed(evolveOwnerInvoice(s, input), resumedAfterStall(s.outbox, s.doc.ref, s.doc.version), ctx)
    : [];

const onFailure = (s: OwnerInvoiceState, failure: Failure): OwnerInvoiceOutput[] =>
  s.status === 'Tracking' ? parkedOnFailure(s.outbox, failure, s.doc, ownerInvoiceLabel(s.doc)) : [];

/** A remap applied with "update posted" that lists this invoice: its progress invoice is rewritten (once any request out has landed). */
const onRemap = (input: MappingRemapApplied, s: OwnerInvoiceState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] =>
  s.status === 'Tracking' && (s.remapSeen ?? -1) < input.data.version ? proceed(evolveOwnerInvoice(s, input), [], ctx) : [];

const onRetry = (s: OwnerInvoiceState, cause: ResumeCause, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] =>
  s.status === 'Tracking' && resumesPark(s.outbox, cause) ? proceed(s, resume(s, cause), ctx) : [];

/**
 * The owner-invoice saga, one instance per payment application: an approved one becomes a
 * QuickBooks Invoice to the owner's Job, net of retainage, plus a release invoice when it
 * releases retainage; revised means update, voided means void.
 */
export const decideOwnerInvoice = (input: OwnerInvoiceInput, s: OwnerInvoiceState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  switch (input.type) {
    case 'OwnerInvoiceSubmitted.v1': case 'OwnerInvoiceApproved.v1': case 'OwnerInvoiceRevised.v1': case 'OwnerInvoiceVoided.v1':
      return onDocument(input, s, ctx);
    case 'BooksJobResolved.v1': case 'InvoicePosted.v1': case 'InvoiceUpdated.v1': case 'InvoiceVoided.v1':
      return onOutcome(input, s, ctx);
    case 'PostingFailed.v1': return onFailure(s, { kind: 'refused', ...input.data });
    case 'PostingDeadLettered.v1': return onFailure(s, { kind: 'dead-lettered', ...input.data });
    case 'MappingChanged.v1': return onRetry(s, 'mapping-changed', ctx);
    case 'MappingRemapApplied.v1': return onRemap(input, s, ctx);
    case 'SyncRetryRequested.v1': return onRetry(s, 'retry-requested', ctx);
    default: return assertNever(input);
  }
};
