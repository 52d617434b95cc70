import type { OwnerInvoiceEvent } from '../documents/document-events.js';
import type { BooksJobResolved, MappingChanged, MappingRemapApplied, PostingDeadLettered, PostingFailed } from '../posting/posting-outcomes.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';
import type { ChangeOrderToCarry } from './owner-invoice.outputs.js';
import type { OwnerBillingSettings } from './sales-lines.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

interface Answer {
  readonly requestNo: number;
}

export type InvoicePosted = Msg<'InvoicePosted.v1', Answer & { invoiceId: string; syncToken: string; docNumber: string }>;
export type InvoiceUpdated = Msg<'InvoiceUpdated.v1', Answer & { invoiceId: string; syncToken: string }>;
/** Also the answer when the invoice was already void or gone. */
export type InvoiceVoided = Msg<'InvoiceVoided.v1', Answer & { invoiceId: string; syncToken: string }>;

export type OwnerInvoiceOutcome = BooksJobResolved | InvoicePosted | InvoiceUpdated | InvoiceVoided;

export type OwnerInvoiceInput =
  | OwnerInvoiceEvent | OwnerInvoiceOutcome | PostingFailed | PostingDeadLettered | MappingChanged | MappingRemapApplied | SyncRetryRequested;

/** What the runner looks up and passes in with every input. */
export interface OwnerInvoiceContext {
  /** Sales item and class per cost code (see salesTargetFor), and the project's Customer:Job. */
  readonly mapping: CostCodeMapping | null;
  /** The Customer:Job already found or created for the project, if any. */
  readonly jobLink: BooksRef | null;
  /** The connection's Progress Billing and Retainage items; null parks the invoice. */
  readonly billing: OwnerBillingSettings | null;
  /** Retainage held on the project before this input (evolveRetainageHeld over RetainageHeldChanged.v1). */
  readonly retainageHeld: Cents;
  /** The project's approved prime change orders no owner invoice carries yet (changeOrdersToCarry). */
  readonly changeOrdersToCarry: readonly ChangeOrderToCarry[];
}
