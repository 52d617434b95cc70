/**
 * The reconciliation projection's state of one document (keyed by its stream): what the
 * construction side says it is worth, per cost code, and what the hub did about it in the
 * books. Money is integer cents throughout; a cost type the source left out is ''.
 */

/** One amount booked on a cost code and cost type (project from the document). */
export interface CostAmount {
  readonly costCode: string;
  readonly costType: string;
  readonly amount: number;
  /** Retainage withheld on the line (invoices); 0 elsewhere. */
  readonly retainage: number;
  /** Subcontractor invoices: retainage released on the line this period (already taken off `retainage`); absent when none. */
  readonly released?: number;
}

export type ConstructionKind =
  | 'subcontractor_invoice' | 'commitment' | 'commitment_change_order' | 'prime_change_order' | 'budget_line' | 'timecard' | 'owner_invoice';

/**
 * A budget line gives the original budget only: approved changes are counted from the
 * approved prime change orders themselves, as the hub's budget model does (src/domain/budget),
 * so an edited change order counts once.
 */
export interface BudgetFigures {
  readonly original: number;
}

/** The document's latest version as the construction side (Procore) has it. */
export interface ConstructionSide {
  readonly kind: ConstructionKind;
  readonly projectId: string;
  /** What a bookkeeper recognises: vendor and invoice number, contract number, cost code. */
  readonly label: string;
  readonly version: string;
  /** Counts in the report: approved and not voided (a budget line always counts). */
  readonly effective: boolean;
  /** Voided for good: a later version does not bring it back. */
  readonly voided: boolean;
  readonly lines: readonly CostAmount[];
  readonly budget: BudgetFigures | null;
  /** An owner invoice's retainage released this period (receivable billed now); absent elsewhere. */
  readonly released?: number;
  /** A subcontractor invoice's commitment (Procore contract id); absent elsewhere and in states stored before it was read. */
  readonly commitmentId?: string;
}

/** How retainage reached the books (the draft says); decides what "posted" should equal. */
export type PostingMode = 'negative-line' | 'gross-open' | 'net-only';

/** A request the saga made and that has had no final answer yet. */
export interface OpenRequest {
  readonly requestNo: number;
  /** 'write' creates or replaces the books object, 'delete' removes it, 'other' looks something up. */
  readonly op: 'write' | 'delete' | 'other';
  readonly entity: string | null;
  readonly version: string | null;
  readonly mode: PostingMode | null;
  /** Cost lines of the draft, signed (a vendor credit's lines are negative). */
  readonly lines: readonly CostAmount[];
  readonly total: number;
}

/** What the hub last wrote to the books for this document. */
export interface Posting {
  readonly entity: string;
  readonly id: string;
  readonly version: string | null;
  readonly mode: PostingMode | null;
  readonly lines: readonly CostAmount[];
  readonly total: number;
}

/** A change someone made in the books by hand since the hub last wrote. */
export interface BooksChange {
  readonly total: number;
  readonly deleted: boolean;
}

export type QuarantineReason = 'mapping_missing' | 'validation_failed' | 'books_rejected' | 'dead_lettered' | 'parked';

export interface SyncSide {
  readonly sagas: readonly string[];
  /** The latest document version the saga took in. */
  readonly seenVersion: string | null;
  readonly open: readonly OpenRequest[];
  readonly books: Posting | null;
  readonly booksChange: BooksChange | null;
  readonly quarantine: { readonly reason: QuarantineReason; readonly message: string } | null;
  /** Outbound request ids whose retry budget ran out and that nobody retried yet. */
  readonly deadLetters: readonly string[];
  /**
   * An owner invoice in accounts receivable: what its books invoices (progress, retainage
   * release) total, and their ids, which customer payments apply to. Absent in states stored
   * before owner billing was reconciled.
   */
  readonly receivable?: Receivable | null;
}

export interface Receivable {
  readonly total: number;
  readonly invoiceIds: readonly string[];
}

export interface ReconDoc {
  readonly key: string;
  readonly connection: string;
  readonly docType: string;
  readonly externalId: string;
  readonly construction: ConstructionSide | null;
  readonly sync: SyncSide;
  /** recordedAt of the last event applied (not a clock: a rebuild gives the same value). */
  readonly updatedAt: string;
}

export const EMPTY_SYNC: SyncSide = { sagas: [], seenVersion: null, open: [], books: null, booksChange: null, quarantine: null, deadLetters: [], receivable: null };

export const newDoc = (key: string, connection: string, docType: string, externalId: string, at: string): ReconDoc =>
  ({ key, connection, docType, externalId, construction: null, sync: EMPTY_SYNC, updatedAt: at });

/** Key of a books object in the index: connection, entity (lower case, as sources differ) and id. */
export const booksKey = (connection: string, entity: string, id: string): string => `${connection}|${entity.toLowerCase()}|${id}`;
