import type { DocumentEventType } from './document-events.js';
import type { DocumentType } from './document-ref.js';

/**
 * Which lifecycle fact a newly fetched version of a document is, given what was last
 * recorded for it. Webhooks and polls arrive late, twice and out of order, so a version
 * at or before the last recorded one is never recorded again, and a version that changes
 * nothing that matters (e.g. only updated_at, because the hub wrote an origin_id back)
 * records nothing.
 */

/** Where a document stands: drafted (open), sent for review, approved, or gone. */
export type Phase = 'open' | 'submitted' | 'approved' | 'voided';

export interface RecordedVersion {
  readonly type: string;
  readonly version: string;
  readonly snapshot: unknown;
}

export interface ChangeInput {
  readonly type: DocumentType;
  readonly previous: RecordedVersion | undefined;
  readonly next: { readonly version: string; readonly snapshot: unknown };
  /**
   * Books objects the hub created: the object as the hub last knew it (its own write, or
   * its first sighting). Anything else is not the hub's object and is not followed.
   */
  readonly hubBaseline?: unknown;
}

export type SkipReason = 'already_recorded' | 'older' | 'no_change' | 'not_relevant' | 'unknown_deleted';

export type Classification =
  | { readonly record: true; readonly eventType: DocumentEventType }
  | { readonly record: false; readonly reason: SkipReason };

const skip = (reason: SkipReason): Classification => ({ record: false, reason });
const record = (eventType: DocumentEventType): Classification => ({ record: true, eventType });

/**
 * A version the books report as a time to the second plus a change counter that orders
 * changes within that second (QuickBooks `LastUpdatedTime` and `SyncToken`): "<time>#<counter>".
 * Without the counter, a payment voided in the second it was made would look already recorded.
 */
export const booksVersion = (time: string, counter: string | null | undefined): string => (typeof counter === 'string' && /^\d+$/.test(counter) ? `${time}#${counter}` : time);

const COUNTED = /^(.+)#(\d+)$/;

/** The instant a version names (epoch ms; NaN when it names none). */
export const versionTime = (version: string): number => Date.parse(COUNTED.exec(version)?.[1] ?? version);

const counterOf = (version: string): number | undefined => {
  const counter = COUNTED.exec(version)?.[2];
  return counter === undefined ? undefined : Number(counter);
};

/** Timestamps compare as instants (then by their books counter, when both have one), SyncTokens as numbers; anything else as text. */
export const compareVersions = (a: string, b: string): number => {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Math.sign(Number(a) - Number(b));
  const ta = versionTime(a);
  const tb = versionTime(b);
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return Math.sign(ta - tb);
  if (Number.isFinite(ta) && Number.isFinite(tb)) {
    const ca = counterOf(a);
    const cb = counterOf(b);
    return ca === undefined || cb === undefined ? 0 : Math.sign(ca - cb);
  }
  return a < b ? -1 : a > b ? 1 : 0;
};

/** JSON with sorted keys, so equal content compares equal whatever the key order. */
const stable = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
};

/** What matters in a snapshot: everything except when (and at which SyncToken) it was last touched. */
const material = (snapshot: unknown): string => {
  if (typeof snapshot !== 'object' || snapshot === null) return stable(snapshot);
  const { updatedAt: _updatedAt, syncToken: _syncToken, ...rest } = snapshot as Record<string, unknown>;
  return stable(rest);
};

const field = (snapshot: unknown, name: string): unknown =>
  typeof snapshot === 'object' && snapshot !== null ? (snapshot as Record<string, unknown>)[name] : undefined;

interface Lifecycle {
  readonly name: 'SubcontractorInvoice' | 'OwnerInvoice' | 'Commitment' | 'CommitmentChangeOrder' | 'PrimeChangeOrder' | 'Timecard';
  readonly phase: (snapshot: unknown) => Phase;
  /** Commitments and change orders are facts from the moment they exist (Created); invoices and timecards only once sent. */
  readonly recordsOpen: boolean;
}

const INVOICE_PHASES: Readonly<Record<string, Phase>> = {
  draft: 'open', revise_and_resubmit: 'open', under_review: 'submitted', pending_owner_approval: 'submitted',
  approved: 'approved', approved_as_noted: 'approved', deleted: 'voided',
};
const CONTRACT_PHASES: Readonly<Record<string, Phase>> = {
  draft: 'open', out_for_bid: 'open', out_for_signature: 'open', terminated: 'open',
  approved: 'approved', complete: 'approved', void: 'voided', deleted: 'voided',
};
/** A rejected change order will not happen: for the books it is as good as void. */
const CHANGE_ORDER_PHASES: Readonly<Record<string, Phase>> = {
  draft: 'open', pending: 'open', approved: 'approved', rejected: 'voided', void: 'voided', deleted: 'voided',
};
const TIMECARD_PHASES: Readonly<Record<string, Phase>> = { pending: 'open', approved: 'approved', rejected: 'voided', deleted: 'voided' };

const phaseBy = (table: Readonly<Record<string, Phase>>, name: string) => (snapshot: unknown): Phase =>
  table[String(field(snapshot, name))] ?? 'open';

const LIFECYCLES: Partial<Record<DocumentType, Lifecycle>> = {
  subcontractor_invoice: { name: 'SubcontractorInvoice', phase: phaseBy(INVOICE_PHASES, 'status'), recordsOpen: false },
  owner_invoice: { name: 'OwnerInvoice', phase: phaseBy(INVOICE_PHASES, 'status'), recordsOpen: false },
  commitment: { name: 'Commitment', phase: phaseBy(CONTRACT_PHASES, 'status'), recordsOpen: true },
  commitment_change_order: { name: 'CommitmentChangeOrder', phase: phaseBy(CHANGE_ORDER_PHASES, 'status'), recordsOpen: true },
  prime_change_order: { name: 'PrimeChangeOrder', phase: phaseBy(CHANGE_ORDER_PHASES, 'status'), recordsOpen: true },
  timecard: { name: 'Timecard', phase: phaseBy(TIMECARD_PHASES, 'approvalStatus'), recordsOpen: false },
};

const OBSERVED: Partial<Record<DocumentType, DocumentEventType>> = {
  project: 'ProjectObserved.v1', vendor: 'VendorObserved.v1', cost_code: 'CostCodeObserved.v1',
  cost_type: 'CostTypeObserved.v1', budget_line: 'BudgetLineChanged.v1',
};

const PAYMENTS: Partial<Record<DocumentType, { first: DocumentEventType; changed: DocumentEventType }>> = {
  bill_payment: { first: 'BillPaymentRecorded.v1', changed: 'BillPaymentChanged.v1' },
  payment: { first: 'PaymentReceived.v1', changed: 'PaymentChanged.v1' },
};

/** Only invoices have a 'submitted' phase and only recordsOpen lifecycles reach Created, so every name built here exists. */
const lifecycleEvent = (lc: Lifecycle, suffix: 'Created' | 'Submitted' | 'Approved' | 'Revised' | 'Voided'): DocumentEventType =>
  `${lc.name}${suffix}.v1` as DocumentEventType;

const classifyLifecycle = (lc: Lifecycle, previous: RecordedVersion | undefined, nextSnapshot: unknown): Classification => {
  const next = lc.phase(nextSnapshot);
  const before = previous ? lc.phase(previous.snapshot) : undefined;
  if (next === 'voided') return before === undefined || before === 'voided' ? skip(before ? 'no_change' : 'unknown_deleted') : record(lifecycleEvent(lc, 'Voided'));
  if (before === undefined || before === 'voided') {
    if (next === 'approved') return record(lifecycleEvent(lc, 'Approved'));
    if (next === 'submitted') return record(lifecycleEvent(lc, 'Submitted'));
    return lc.recordsOpen ? record(lifecycleEvent(lc, 'Created')) : skip('not_relevant');
  }
  if (next === 'approved' && before !== 'approved') return record(lifecycleEvent(lc, 'Approved'));
  if (next === 'submitted' && before === 'open') return record(lifecycleEvent(lc, 'Submitted'));
  if (next === before && material(previous?.snapshot) === material(nextSnapshot)) return skip('no_change');
  return record(lifecycleEvent(lc, 'Revised'));
};

/**
 * The hub's own books objects: an edit by hand is a change of what a person edits
 * (amounts, lines, numbers, memo) against the hub's baseline. A payment also moves the
 * SyncToken and the balance, and is not an edit.
 */
const classifyBooksObject = (input: ChangeInput): Classification => {
  const deleted = field(input.next.snapshot, 'deleted') === true;
  if (deleted) {
    if (input.hubBaseline === undefined && !input.previous) return skip('unknown_deleted');
    return field(input.previous?.snapshot, 'deleted') === true ? skip('no_change') : record('BooksObjectDeletedByHand.v1');
  }
  if (input.hubBaseline === undefined) return skip('not_relevant');
  return material(input.hubBaseline) === material(input.next.snapshot) ? skip('no_change') : record('BooksObjectEditedByHand.v1');
};

export const classifyChange = (input: ChangeInput): Classification => {
  const { previous, next } = input;
  if (previous) {
    const order = compareVersions(next.version, previous.version);
    if (order === 0) return skip('already_recorded');
    if (order < 0) return skip('older');
  }
  const lifecycle = LIFECYCLES[input.type];
  if (lifecycle) return classifyLifecycle(lifecycle, previous, next.snapshot);
  const observed = OBSERVED[input.type];
  if (observed) return previous && material(previous.snapshot) === material(next.snapshot) ? skip('no_change') : record(observed);
  const payment = PAYMENTS[input.type];
  if (payment) {
    if (!previous) return field(next.snapshot, 'deleted') === true ? skip('unknown_deleted') : record(payment.first);
    return material(previous.snapshot) === material(next.snapshot) ? skip('no_change') : record(payment.changed);
  }
  return classifyBooksObject(input);
};
