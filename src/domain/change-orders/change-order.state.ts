import type { CauseChange } from '../budget/budget.events.js';
import type { Ledger } from '../budget/cost-ledger.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { ChangeOrderSnapshot } from '../documents/snapshots.js';
import type { Outbox } from '../shared/outbox.js';
import type { ChangeOrderDocumentEvent, ChangeOrderInput } from './change-order.inputs.js';
import type { ChangeOrderOutput } from './change-order.outputs.js';
import { causeChangeOf } from '../budget/budget.events.js';

export type ChangeOrderEvent = ChangeOrderInput | ChangeOrderOutput;

/** Drafted or pending approval (open), approved, or void (rejected, voided or deleted: it will not happen). */
export type ChangeOrderPhase = 'open' | 'approved' | 'voided';

export interface ChangeOrderDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: ChangeOrderSnapshot;
  readonly phase: ChangeOrderPhase;
  /** What the event that brought this version recorded: the budget cause. */
  readonly change: CauseChange;
}

/** What this change order has on the prime contract's Estimate. */
export interface EstimateLines {
  readonly estimateId: string;
  readonly lineIds: readonly string[];
  readonly version: string;
}

export interface ChangeOrderMemory {
  readonly doc: ChangeOrderDoc;
  /** What this change order has put into the budget model: pending changes, and approved ones (committed or revised budget). */
  readonly pending: Ledger;
  readonly approved: Ledger;
  /** The version whose lines in force were last handed on (to the commitment's PO, or to owner billing); null before approval. */
  readonly inForceVersion: string | null;
  /** Commitment: the version the commitment's PurchaseOrder is known to hold. */
  readonly purchaseOrderVersion: string | null;
  readonly estimate: EstimateLines | null;
  readonly estimateSkippedVersion: string | null;
  readonly seenFacts: readonly string[];
  readonly outbox: Outbox;
}

export type ChangeOrderState = { readonly status: 'Idle' } | (ChangeOrderMemory & { readonly status: 'Tracking' });

export type TrackingState = Extract<ChangeOrderState, { status: 'Tracking' }>;

export const initialChangeOrderState: ChangeOrderState = { status: 'Idle' };

const PHASES: Readonly<Record<ChangeOrderSnapshot['status'], ChangeOrderPhase>> = {
  draft: 'open', pending: 'open', approved: 'approved', rejected: 'voided', void: 'voided', deleted: 'voided',
};

export const docOf = (e: ChangeOrderDocumentEvent): ChangeOrderDoc => {
  const change = causeChangeOf(e.type);
  const phase = change === 'approved' ? 'approved' : change === 'voided' ? 'voided' : PHASES[e.data.snapshot.status];
  return { ref: e.data.ref, version: e.data.version, snapshot: e.data.snapshot, phase, change };
};

export const factKey = (e: ChangeOrderDocumentEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: ChangeOrderState, e: ChangeOrderDocumentEvent): boolean =>
  s.status === 'Tracking' && s.seenFacts.includes(factKey(e));

/** How people name the change order in messages. */
export const changeOrderLabel = (doc: ChangeOrderDoc): string =>
  `${doc.snapshot.kind === 'prime' ? 'Prime' : 'Commitment'} change order ${doc.snapshot.number} (${doc.snapshot.title})`;
