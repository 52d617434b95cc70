import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PROJECT, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import type { ProcoreSandbox } from '../../sandbox/procore/index.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Sums = Map<string, number>;
type Row = { costCode: string; costType: string; originalBudget: string; committed: string; invoiced: string; posted: string; status: string };
type BooksDoc = { Id: string; DocNumber?: string; Line: Array<{ Amount?: number; Description?: string }> };

const add = (sums: Sums, key: string, cents: number) => sums.set(key, (sums.get(key) ?? 0) + cents);
const cents = (decimal: string) => Math.round(Number(decimal) * 100);

/** The construction side from the Procore sandbox's own records: budget, approved commitments, approved invoices. */
const procoreSums = (procore: ProcoreSandbox) => {
  const s = procore.state.store;
  const keyOf = (wbsCodeId: number) => {
    const wbs = s.wbsCodes.get(wbsCodeId)!;
    return `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
  };
  const budget: Sums = new Map();
  const committed: Sums = new Map();
  const invoiced: Sums = new Map();
  for (const line of s.budgetLines.values()) add(budget, keyOf(line.wbsCodeId), line.originalCents);
  for (const c of s.commitments.values()) if (c.status === 'Approved') for (const l of c.lines) add(committed, keyOf(l.wbsCodeId), l.amountCents);
  for (const r of s.requisitions.values()) {
    if (r.status !== 'approved') continue;
    const lines = s.commitments.get(r.commitmentId)!.lines;
    for (const item of r.items) add(invoiced, keyOf(lines.find((l) => l.id === item.contractLineId)!.wbsCodeId), item.thisPeriodCents);
  }
  return { budget, committed, invoiced };
};

/** The books side from the QuickBooks sandbox: each bill line says its cost code first ("23-31-00/S ..."); credits count negative. */
const booksSums = (quickbooks: QuickBooksSandbox): Sums => {
  const posted: Sums = new Map();
  for (const [entity, sign] of [['Bill', 1], ['VendorCredit', -1]] as const) {
    for (const doc of quickbooks.company().list(entity) as unknown as BooksDoc[]) {
      for (const line of doc.Line) {
        const match = /^(\S+\/\S+) /.exec(line.Description ?? '');
        if (match) add(posted, match[1]!, sign * Math.round((line.Amount ?? 0) * 100));
      }
    }
  }
  return posted;
};

describe('reconciliation of the sample project (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const rows = async (): Promise<Row[]> => {
    const response = await fetch(`${h.url}/finance/reconciliation?connection=demo&project=${SAMPLE_PROJECT.id}&pageSize=500`, { headers: { 'x-api-key': h.key('finance') } });
    return ((await response.json()) as { items: Row[] }).items;
  };

  beforeAll(async () => {
    h = await startTrestleHarness();
    h.procore.state.approveCommitment(786001);
    h.procore.state.approveCommitment(786002);
    for (const requisition of SAMPLE_REQUISITIONS) {
      h.procore.state.submitRequisition(Number(requisition.id));
      h.procore.state.approveRequisition(Number(requisition.id));
    }
    await eventually('every sample invoice in the books', () => {
      const numbers = new Set([...h.quickbooks.company().list('Bill'), ...h.quickbooks.company().list('VendorCredit')].map((d) => (d as { DocNumber?: string }).DocNumber));
      return SAMPLE_REQUISITIONS.every((r) => numbers.has(r.invoiceNumber));
    }, 60_000);
    await eventually('every invoice in sync', async () => {
      const all = await rows();
      return all.some((r) => cents(r.posted) !== 0) && all.every((r) => r.status === 'in_sync');
    }, 30_000);
  });
  afterAll(async () => h?.close());

  it('totals per cost code and type match the sums of each sandbox, on both sides', async () => {
    const { budget, committed, invoiced } = procoreSums(h.procore);
    const posted = booksSums(h.quickbooks);
    const expected = [...new Set([...budget.keys(), ...committed.keys(), ...invoiced.keys(), ...posted.keys()])].sort()
      .map((key) => [key, budget.get(key) ?? 0, committed.get(key) ?? 0, invoiced.get(key) ?? 0, posted.get(key) ?? 0]);
    const reported = (all: Row[]) => all.map((r) => [`${r.costCode}/${r.costType}`, cents(r.originalBudget), cents(r.committed), cents(r.invoiced), cents(r.posted)]);
    // The hub learns the budget from Procore's polls, after the invoices: wait until the cells agree (a row can
    // exist before its budget line is polled), then compare whole, so a mismatch that never resolves shows its diff.
    const agrees = async () => JSON.stringify(reported(await rows())) === JSON.stringify(expected);
    await eventually('the reconciliation to carry every cell', agrees, 60_000).catch(() => undefined);
    expect(reported(await rows())).toEqual(expected);
    expect(expected.find(([key]) => key === '23-31-00/S')?.[3]).toBe(4_500_000 + 5_250_000 - 250_000);
    expect((await rows()).every((r) => r.status === 'in_sync')).toBe(true);
  });

  it('turns the row of a bill edited by hand to mismatch, and lists the invoice in discrepancies', async () => {
    const [nsm1041] = SAMPLE_REQUISITIONS;
    const bill = (h.quickbooks.company().list('Bill') as unknown as BooksDoc[]).find((b) => b.DocNumber === nsm1041.invoiceNumber)!;
    // The edit may land in the same second as the hub's last write of this bill: it is told apart
    // by its SyncToken, so it is fetched and recorded, never taken for that write's echo.
    h.quickbooks.company().editBillLine(bill.Id, 44000);
    const row = await eventually('the row to turn to mismatch',
      async () => (await rows()).find((r) => r.costCode === '23-31-00' && r.costType === 'S' && r.status === 'mismatch'), 60_000);
    expect(row.status).toBe('mismatch');
    const response = await fetch(`${h.url}/finance/discrepancies?connection=demo&reason=edited_by_hand`, { headers: { 'x-api-key': h.key('finance') } });
    const { items } = (await response.json()) as { items: Array<Record<string, unknown>> };
    expect(items).toEqual([expect.objectContaining({
      document: `demo.procore.subcontractor_invoice-${nsm1041.id}`, reason: 'edited_by_hand', booksEntity: 'Bill', booksId: bill.Id, booksAmount: '44000.00',
    })]);
  });
});
