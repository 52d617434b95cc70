import { budgetLineEvent, commitmentEvents } from '../../bench/replay/contract-flow.js';
import { invoiceFlow, invoiceStream, type FlowEvent } from '../../bench/replay/invoice-flow.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { appendAll } from './append-flows.js';

export const P = '2468013';
const S = (amount: number, retainage = 0) => ({ costCode: '23-31-00', costType: 'S', amount, retainage });
const M = (amount: number, retainage = 0) => ({ costCode: '23-31-00', costType: 'M', amount, retainage });

/**
 * A small job on connection acme (and one invoice on beta): budget, a commitment, an invoice
 * posted, revised and partly paid, one edited by hand in the books, one parked for mapping.
 */
export const sampleLedger = (): FlowEvent[] => [
  budgetLineEvent('acme', P, '23-31-00', 'S', 150_000_00, 10_000_00),
  budgetLineEvent('acme', P, '23-31-00', 'M', 24_000_00, 0),
  ...commitmentEvents('acme', P, '786001', [S(150_000_00), M(12_000_00)]),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1001', lines: [S(50_000_00, 5_000_00), M(4_000_00, 400_00)], revisions: [[S(45_000_00, 4_500_00), M(4_000_00, 400_00)]], paid: 27_000_01 }),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1002', lines: [S(20_000_00, 2_000_00)], editedTotal: 19_000_00 }),
  ...invoiceFlow({ connection: 'acme', projectId: P, invoiceId: '1003', lines: [M(3_000_00)], outcome: 'mapping-missing' }),
  ...invoiceFlow({ connection: 'beta', projectId: '77', invoiceId: '2001', lines: [S(1_000_00)] }),
];

const CODES = ['22-11-00', '23-05-00', '23-07-00', '23-31-00'] as const;
const TYPES = ['L', 'M', 'S'] as const;

/** `count` invoices with every outcome the projection knows, over two projects, plus their budgets and commitments. */
export const variedLedger = (count: number, connection = 'acme'): FlowEvent[] => {
  const events: FlowEvent[] = [];
  for (let i = 0; i < count; i++) {
    const project = String(100 + (i % 2));
    const line = (k: number, scale = 1) => ({ costCode: CODES[(i + k) % CODES.length]!, costType: TYPES[(i + k) % TYPES.length]!, amount: (1_000_00 + i * 37 + k) * scale, retainage: 100_00 + k });
    const outcome = (['posted', 'posted', 'posted', 'mapping-missing', 'dead-lettered', 'none'] as const)[i % 6];
    if (i % 5 === 0) events.push(budgetLineEvent(connection, project, line(0).costCode, line(0).costType, 90_000_00 + i, i * 10));
    if (i % 7 === 0) events.push(...commitmentEvents(connection, project, `c${i}`, [line(0, 5), line(1, 5)], { voided: i % 14 === 0 }));
    events.push(...invoiceFlow({
      connection, projectId: project, invoiceId: String(5000 + i), lines: i % 3 === 0 ? [line(0), line(1)] : [line(0)], outcome,
      revisions: i % 4 === 0 ? [[line(0, 2)], [line(0, 2), line(2)]] : [], paid: i % 2 === 0 ? 500_00 + i : undefined,
      editedTotal: i % 9 === 0 ? 777_00 : undefined,
    }));
  }
  return events;
};

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
