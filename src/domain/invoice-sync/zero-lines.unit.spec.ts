import { describe, expect, it } from 'vitest';
import { costLine, given, invoiceEvent, invoiceWith, INVOICE } from './invoice-sync.fixtures.js';

/** Procore lists every schedule-of-values line on a requisition, billed this period or not. */
describe('invoice sync: lines with nothing billed this period', () => {
  it('are left off the bill, which still totals the invoice', () => {
    const withIdle = invoiceWith([...INVOICE.lines, costLine('5', '23-31-00', 'S', 'Ductwork: closeout', '0.00')]);
    const outputs = given([]).when(invoiceEvent('Approved', 'v1', withIdle));
    const post = outputs.find((o) => o.type === 'PostBillRequested.v1');
    if (post?.type !== 'PostBillRequested.v1') throw new Error('no bill was requested');
    expect(post.data.lines.map((l) => l.source?.lineId ?? 'retainage')).toEqual(['1', '2', '3', '4', 'retainage']);
    expect(post.data.lines.every((l) => l.amount !== 0)).toBe(true);
    expect(post.data.total).toBe(7_200_000 - 720_000);
  });
});
