import type { AllPosition } from '../../eventstore/index.js';
import type { BooksLinks } from '../links/books-links.js';
import type { BudgetLedger } from './budget-ledger.js';
import type { ChangeOrdersToCarry } from './change-orders-to-carry.js';
import type { InvoicesBilled } from './invoices-billed.js';
import type { PostedTransactions } from './payment-links.js';
import type { RetainageLedger } from './retainage-ledger.js';

/**
 * What the sagas look up about the history, as durable read models (checkpointed projections
 * in PostgreSQL, src/projections/saga-context). The sagas own these ports; the projections
 * module provides them under SAGA_READ_MODELS.
 */
export interface SagaReadModels {
  readonly booksLinks: BooksLinks;
  readonly budget: BudgetLedger;
  readonly invoicesBilled: InvoicesBilled;
  readonly retainage: RetainageLedger;
  readonly changeOrders: ChangeOrdersToCarry;
  readonly postedTransactions: PostedTransactions;
  /**
   * Resolves once every one of these read models has applied the events up to `position`
   * (a saga's input); rejects when `signal` aborts (the subscriber stopping).
   */
  caughtUpTo(position: AllPosition, signal?: AbortSignal): Promise<void>;
}

export const SAGA_READ_MODELS = Symbol('SagaReadModels');
