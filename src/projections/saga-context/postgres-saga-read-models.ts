import type { AllPosition } from '../../eventstore/index.js';
import type { SagaReadModels } from '../../sagas/context/read-model-ports.js';
import type { Sql } from '../engine/projection.js';
import { readBooksLink } from './books-links.rows.js';
import { readChangeOrdersToCarry } from './change-orders-to-carry.rows.js';
import { readCommitted } from './committed-costs.rows.js';
import { readBilledBefore } from './invoices-billed.rows.js';
import { readPostedTransactions } from './posted-transactions.rows.js';
import { readRetainageHeld } from './retainage-held.rows.js';

/** Resolves once the saga-context projection has applied the events up to `position`. */
export type ReachedBy = (position: AllPosition, signal?: AbortSignal) => Promise<void>;

/** The sagas' read-model ports over the saga-context projection's views. */
export const postgresSagaReadModels = (db: Sql, reached: ReachedBy): SagaReadModels => ({
  booksLinks: { get: (connection, kind, externalId) => readBooksLink(db, connection, kind, externalId) },
  budget: { committed: (connection, commitmentId, billedBefore) => readCommitted(db, connection, commitmentId, billedBefore) },
  invoicesBilled: { billedBefore: (connection, commitmentId, invoiceId) => readBilledBefore(db, connection, commitmentId, invoiceId) },
  retainage: { heldOn: (connection, projectId) => readRetainageHeld(db, connection, projectId) },
  changeOrders: { pending: (connection) => readChangeOrdersToCarry(db, connection) },
  postedTransactions: { postedOf: (connection, txns) => readPostedTransactions(db, connection, txns) },
  caughtUpTo: reached,
});
