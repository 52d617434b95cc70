import { budgetLineEvent, commitmentEvents, primeChangeOrderEvents } from '../../bench/replay/contract-flow.js';
import { mixedLedger } from '../../bench/replay/mixed-ledger.js';
import { invoiceFlow, invoiceStream, type FlowEvent } from '../../bench/replay/invoice-flow.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { appendAll } from './append-flows.js';

export const P = '2468013';
const S = (amount: number, retainage = 0) => ({ costCode: '23-31-00', costType: 'S', amount, retainage });
const M = (amount: number, retainage = 0) => ({ costCode: '23-31-00', costType: 'M', amount, retainage });

/**
 * A small job on connection acme (and one invoice on beta): budget, a prime change order, a commitment, an invoice
 * posted, revised and partly paid, one edited by hand in the books, one parked for mapping.
 */
export const sampleLedger = (): FlowEvent[] => [
  budgetLineEvent('acme', P, '23-31-00', 'S', 150_000_00),
  budgetLineEvent('acme', P, '23-31-00', 'M', 24_000_00),
  ...primeChangeOrderEvents('acme', P, '92001', [S(10_000_00)]),
  ...commitmentEvents('acme', P, '786001', [S(150_000_00), M(12_000_00)]),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1001', lines: [S(50_000_00, 5_000_00), M(4_000_00, 400_00)], revisions: [[S(45_000_00, 4_500_00), M(4_000_00, 400_00)]], paid: 27_000_01 }),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1002', lines: [S(20_000_00, 2_000_00)], editedTotal: 19_000_00 }),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1003', lines: [M(3_000_00)], outcome: 'mapping-missing' }),
  ...invoiceFlow({ connection: 'beta', projectId: '77', invoiceId: '2001', lines: [S(1_000_00)] }),
];

/** Many invoices with every outcome (see bench/replay/mixed-ledger.ts). */
export const variedLedger = (count: number, connection = 'acme'): FlowEvent[] => mixedLedger(count, connection);

/**
 * An invoice posted, then revised (10 000.00 -> 8 000.00) and posted again, appended in two
 * parts with a pause between: `between` is an instant after the first posting and before the revision.
 */
export const appendAroundRevision = async (store: EventStore, connection: string, invoiceId: string) => {
  const flow = invoiceFlow({ connection, projectId: P, invoiceId, lines: [S(10_000_00)], revisions: [[S(8_000_00)]] });
  const revision = flow.findIndex((e) => e.type === 'SubcontractorInvoiceRevised.v1');
  await appendAll(store, flow.slice(0, revision));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const between = new Date(Date.now() - 10);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const last = await appendAll(store, flow.slice(revision));
  return { document: invoiceStream(connection, invoiceId), between, last: last! };
};
