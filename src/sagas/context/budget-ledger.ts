import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import {
  BUDGET_INPUT_TYPES, committedByCostCode, evolveBudget, initialBudgetState, type BudgetInput, type BudgetState,
} from '../../domain/budget/index.js';
import type { CommittedCost } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import { FactIndex } from './fact-index.js';

/**
 * The hub's budget model per connection (src/domain/budget), folded from the change-order and
 * commitment sagas' facts and Procore's budget lines. Kept live, because the invoice saga asks
 * for a commitment's amounts synchronously; `catchUp()` for callers that must see every fact.
 */
export class BudgetLedger {
  private readonly budgets = new Map<string, BudgetState>();
  private readonly index: FactIndex;

  constructor(store: EventStore) {
    this.index = new FactIndex(store, BUDGET_INPUT_TYPES, (event) => this.fold(event));
  }

  budget(connection: string): BudgetState {
    return this.budgets.get(connection) ?? initialBudgetState;
  }

  /**
   * What the commitment allows per cost code now (its lines and approved change orders), for
   * the invoice saga's over-billing check; null when the hub never saw it approved (check skipped).
   * `billedBefore` stays zero: the invoice saga's lookup does not say which invoice asks, so
   * "the commitment's other invoices" can't be told apart here; each invoice is checked alone.
   */
  committed(connection: string, commitmentId: string): readonly CommittedCost[] | null {
    return committedByCostCode(this.budget(connection), commitmentId);
  }

  catchUp(): Promise<void> {
    return this.index.catchUp();
  }

  start(): void {
    this.index.start();
  }

  stop(): Promise<void> {
    return this.index.stop();
  }

  private fold(event: RecordedEvent): void {
    const connection = event.metadata.connection;
    if (!connection) return;
    this.budgets.set(connection, evolveBudget(this.budget(connection), { type: event.type, data: event.data } as BudgetInput));
  }
}
