import type { RecordedEvent } from '../../eventstore/index.js';
import type { ProjectionDefinition, ProjectionModel, Sql } from '../engine/projection.js';
import { booksLinksFold } from './books-links.rows.js';
import { changeOrdersToCarryFold } from './change-orders-to-carry.rows.js';
import { committedCostsFold } from './committed-costs.rows.js';
import { invoicesBilledFold } from './invoices-billed.rows.js';
import { keyedDdl, keyedTable, keyedView, KeyedRowsModel, type KeyedFold } from './keyed-rows.js';
import { postedTransactionsFold } from './posted-transactions.rows.js';
import { retainageHeldFold } from './retainage-held.rows.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each fold keeps its own row type
const FOLDS: readonly KeyedFold<any>[] = [
  booksLinksFold, postedTransactionsFold, committedCostsFold, invoicesBilledFold, retainageHeldFold, changeOrdersToCarryFold,
];

export const SAGA_CONTEXT = 'saga-context';

/** Every fold's model, driven as one: one batch, one transaction, one checkpoint for all of them. */
class SagaContextModel implements ProjectionModel {
  private readonly parts: readonly ProjectionModel[];

  constructor(generation: number) {
    this.parts = FOLDS.map((fold) => new KeyedRowsModel(fold, keyedTable(fold.base, generation)));
  }

  async open(db: Sql): Promise<void> {
    for (const part of this.parts) await part.open(db);
  }

  async prepare(events: readonly RecordedEvent[], db: Sql): Promise<void> {
    for (const part of this.parts) await part.prepare(events, db);
  }

  apply(event: RecordedEvent): void {
    for (const part of this.parts) part.apply(event);
  }

  get pendingWrites(): number {
    return this.parts.reduce((sum, part) => sum + part.pendingWrites, 0);
  }

  async flush(tx: Sql): Promise<void> {
    for (const part of this.parts) await part.flush(tx);
  }

  release(): void {
    for (const part of this.parts) part.release();
  }
}

/**
 * The read models the sagas consult (books links, posted transactions, committed costs,
 * invoices billed, retainage held, change orders to carry): one projection, so one runner,
 * one checkpoint the sagas wait on, and one rebuild that switches them all at once.
 */
export const sagaContextProjection: ProjectionDefinition = {
  name: SAGA_CONTEXT,
  version: 1,
  filter: { eventTypes: [...new Set(FOLDS.flatMap((f) => f.eventTypes))] },
  ddl: (generation) => FOLDS.map((f) => keyedDdl(f.base, generation)).join('\n'),
  views: (generation) => FOLDS.map((f) => keyedView(f.base, generation)).join('\n'),
  tables: (generation) => FOLDS.map((f) => keyedTable(f.base, generation)),
  model: (generation) => new SagaContextModel(generation),
};
