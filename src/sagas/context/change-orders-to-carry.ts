import type { ChangeOrderToCarry } from '../../domain/owner-invoices/index.js';

/**
 * The approved prime change order moves no owner invoice carries yet, per connection: the
 * change-order sagas' billing changes less what owner invoices say they carry. A durable read
 * model, implemented in src/projections; the owner-invoice saga keeps those of its prime contract.
 */
export interface ChangeOrdersToCarry {
  pending(connection: string): Promise<ChangeOrderToCarry[]>;
}
