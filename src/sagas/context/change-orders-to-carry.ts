import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import type { PrimeChangeOrderBillingChanged } from '../../domain/change-orders/index.js';
import { changeOrdersToCarry, type ChangeOrderToCarry, type OwnerInvoiceChangeOrdersCarried } from '../../domain/owner-invoices/index.js';
import { FactIndex } from './fact-index.js';

const TYPES = ['PrimeChangeOrderBillingChanged.v1', 'OwnerInvoiceChangeOrdersCarried.v1'] as const satisfies readonly (PrimeChangeOrderBillingChanged | OwnerInvoiceChangeOrdersCarried)['type'][];

interface Facts {
  readonly billing: PrimeChangeOrderBillingChanged[];
  readonly carried: OwnerInvoiceChangeOrdersCarried[];
}

/**
 * The approved prime change order moves no owner invoice carries yet, per connection: the
 * change-order sagas' billing changes less what owner invoices say they carry.
 */
export class ChangeOrdersToCarry {
  private readonly facts = new Map<string, Facts>();
  private readonly index: FactIndex;

  constructor(store: EventStore) {
    this.index = new FactIndex(store, TYPES, (event) => this.fold(event));
  }

  /** As of every fact committed before the call; the owner-invoice saga keeps those of its prime contract. */
  async pending(connection: string): Promise<ChangeOrderToCarry[]> {
    await this.index.catchUp();
    const facts = this.facts.get(connection);
    return facts ? changeOrdersToCarry(facts.billing, facts.carried) : [];
  }

  private fold(event: RecordedEvent): void {
    const connection = event.metadata.connection;
    if (!connection) return;
    const facts = this.facts.get(connection) ?? { billing: [], carried: [] };
    const message = { type: event.type, data: event.data };
    if (event.type === 'PrimeChangeOrderBillingChanged.v1') facts.billing.push(message as PrimeChangeOrderBillingChanged);
    else facts.carried.push(message as OwnerInvoiceChangeOrdersCarried);
    this.facts.set(connection, facts);
  }
}
