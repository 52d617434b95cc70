import type { TimecardEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { TimecardSnapshot } from '../documents/snapshots.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Outbox } from '../shared/outbox.js';
import type { TimecardInput } from './timecard.inputs.js';
import type { TimecardOutput } from './timecard.outputs.js';

export type TimecardEventInStream = TimecardInput | TimecardOutput;

/** Pending approval (open), approved, or rejected/deleted (voided). */
export type TimecardPhase = 'open' | 'approved' | 'voided';

export interface TimecardDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: TimecardSnapshot;
  readonly phase: TimecardPhase;
}

export interface BooksTimeActivity {
  readonly timeActivityId: string;
  readonly syncToken: string;
  /** The entry version it reflects. */
  readonly version: string;
}

export interface TimecardMemory {
  readonly doc: TimecardDoc;
  readonly jobRef: BooksRef | null;
  readonly books: BooksTimeActivity | null;
  readonly deletedId: string | null;
  readonly syncedVersion: string | null;
  readonly voidSynced: boolean;
  readonly seenFacts: readonly string[];
  readonly outbox: Outbox;
  /** The mapping version of a remap applied with "update posted" that the TimeActivity does not reflect yet. */
  readonly remapDue?: number;
  /** The remap version the request in flight writes, so its answer settles that remap and no later one. */
  readonly remapSent?: number;
  /** The latest remap taken in: a redelivered or older one changes nothing. */
  readonly remapSeen?: number;
}

export type TimecardState = { readonly status: 'Idle' } | (TimecardMemory & { readonly status: 'Tracking' });

export type TrackingState = Extract<TimecardState, { status: 'Tracking' }>;

export const initialTimecardState: TimecardState = { status: 'Idle' };

const PHASES: Readonly<Record<TimecardSnapshot['approvalStatus'], TimecardPhase>> = {
  pending: 'open', approved: 'approved', rejected: 'voided', deleted: 'voided',
};

export const docOf = (e: TimecardEvent): TimecardDoc => {
  const phase = e.type === 'TimecardApproved.v1' ? 'approved' : e.type === 'TimecardVoided.v1' ? 'voided' : PHASES[e.data.snapshot.approvalStatus];
  return { ref: e.data.ref, version: e.data.version, snapshot: e.data.snapshot, phase };
};

export const factKey = (e: TimecardEvent): string => `${e.type}@${e.data.version}`;

export const isKnownFact = (s: TimecardState, e: TimecardEvent): boolean => s.status === 'Tracking' && s.seenFacts.includes(factKey(e));

/** The marker of what the TimeActivity reflects: the entry version, and a remap still to write (so a lookup tells the rewrite from the old write). */
export const timecardMarkerVersion = (s: TimecardMemory): string => (s.remapDue === undefined ? s.doc.version : `${s.doc.version}+remap${s.remapDue}`);

export const timecardLabel = (doc: TimecardDoc): string =>
  `Timecard entry ${doc.ref.externalId} (${doc.snapshot.employeeName}, ${doc.snapshot.date}, ${doc.snapshot.hours} h)`;
