import type { PrimeChangeOrderBillingChanged } from '../../domain/change-orders/index.js';
import { documentStream } from '../../domain/documents/document-ref.js';
import { changeOrdersToCarry, type ChangeOrderToCarry, type OwnerInvoiceChangeOrdersCarried } from '../../domain/owner-invoices/index.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

type Fact = PrimeChangeOrderBillingChanged | OwnerInvoiceChangeOrdersCarried;

/** Zero-padded so billing rows sort in $all order by key. */
const ordered = (event: RecordedEvent): string =>
  `${event.position.commit.toString().padStart(20, '0')}/${event.position.prepare.toString().padStart(20, '0')}`;

/**
 * The facts the domain's `changeOrdersToCarry` weighs, per connection: every prime change
 * order billing change (`billing|{position}`, in $all order), and the latest change orders
 * each owner invoice carries (`carried|{owner invoice stream}`).
 */
export const changeOrdersToCarryFold: KeyedFold<Fact> = {
  base: 'saga_change_orders_to_carry',
  eventTypes: ['PrimeChangeOrderBillingChanged.v1', 'OwnerInvoiceChangeOrdersCarried.v1'],
  readsCurrent: false,
  keysOf: (event) => {
    const connection = event.metadata.connection;
    if (!connection) return [];
    if (event.type === 'PrimeChangeOrderBillingChanged.v1') return [{ connection, key: `billing|${ordered(event)}` }];
    const document = (event.data as { document?: Parameters<typeof documentStream>[0] } | null)?.document;
    return document ? [{ connection, key: `carried|${documentStream(document)}` }] : [];
  },
  evolve: (_current, event) => ({ grp: event.type === 'PrimeChangeOrderBillingChanged.v1' ? 'billing' : 'carried', value: { type: event.type, data: event.data } as Fact }),
};

export const readChangeOrdersToCarry = async (db: Sql, connection: string): Promise<ChangeOrderToCarry[]> => {
  const rows = await select<{ grp: string; value: Fact }>(db, 'SELECT grp, value FROM projections.saga_change_orders_to_carry WHERE connection = $1 ORDER BY key',
    [connection]);
  const billing = rows.filter((r) => r.grp === 'billing').map((r) => r.value as PrimeChangeOrderBillingChanged);
  const carried = rows.filter((r) => r.grp === 'carried').map((r) => r.value as OwnerInvoiceChangeOrdersCarried);
  return changeOrdersToCarry(billing, carried);
};
