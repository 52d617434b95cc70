import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import {
  BUDGET_INPUT_TYPES, committedByCostCode, evolveBudget, initialBudgetState, type BudgetInput, type BudgetState,
} from '../../domain/budget/index.js';
import { EMPTY_LEDGER, type Ledger } from '../../domain/budget/cost-ledger.js';
import type { CommittedCost } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import { FactIndex } from './fact-index.js';

/**
 * The hub's budget model per connection (src/domain/budget), folded from the change-order and
 * commitment sagas' facts and Procore's budget lines. Kept live; `catchUp()` for callers that
 * must see every fact (the invoice saga's commitment lookup, ProjectSyncContext.commitmentFor).
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
   * `billedBefore`: gross billed on the commitment's other invoices (ProjectSyncContext.commitmentFor).
   */
  committed(connection: string, commitmentId: string, billedBefore: Ledger = EMPTY_LEDGER): readonly CommittedCost[] | null {
    return committedByCostCode(this.budget(connection), commitmentId, billedBefore);
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
