import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_PROJECT, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import type { ProcoreSandbox } from '../../sandbox/procore/index.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Sums = Map<string, number>;
type Row = {
  costCode: string; costType: string; originalBudget: string; committed: string; invoiced: string; labour: string; posted: string; books: string;
  booksDifference: string; paid: string; retainageHeld: string; retainagePaid: string; variance: string; status: string;
};
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

/** Retainage withheld per cost key: each approved invoice line at its commitment's retainage percent (Procore's own rule). */
const retainageSums = (procore: ProcoreSandbox): Sums => {
  const s = procore.state.store;
  const withheld: Sums = new Map();
  for (const r of s.requisitions.values()) {
    if (r.status !== 'approved') continue;
    const commitment = s.commitments.get(r.commitmentId)!;
    const basisPoints = commitment.retainageRate;
    for (const item of r.items) {
      const wbs = s.wbsCodes.get(commitment.lines.find((l) => l.id === item.contractLineId)!.wbsCodeId)!;
      const key = `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
      add(withheld, key, Math.sign(item.thisPeriodCents) * Math.round(Math.abs(item.thisPeriodCents) * basisPoints / 10_000));
    }
  }
  return withheld;
};

/** Approved time per cost key at the cost rate the books hold for each employee (QuickBooks Employee CostRate, matched by name). */
const labourSums = (procore: ProcoreSandbox, quickbooks: QuickBooksSandbox): Sums => {
  const s = procore.state.store;
  const rates = new Map((quickbooks.company().list('Employee') as unknown as Array<{ DisplayName: string; CostRate?: number }>)
    .map((e) => [e.DisplayName, Math.round((e.CostRate ?? 0) * 100)]));
  const labour: Sums = new Map();
  for (const t of s.timecards.values()) {
    if (t.deletedAt !== null || t.approvalStatus !== 'approved') continue;
    const wbs = s.wbsCodes.get(t.wbsCodeId)!;
    const key = `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
    add(labour, key, Math.round(Number(t.hours) * 100) * rates.get(t.partyName)! / 100);
  }
  return labour;
};

type OwnerLine = { costCode: string | null; billed: string; retainageReceivable: string; net: string; received: string; outstanding: string; inBooks: string };

/** The owner side per cost code from Procore's approved pay applications: work at gross, retained at the prime contract's rate, released. */
const ownerSums = (procore: ProcoreSandbox): Map<string, { billed: number; retainage: number }> => {
  const s = procore.state.store;
  const sums = new Map<string, { billed: number; retainage: number }>();
  for (const pa of s.paymentApplications.values()) {
    if (pa.status !== 'approved' || pa.deletedAt !== null) continue;
    const prime = s.primeContracts.get(pa.primeContractId)!;
    for (const item of pa.lines) {
      const wbs = s.wbsCodes.get(prime.lines.find((l) => l.id === item.contractLineId)!.wbsCodeId)!;
      const code = s.costCodes.get(wbs.costCodeId)!.fullCode;
      const sum = sums.get(code) ?? { billed: 0, retainage: 0 };
      sums.set(code, { billed: sum.billed + item.thisPeriodCents, retainage: sum.retainage + Math.round(item.thisPeriodCents * prime.retainageRate / 10_000) });
    }
  }
  return sums;
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

type Figures = { retained: number; released: number; paid: number; paidBeforeRelease: number };
type CommitmentLine = { costCode: string; costType: string; retained: string; released: string; held: string; paid: string; paidBeforeRelease: string; outstanding: string };
type CommitmentRetainage = CommitmentLine & { commitmentId: string; netDue: string; paidAmount: string; costCodes: CommitmentLine[];
  discrepancies: Array<{ reason: string; paid: string; due: string; documents: string[] }> };

/**
 * Retainage per commitment from the sandboxes' own records: what each approved requisition
 * retains (its commitment's percent, rounded per line) and releases in Procore, and what the
 * QuickBooks bill payments paid on its bill beyond its work net of retainage (up to what it
 * retained and released); what the commitment's releases do not cover was paid before release.
 */
const commitmentRetainage = (procore: ProcoreSandbox, quickbooks: QuickBooksSandbox): Map<string, Figures> => {
  const s = procore.state.store;
  const bills = quickbooks.company().list('Bill') as unknown as BooksDoc[];
  const payments = (quickbooks.company().list('BillPayment') as unknown as Array<{ Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string }> }> }>).flatMap((p) => p.Line);
  const paidOn = (invoiceNumber: string) => {
    const bill = bills.find((b) => b.DocNumber === invoiceNumber);
    return bill ? payments.filter((l) => l.LinkedTxn.some((t) => t.TxnId === bill.Id)).reduce((sum, l) => sum + Math.round(l.Amount * 100), 0) : 0;
  };
  const sums = new Map<string, Figures & { retainagePaid: number }>();
  for (const r of s.requisitions.values()) {
    if (r.status !== 'approved' || r.deletedAt !== null) continue;
    const rate = s.commitments.get(r.commitmentId)!.retainageRate;
    const work = r.items.reduce((sum, i) => sum + i.thisPeriodCents, 0);
    const retained = r.items.reduce((sum, i) => sum + Math.sign(i.thisPeriodCents) * Math.round(Math.abs(i.thisPeriodCents) * rate / 10_000), 0);
    const released = r.items.reduce((sum, i) => sum + (i.releasedCents ?? 0), 0);
    const retainagePaid = Math.min(Math.max(paidOn(r.invoiceNumber) - (work - retained), 0), Math.max(retained + released, 0));
    const c = sums.get(String(r.commitmentId)) ?? { retained: 0, released: 0, paid: 0, paidBeforeRelease: 0, retainagePaid: 0 };
    sums.set(String(r.commitmentId), { ...c, retained: c.retained + retained, released: c.released + released, retainagePaid: c.retainagePaid + retainagePaid });
  }
  return new Map([...sums].map(([id, c]) => [id, {
    retained: c.retained, released: c.released, paid: c.retainagePaid, paidBeforeRelease: c.retainagePaid - Math.min(c.retainagePaid, Math.max(c.released, 0)),
  }]));
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
    const withheld = retainageSums(h.procore);
    expect((await rows()).map((r) => [`${r.costCode}/${r.costType}`, cents(r.retainageHeld)]))
      .toEqual(expected.map(([key]) => [key, withheld.get(key as string) ?? 0]));
    // Before anything changes in the books, their side is the hub's.
    expect((await rows()).every((r) => r.books === r.posted && cents(r.booksDifference) === 0)).toBe(true);
  });

  it('turns the row of a bill edited by hand to mismatch, and lists the invoice in discrepancies', async () => {
    const [nsm1041] = SAMPLE_REQUISITIONS;
    const bill = (h.quickbooks.company().list('Bill') as unknown as BooksDoc[]).find((b) => b.DocNumber === nsm1041.invoiceNumber)!;
    // The edit may land in the same second as the hub's last write of this bill: it is told apart
    // by its SyncToken, so it is fetched and recorded, never taken for that write's echo.
    const postedBefore = booksSums(h.quickbooks).get('23-31-00/S')!;
    h.quickbooks.company().editBillLine(bill.Id, 44000);
    const row = await eventually('the row to turn to mismatch',
      async () => (await rows()).find((r) => r.costCode === '23-31-00' && r.costType === 'S' && r.status === 'mismatch'), 60_000);
    expect(row.status).toBe('mismatch');
    // Both sides: the hub's posting as it wrote it, the books as they are now (read from the sandbox), and the variance.
    const booksNow = booksSums(h.quickbooks).get('23-31-00/S')!;
    expect(postedBefore - booksNow).toBe(1_000_00);
    expect([cents(row.posted), cents(row.books), cents(row.booksDifference), cents(row.variance)])
      .toEqual([postedBefore, booksNow, booksNow - postedBefore, cents(row.invoiced) - booksNow]);
    const response = await fetch(`${h.url}/finance/discrepancies?connection=demo&reason=edited_by_hand`, { headers: { 'x-api-key': h.key('finance') } });
    const { items } = (await response.json()) as { items: Array<Record<string, unknown>> };
    expect(items).toEqual([expect.objectContaining({
      document: `demo.procore.subcontractor_invoice-${nsm1041.id}`, reason: 'edited_by_hand', booksEntity: 'Bill', booksId: bill.Id, booksAmount: '44000.00',
    })]);
  });

  it('shows a bill deleted by hand on the books\' side only', async () => {
    const [, si2207] = SAMPLE_REQUISITIONS;
    const bill = (h.quickbooks.company().list('Bill') as unknown as BooksDoc[]).find((b) => b.DocNumber === si2207.invoiceNumber)!;
    const posted = booksSums(h.quickbooks).get('23-07-00/S')!;
    h.quickbooks.company().deleteBill(bill.Id);
    const row = await eventually('the deletion on the row',
      async () => (await rows()).find((r) => r.costCode === '23-07-00' && r.costType === 'S' && cents(r.books) === 0 && r.status === 'mismatch'), 60_000);
    expect(booksSums(h.quickbooks).get('23-07-00/S') ?? 0).toBe(0);
    expect([cents(row.posted), cents(row.books), cents(row.booksDifference), cents(row.variance)]).toEqual([posted, 0, -posted, cents(row.invoiced)]);
  });

  it('costs the week\'s timecards at each employee\'s cost rate in the books, posted as TimeActivity CostRate and counted as labour', async () => {
    h.procore.state.approveTimecards();
    const labour = labourSums(h.procore, h.quickbooks);
    expect(labour.get('23-05-00/L')).toBe(3_570_00);
    const row = await eventually('labour in the reconciliation', async () => (await rows()).find((r) =>
      r.costCode === '23-05-00' && r.costType === 'L' && cents(r.labour) === labour.get('23-05-00/L') && cents(r.books) === cents(r.labour) && r.status === 'in_sync'), 60_000);
    expect([cents(row.posted), cents(row.variance)]).toEqual([labour.get('23-05-00/L'), 0]);
    const activities = h.quickbooks.company().list('TimeActivity') as unknown as Array<{ EmployeeRef: { value: string }; Hours: number; Minutes: number; CostRate?: number }>;
    const rates = new Map((h.quickbooks.company().list('Employee') as unknown as Array<{ Id: string; CostRate?: number }>).map((e) => [String(e.Id), e.CostRate]));
    expect(activities).toHaveLength(10);
    for (const a of activities) expect(a.CostRate).toBe(rates.get(a.EmployeeRef.value));
    // What the books cost: each activity's hours and minutes at its CostRate.
    expect(activities.reduce((s, a) => s + Math.round((a.Hours * 60 + a.Minutes) * (a.CostRate ?? 0) * 100 / 60), 0)).toBe(labour.get('23-05-00/L'));
    const jobCost = await fetch(`${h.url}/finance/job-cost?connection=demo&costCode=23-05-00`, { headers: { 'x-api-key': h.key('finance') } });
    expect(((await jobCost.json()) as { items: Array<{ actual: string }> }).items.map((l) => cents(l.actual))).toEqual([labour.get('23-05-00/L')]);
  });

  it('bills the owner: gross, retainage receivable, net, received and outstanding per cost code, against accounts receivable', async () => {
    const [pa1] = SAMPLE_PAYMENT_APPLICATIONS;
    h.procore.state.submitPaymentApplication(Number(pa1.id));
    h.procore.state.approvePaymentApplication(Number(pa1.id));
    const ownerBilling = async () => {
      const response = await fetch(`${h.url}/finance/owner-billing?connection=demo&project=${SAMPLE_PROJECT.id}`, { headers: { 'x-api-key': h.key('finance') } });
      expect(response.status).toBe(200);
      return (await response.json()) as { items: OwnerLine[]; projects: OwnerLine[] };
    };
    const invoices = () => h.quickbooks.company().list('Invoice') as unknown as Array<{ Id: string; TotalAmt: number }>;
    const arTotal = () => invoices().reduce((sum, i) => sum + Math.round(i.TotalAmt * 100), 0);
    const expected = ownerSums(h.procore);
    const billedTotal = [...expected.values()].reduce((sum, v) => sum + v.billed - v.retainage, 0);
    await eventually('the owner invoice in accounts receivable', async () =>
      arTotal() === billedTotal && cents((await ownerBilling()).projects[0]?.inBooks ?? '0') === billedTotal, 60_000);
    const first = await ownerBilling();
    expect(first.items.map((l) => [l.costCode, cents(l.billed), cents(l.retainageReceivable), cents(l.net)]))
      .toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([code, v]) => [code, v.billed, v.retainage, v.billed - v.retainage]));
    expect(first.projects.map((p) => [cents(p.net), cents(p.inBooks), cents(p.received), cents(p.outstanding)])).toEqual([[billedTotal, arTotal(), 0, billedTotal]]);
    // The owner pays half of it in the books.
    const [invoice] = invoices();
    const half = Math.floor(invoice!.TotalAmt / 2);
    h.quickbooks.company().receivePayment(invoice!.Id, half);
    const paid = await eventually('the payment received', async () => {
      const now = await ownerBilling();
      return cents(now.projects[0]!.received) === half * 100 ? now : undefined;
    }, 60_000);
    expect(cents(paid.projects[0]!.outstanding)).toBe(billedTotal - half * 100);
    expect(paid.items.reduce((sum, l) => sum + cents(l.received), 0)).toBe(half * 100);
    const unknown = await fetch(`${h.url}/finance/owner-billing?connection=demo&project=404404`, { headers: { 'x-api-key': h.key('finance') } });
    expect(unknown.status).toBe(404);
  });

  it('counts a payment beyond the net due as retainage paid before its release: a discrepancy with both amounts', async () => {
    const [, , nsm1077] = SAMPLE_REQUISITIONS;
    const bill = (h.quickbooks.company().list('Bill') as unknown as Array<BooksDoc & { TotalAmt: number }>).find((b) => b.DocNumber === nsm1077.invoiceNumber)!;
    const document = `demo.procore.subcontractor_invoice-${nsm1077.id}`;
    const s = h.procore.state.store;
    const requisition = s.requisitions.get(Number(nsm1077.id))!;
    const rate = s.commitments.get(requisition.commitmentId)!.retainageRate;
    const gross = requisition.items.reduce((sum, i) => sum + i.thisPeriodCents, 0);
    const withheld = requisition.items.reduce((sum, i) => sum + Math.round(i.thisPeriodCents * rate / 10_000), 0);
    const netDue = gross - withheld;
    const discrepancy = async () => {
      const response = await fetch(`${h.url}/finance/discrepancies?connection=demo&reason=paid_over_net_due`, { headers: { 'x-api-key': h.key('finance') } });
      return ((await response.json()) as { items: Array<Record<string, unknown>> }).items.find((d) => d.document === document);
    };
    // The net due first: retainage still held, nothing wrong.
    h.quickbooks.company().payBill(bill.Id, netDue / 100);
    await eventually('the payment of the net due', async () => cents((await rows()).find((r) => r.costCode === '23-33-00')!.paid) > 0, 60_000);
    expect(await discrepancy()).toBeUndefined();
    // Then the retainage, never released in Procore.
    h.quickbooks.company().payBill(bill.Id, withheld / 100);
    const found = await eventually('the discrepancy', discrepancy, 60_000);
    const paidInBooks = (h.quickbooks.company().list('BillPayment') as unknown as Array<{ Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string }> }> }>)
      .flatMap((p) => p.Line).filter((l) => l.LinkedTxn.some((t) => t.TxnId === bill.Id)).reduce((sum, l) => sum + Math.round(l.Amount * 100), 0);
    expect(paidInBooks).toBe(gross);
    expect(found).toMatchObject({ reason: 'paid_over_net_due', paidAmount: (paidInBooks / 100).toFixed(2), netDue: (netDue / 100).toFixed(2) });
    // Held is what was withheld and not paid: on 23-33-00 (this invoice alone) none is left.
    const row = await eventually('the retainage paid on the row', async () =>
      (await rows()).find((r) => r.costCode === '23-33-00' && r.costType === 'S' && cents(r.retainagePaid) > 0), 60_000);
    expect([cents(row.retainageHeld), cents(row.retainagePaid), row.status]).toEqual([0, retainageSums(h.procore).get('23-33-00/S'), 'mismatch']);
  });

  it('gives retainage per commitment as the sandboxes sum it, its cost codes adding up to it and to the rows, and names what was paid before release', async () => {
    const [, , nsm1077] = SAMPLE_REQUISITIONS;
    const retainage = async () => {
      const response = await fetch(`${h.url}/finance/retainage?connection=demo&project=${SAMPLE_PROJECT.id}`, { headers: { 'x-api-key': h.key('finance') } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: CommitmentRetainage[] }).items;
    };
    const expected = commitmentRetainage(h.procore, h.quickbooks);
    const figures = (c: CommitmentLine) => [cents(c.retained), cents(c.released), cents(c.paid), cents(c.paidBeforeRelease)];
    const want = [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([id, f]) => [id, f.retained, f.released, f.paid, f.paidBeforeRelease]);
    const items = await eventually('retainage per commitment as the sandboxes sum it', async () => {
      const now = await retainage();
      return JSON.stringify(now.map((c) => [c.commitmentId, ...figures(c)])) === JSON.stringify(want) ? now : undefined;
    }, 60_000).catch(async () => retainage());
    expect(items.map((c) => [c.commitmentId, ...figures(c)])).toEqual(want);
    // NSM-1077 was paid its retainage, never released: on its commitment, with both amounts.
    const nsm = items.find((c) => c.commitmentId === '786001')!;
    expect(cents(nsm.paidBeforeRelease)).toBeGreaterThan(0);
    expect(nsm.discrepancies).toContainEqual({
      reason: 'retainage_paid_before_release', detail: expect.any(String), paid: nsm.paid, due: '0.00', documents: [`demo.procore.subcontractor_invoice-${nsm1077.id}`],
    });
    expect(items.find((c) => c.commitmentId === '786002')!.discrepancies).toEqual([]);
    for (const c of items) {
      // held = retained − released − paid before release; outstanding = retained − paid; the cost codes add up to the commitment.
      expect([cents(c.held), cents(c.outstanding)]).toEqual([cents(c.retained) - cents(c.released) - cents(c.paidBeforeRelease), cents(c.retained) - cents(c.paid)]);
      for (const key of ['retained', 'released', 'held', 'paid', 'paidBeforeRelease', 'outstanding'] as const) {
        expect(c.costCodes.reduce((sum, l) => sum + cents(l[key]), 0), `${c.commitmentId} ${key}`).toBe(cents(c[key]));
      }
      expect(c.retained).toMatch(/^-?\d+\.\d{2}$/);
    }
    // Over every commitment, each cost code's retainage is the reconciliation row's (held, released, paid before release).
    const byKey = new Map<string, number[]>();
    for (const l of items.flatMap((c) => c.costCodes)) {
      const sum = byKey.get(`${l.costCode}/${l.costType}`) ?? [0, 0, 0];
      byKey.set(`${l.costCode}/${l.costType}`, [sum[0]! + cents(l.held), sum[1]! + cents(l.released), sum[2]! + cents(l.paidBeforeRelease)]);
    }
    const fromRows = (await rows()).filter((r) => byKey.has(`${r.costCode}/${r.costType}`))
      .map((r) => [`${r.costCode}/${r.costType}`, cents(r.retainageHeld), cents((r as Row & { retainageReleased: string }).retainageReleased), cents(r.retainagePaid)]);
    expect(fromRows).toEqual([...byKey].sort(([a], [b]) => a.localeCompare(b)).map(([key, v]) => [key, ...v]));
  });
});
