import type { QuickBooksSandbox } from '../../../sandbox/quickbooks/index.js';
import type { EventStore } from '../../../src/eventstore/index.js';
import { booksList, budgetCell, linesOf } from './project-sync-probes.js';

export const WO_001 = 'WO-001';

/** WO-001's schedule of values (sample project) by cost code and type, in dollars, and the account each maps to. */
const WO_001_CELLS: ReadonlyArray<readonly [string, number, string]> = [
  ['23-31-00 S', 150000, '61'], ['23-31-00 M', 12000, '62'], ['23-33-00 S', 21000, '61'], ['23-37-00 S', 17500, '61'],
];

interface Observed {
  readonly purchaseOrders: ReadonlyArray<ReadonlyArray<readonly [number, string | undefined]>>;
  readonly committed: Readonly<Record<string, { model: number; raw: number }>>;
}

const observe = async (store: EventStore, quickbooks: QuickBooksSandbox): Promise<Observed> => {
  const purchaseOrders = booksList(quickbooks, 'PurchaseOrder', (po) => po.DocNumber === WO_001).map((po) => linesOf(po).map(([amount, account]) => [amount, account] as const));
  const committed: Record<string, { model: number; raw: number }> = {};
  for (const [cell] of WO_001_CELLS) {
    const [costCode, costType] = cell.split(' ') as [string, string];
    const view = await budgetCell(store, costCode, costType);
    committed[cell] = { model: view.line.committed, raw: view.committedRaw };
  }
  return { purchaseOrders, committed };
};

/**
 * Waits until the one PurchaseOrder of WO-001 and the budget model's committed cost both say
 * what `changed` says (dollars per cell; the other cells as the commitment has them): the PO's
 * lines per cost code, committed cost per cost code, and the raw sum of the recorded
 * CommittedCostAdjusted.v1 facts equal to the model's (nothing recorded twice).
 */
export const expectPurchaseOrder = async (store: EventStore, quickbooks: QuickBooksSandbox, changed: Readonly<Record<string, number>>, what: string, timeoutMs = 30_000): Promise<void> => {
  const cells = WO_001_CELLS.map(([cell, amount, account]) => [cell, changed[cell] ?? amount, account] as const);
  const wantedLines = JSON.stringify([cells.map(([, amount, account]) => [amount, account])]);
  const wantedCommitted = JSON.stringify(Object.fromEntries(cells.map(([cell, amount]) => [cell, { model: amount * 100, raw: amount * 100 }])));
  const deadline = Date.now() + timeoutMs;
  let last: Observed | undefined;
  for (;;) {
    last = await observe(store, quickbooks);
    if (JSON.stringify(last.purchaseOrders) === wantedLines && JSON.stringify(last.committed) === wantedCommitted) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: wanted PO lines ${wantedLines} and committed ${wantedCommitted}, saw ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};
