import { budgetLineEvent, commitmentEvents } from '../../bench/replay/contract-flow.js';
import { invoiceFlow, type FlowEvent } from '../../bench/replay/invoice-flow.js';

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
