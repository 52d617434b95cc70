import type { CommitmentChangeOrderApplied } from './change-order-applied.js';
import type { Ledger } from '../budget/cost-ledger.js';
import type { CommitmentEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { CommitmentSnapshot, CostLine } from '../documents/snapshots.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Outbox } from '../shared/outbox.js';
import type { CommitmentPoInput } from './commitment-po.inputs.js';
import type { ChangeOrderVersion, CommitmentPoOutput, PurchaseOrderLineLink } from './commitment-po.outputs.js';

/** The saga's stream holds its inputs and its outputs; evolve folds both. */
export type CommitmentPoEvent = CommitmentPoInput | CommitmentPoOutput;

/** Where a commitment stands: drafted or out for signature (open), approved, or void. */
export type ContractPhase = 'open' | 'approved' | 'voided';

export interface CommitmentDoc {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: CommitmentSnapshot;
  readonly phase: ContractPhase;
  /** The date of the version first approved: the PO's TxnDate. */
  readonly approvedOn: string | null;
}

/** An approved change order's lines, as its saga last handed them over (none once voided). */
export interface ChangeOrderInForce {
  readonly ref: DocumentRef;
  readonly number: string;
  readonly version: string;
  readonly lines: readonly CostLine[];
}

/** What a PO request asked for, so its outcome can say what the books now hold. */
export interface RequestedPo {
  /** The commitment version the request reflects. */
  readonly version: string;
  readonly basis: string;
  readonly changeOrders: readonly ChangeOrderVersion[];
  readonly cells: readonly Omit<PurchaseOrderLineLink, 'lineId'>[];
}

export interface PurchaseOrderInBooks {
  readonly purchaseOrderId: string;
  readonly syncToken: string;
  readonly docNumber: string;
  readonly lines: readonly PurchaseOrderLineLink[];
  /** The commitment version it holds. */
  readonly version: string;
  /** `basisOf` the commitment and change order versions it holds. */
  readonly basis: string;
  readonly changeOrders: readonly ChangeOrderVersion[];
  readonly closed: boolean;
}

export interface CommitmentPoMemory {
  /** Known before the commitment itself when a change order's lines arrive first. */
  readonly doc: CommitmentDoc | null;
  readonly changeOrders: Readonly<Record<string, ChangeOrderInForce>>;
  /** What this commitment's own lines put into committed cost (its change orders count in their own sagas). */
  readonly committed: Ledger;
  readonly vendorRef: BooksRef | null;
  readonly jobRef: BooksRef | null;
  readonly requested: RequestedPo | null;
  readonly purchaseOrder: PurchaseOrderInBooks | null;
  /** `{type}@{version}` of every document fact taken in: a redelivery is recognised. */
  readonly seenFacts: readonly string[];
  readonly outbox: Outbox;
  /**
   * The mapping version of the latest remap applied with "update posted" that listed this PO:
   * part of what the PO should reflect, so a PO written before it is rewritten. Absent before any.
   */
  readonly remap?: number;
}

export type CommitmentPoState =
  | { readonly status: 'Idle' }
  | (CommitmentPoMemory & { readonly status: 'Tracking' });

export type TrackingState = Extract<CommitmentPoState, { status: 'Tracking' }>;

export const initialCommitmentPoState: CommitmentPoState = { status: 'Idle' };

/** Identifies the PO's content: the commitment version, each change order version in force, and the remap it reflects. */
export const basisOf = (version: string, changeOrders: readonly ChangeOrderVersion[], remap?: number): string =>
  [
    version, ...[...changeOrders].sort((a, b) => (a.changeOrderId < b.changeOrderId ? -1 : 1)).map((c) => `${c.changeOrderId}@${c.version}`),
    ...(remap === undefined ? [] : [`remap@${remap}`]),
  ].join(' ');

/** Every change order the PO's lines reflect, at its version; one with no lines in force was taken off (voided). */
export const changeOrdersReflected = (s: CommitmentPoMemory): ChangeOrderVersion[] =>
  Object.values(s.changeOrders).map((c) => ({ changeOrderId: c.ref.externalId, number: c.number, version: c.version }));

/** What the PO should hold now (meaningful once the commitment is known). */
export const desiredBasis = (s: CommitmentPoMemory): string => basisOf(s.doc?.version ?? '', changeOrdersReflected(s), s.remap);

export const factKey = (e: CommitmentEvent | CommitmentChangeOrderApplied): string =>
  e.type === 'CommitmentChangeOrderApplied.v1' ? `${e.type}:${e.data.document.externalId}@${e.data.version}` : `${e.type}@${e.data.version}`;

export const isKnownFact = (s: CommitmentPoState, e: CommitmentEvent | CommitmentChangeOrderApplied): boolean =>
  s.status === 'Tracking' && s.seenFacts.includes(factKey(e));

const PHASES: Readonly<Record<CommitmentSnapshot['status'], ContractPhase>> = {
  draft: 'open', out_for_bid: 'open', out_for_signature: 'open', terminated: 'open',
  approved: 'approved', complete: 'approved', void: 'voided', deleted: 'voided',
};

export const phaseOf = (e: CommitmentEvent): ContractPhase => {
  if (e.type === 'CommitmentVoided.v1') return 'voided';
  return e.type === 'CommitmentApproved.v1' ? 'approved' : PHASES[e.data.snapshot.status];
};
