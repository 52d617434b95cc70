import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksPaymentSnapshot } from '../documents/snapshots.js';
import type { Cents } from '../shared/money.js';
import type { Outbox } from '../shared/outbox.js';
import type { BooksPaymentEvent, PaymentInput } from './payment.inputs.js';
import type { BooksPaymentApplied, PaymentOutput } from './payment.outputs.js';

export type PaymentEvent = PaymentInput | PaymentOutput;

export interface PaymentDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: BooksPaymentSnapshot;
}

/** One (payment, transaction) pair: what the books say it pays, and what Procore holds for it. */
export interface PaymentEntry {
  readonly applied: BooksPaymentApplied['data'];
  readonly procore: { readonly contractPaymentId: string; readonly amount: Cents; readonly date: string } | null;
}

/** The Procore write in flight, so its outcome records what was written even if the payment changed meanwhile. */
export interface RequestedWrite {
  readonly entryKey: string;
  readonly amount: Cents;
  readonly date: string;
}

export interface PaymentMemory {
  readonly doc: PaymentDoc;
  readonly entries: Readonly<Record<string, PaymentEntry>>;
  readonly requested: RequestedWrite | null;
  readonly skippedVersion: string | null;
  readonly writtenBackVersion: string | null;
  readonly seenFacts: readonly string[];
  readonly outbox: Outbox;
}

export type PaymentState = { readonly status: 'Idle' } | (PaymentMemory & { readonly status: 'Tracking' });

export type TrackingState = Extract<PaymentState, { status: 'Tracking' }>;

export const initialPaymentState: PaymentState = { status: 'Idle' };

export const factKey = (e: BooksPaymentEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: PaymentState, e: BooksPaymentEvent): boolean => s.status === 'Tracking' && s.seenFacts.includes(factKey(e));

export const entryKeyOf = (txnType: string, txnId: string): string => `${txnType}-${txnId}`;

/** Deterministic per (payment, transaction): Procore's origin_id for the contract payment. */
export const originIdOf = (payment: DocumentRef, entryKey: string): string =>
  `trestle:${payment.connection}:${payment.type}-${payment.externalId}:${entryKey}`;

export const paymentLabel = (doc: PaymentDoc): string =>
  `${doc.ref.type === 'bill_payment' ? 'Bill payment' : 'Payment'} ${doc.ref.externalId} of ${doc.snapshot.txnDate}`;
