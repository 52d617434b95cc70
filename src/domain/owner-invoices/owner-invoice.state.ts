import { causeChangeOf } from '../budget/budget.events.js';
import type { CauseChange } from '../budget/budget.events.js';
import type { OwnerInvoiceEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { OwnerInvoiceSnapshot } from '../documents/snapshots.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type { Outbox } from '../shared/outbox.js';
import type { OwnerInvoiceInput } from './owner-invoice.inputs.js';
import type { ChangeOrderToCarry, InvoicePurpose, OwnerInvoiceOutput } from './owner-invoice.outputs.js';

export type OwnerInvoiceEventInStream = OwnerInvoiceInput | OwnerInvoiceOutput;

/** Drafted or sent back (open), under the owner's review (submitted), approved, or deleted (voided). */
export type OwnerInvoicePhase = 'open' | 'submitted' | 'approved' | 'voided';

export interface OwnerInvoiceDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: OwnerInvoiceSnapshot;
  readonly phase: OwnerInvoicePhase;
  readonly change: CauseChange;
}

/** A QuickBooks Invoice this saga wrote, and the owner invoice version it reflects. */
export interface BooksInvoice {
  readonly invoiceId: string;
  readonly syncToken: string;
  readonly docNumber: string;
  readonly version: string;
  readonly voided: boolean;
}

export interface OwnerInvoiceMemory {
  readonly doc: OwnerInvoiceDoc;
  readonly jobRef: BooksRef | null;
  /** Retainage this invoice put into the project's held total (withheld − released), and the total after it. */
  readonly retainageApplied: Cents;
  readonly heldAfter: Cents;
  /** The change orders it carries; null until first approved. */
  readonly carried: readonly ChangeOrderToCarry[] | null;
  readonly books: Readonly<Record<InvoicePurpose, BooksInvoice | null>>;
  readonly syncedVersion: string | null;
  readonly voidSynced: boolean;
  readonly seenFacts: readonly string[];
  readonly outbox: Outbox;
  /** The mapping version of a remap applied with "update posted" that the progress invoice does not reflect yet. */
  readonly remapDue?: number;
  /** The remap version the request in flight writes, so its answer settles that remap and no later one. */
  readonly remapSent?: number;
  /** The latest remap taken in: a redelivered or older one changes nothing. */
  readonly remapSeen?: number;
}

export type OwnerInvoiceState = { readonly status: 'Idle' } | (OwnerInvoiceMemory & { readonly status: 'Tracking' });

export type TrackingState = Extract<OwnerInvoiceState, { status: 'Tracking' }>;

export const initialOwnerInvoiceState: OwnerInvoiceState = { status: 'Idle' };

const PHASES: Readonly<Record<OwnerInvoiceSnapshot['status'], OwnerInvoicePhase>> = {
  draft: 'open', revise_and_resubmit: 'open', under_review: 'submitted', approved: 'approved', deleted: 'voided',
};

export const docOf = (e: OwnerInvoiceEvent): OwnerInvoiceDoc => {
  const change = causeChangeOf(e.type);
  const phase = change === 'approved' ? 'approved' : change === 'voided' ? 'voided' : PHASES[e.data.snapshot.status];
  return { ref: e.data.ref, version: e.data.version, snapshot: e.data.snapshot, phase, change };
};

export const factKey = (e: OwnerInvoiceEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: OwnerInvoiceState, e: OwnerInvoiceEvent): boolean => s.status === 'Tracking' && s.seenFacts.includes(factKey(e));

/** The invoice number people know it by; QBO DocNumber. */
export const docNumberOf = (snapshot: OwnerInvoiceSnapshot): string => snapshot.invoiceNumber?.trim() || `PA-${snapshot.number}`;

/** The marker of what the progress invoice reflects: the version, and a remap still to write (so a lookup tells the rewrite from the old write). */
export const progressMarkerVersion = (s: OwnerInvoiceMemory): string => (s.remapDue === undefined ? s.doc.version : `${s.doc.version}+remap${s.remapDue}`);

export const ownerInvoiceLabel = (doc: OwnerInvoiceDoc): string => `Owner invoice ${docNumberOf(doc.snapshot)} (payment application #${doc.snapshot.number})`;
