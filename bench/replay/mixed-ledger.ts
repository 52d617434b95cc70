/** A realistic mix of construction documents and their syncs, for the bench and the projection tests. */
import { budgetLineEvent, commitmentEvents, primeChangeOrderEvents } from './contract-flow.js';
import { invoiceFlow, type FlowEvent } from './invoice-flow.js';

const CODES = ['22-11-00', '23-05-00', '23-07-00', '23-31-00', '23-33-00', '23-37-00'] as const;
const TYPES = ['L', 'M', 'S'] as const;
const OUTCOMES = ['posted', 'posted', 'posted', 'posted', 'mapping-missing', 'dead-lettered', 'posted', 'none'] as const;

/**
 * `count` subcontractor invoices over a few projects, with every outcome the hub records:
 * posted (some revised, paid, or edited by hand in the books), parked for mapping,
 * dead-lettered, or not yet synced; plus budget lines, prime change orders and commitments (some voided).
 */
export const mixedLedger = (count: number, connection = 'acme', projects = 2): FlowEvent[] => {
  const events: FlowEvent[] = [];
  for (let i = 0; i < count; i++) {
    const project = String(100 + (i % projects));
    const line = (k: number, scale = 1) => ({
      costCode: CODES[(i + k) % CODES.length]!, costType: TYPES[(i + k) % TYPES.length]!, amount: (1_000_00 + i * 37 + k) * scale, retainage: 100_00 + k,
    });
    if (i % 5 === 0) events.push(budgetLineEvent(connection, project, line(0).costCode, line(0).costType, 90_000_00 + i, new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString()));
    if (i % 11 === 0) events.push(...primeChangeOrderEvents(connection, project, `p${i}`, [line(0, 3)]));
    if (i % 7 === 0) events.push(...commitmentEvents(connection, project, `c${i}`, [line(0, 5), line(1, 5)], { voided: i % 14 === 0 }));
    events.push(...invoiceFlow({
      connection, projectId: project, invoiceId: String(5000 + i), lines: i % 3 === 0 ? [line(0), line(1)] : [line(0)], outcome: OUTCOMES[i % OUTCOMES.length],
      revisions: i % 4 === 0 ? [[line(0, 2)], [line(0, 2), line(2)]] : [], paid: i % 2 === 0 ? 500_00 + i : undefined,
      editedTotal: i % 9 === 0 ? 777_00 : undefined,
    }));
  }
  return events;
};
