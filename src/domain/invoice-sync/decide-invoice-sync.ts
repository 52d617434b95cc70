import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import { evolveInvoiceSync } from './evolve-invoice-sync.js';
import type { BooksOutcome, InvoiceSyncContext, InvoiceSyncInput, PostingDeadLettered, PostingFailed } from './invoice-sync.inputs.js';
import type { InvoiceSyncOutput } from './invoice-sync.outputs.js';
import type { PendingRequest, ParkReason } from '../shared/outbox.js';
import { resumedAfterStall } from '../posting/sync-facts.js';
import type { InvoiceSyncState, SyncMemory } from './invoice-sync.state.js';
import { answers, isKnownFact } from './invoice-sync.state.js';
import { planInvoiceSync, planRemap } from './plan-invoice-sync.js';

/** "PostBill", for messages. */
const requestName = (type: string): string => type.replace(/Requested\.v\d+$/, '');

/** A new version of the invoice; a redelivered one changes nothing. */
const onDocument = (input: SubcontractorInvoiceEvent, s: InvoiceSyncState, ctx: InvoiceSyncContext): InvoiceSyncOutput[] =>
  s.status === 'Voided' || isKnownFact(s, input) ? [] : planInvoiceSync(evolveInvoiceSync(s, input), ctx, 'revised');

/**
 * The request's outcome: take in what it taught, then plan from the latest invoice (revisions
 * that came meanwhile). A remap that came while it was out is redone once the books hold it:
 * the write that just landed was drafted under the earlier mapping.
 */
const onOutcome = (input: BooksOutcome, s: InvoiceSyncState, ctx: InvoiceSyncContext): InvoiceSyncOutput[] => {
  if (!answers(s, input.data.requestNo)) return [];
  const after = evolveInvoiceSync(s, input);
  const planned = planInvoiceSync(after, ctx, 'request-completed');
  const settled = planned.reduce<InvoiceSyncState>(evolveInvoiceSync, after);
  const redo = settled.status === 'Synced' && settled.remapPending === true ? planRemap(settled, ctx) : [];
  return [...resumedAfterStall(s.outbox, s.doc.ref, s.doc.version), ...planned, ...redo];
};

/** The invoice's own wording (request, number, code, attempts), richer than the shared parkForFailure's. */
const parked = (s: SyncMemory, reason: Extract<ParkReason, 'books-rejected' | 'dead-lettered'>, message: string): InvoiceSyncOutput =>
  ({ type: 'DocumentSyncParked.v1', data: { document: s.doc.ref, version: s.doc.version, reasons: [reason], message } });

const failure = (request: PendingRequest, code: string | null, reason: string): string =>
  `${requestName(request.type)} request ${request.requestNo}${code === null ? '' : ` (code ${code})`}: ${reason}`;

/** Retryable failures are the dispatcher's to retry; a final one parks the invoice until something changes. */
const onFailure = (input: PostingFailed, s: InvoiceSyncState): InvoiceSyncOutput[] => {
  if (!answers(s, input.data.requestNo) || input.data.retryable) return [];
  return [parked(s, 'books-rejected', `The books rejected ${failure(s.outbox.request, input.data.code, input.data.reason)}.`)];
};

/** The dispatcher gave up; the request stays open (stalled in the outbox) so an operator's retry of the dead letter completes it. */
const onDeadLetter = (input: PostingDeadLettered, s: InvoiceSyncState): InvoiceSyncOutput[] => {
  if (!answers(s, input.data.requestNo) || s.outbox.status === 'stalled') return [];
  const what = failure(s.outbox.request, input.data.code, input.data.reason);
  return [parked(s, 'dead-lettered', `Gave up on ${what} after ${input.data.attempts} attempts; retry it from the dead letters.`)];
};

const isParked = (s: InvoiceSyncState): boolean => s.status !== 'Idle' && s.outbox.status === 'parked';

/**
 * The subcontractor-invoice saga (one instance per invoice, its own stream): a pure decider.
 * It returns data only. The runner appends the input and these outputs to the saga's stream,
 * giving output i of the input with event id E the id
 * deterministicEventId(sagaStream, E, i) (src/eventstore/event-id.ts), so a replay after a
 * crash appends nothing twice; the dispatcher derives its idempotency key (QBO requestid)
 * from the request's event id.
 *
 * Flow on approval: validate, then ResolveVendor (if not linked), ResolveJob (if found by
 * name and not yet found), then PostBill or PostVendorCredit. A revision updates what was
 * posted, a void deletes it. One request is out at a time; what arrives meanwhile is applied
 * after its outcome. Retries are the dispatcher's: the saga reacts to final outcomes only.
 */
export const decideInvoiceSync = (input: InvoiceSyncInput, s: InvoiceSyncState, ctx: InvoiceSyncContext): InvoiceSyncOutput[] => {
  switch (input.type) {
    case 'SubcontractorInvoiceSubmitted.v1': case 'SubcontractorInvoiceApproved.v1':
    case 'SubcontractorInvoiceRevised.v1': case 'SubcontractorInvoiceVoided.v1':
      return onDocument(input, s, ctx);
    case 'BooksVendorResolved.v1': case 'BooksJobResolved.v1': case 'BillPosted.v1': case 'BillUpdated.v1': case 'BillDeleted.v1':
    case 'VendorCreditPosted.v1': case 'VendorCreditUpdated.v1': case 'VendorCreditDeleted.v1':
      return onOutcome(input, s, ctx);
    case 'PostingFailed.v1': return onFailure(input, s);
    case 'PostingDeadLettered.v1': return onDeadLetter(input, s);
    // Any park may be over on a mapping change: a books rejection (an inactive account) is fixed there too.
    case 'MappingChanged.v1': return isParked(s) ? planInvoiceSync(s, ctx, 'mapping-changed') : [];
    case 'MappingRemapApplied.v1': return planRemap(s, ctx);
    case 'SyncRetryRequested.v1': return isParked(s) ? planInvoiceSync(s, ctx, 'retry-requested') : [];
    default: return assertNever(input);
  }
};

/** The saga's stream name: `{connection}.saga.invoice_sync-{invoiceId}`. */
export const invoiceSyncStream = (ref: { readonly connection: string; readonly externalId: string }): string =>
  `${ref.connection}.saga.invoice_sync-${ref.externalId}`;
