import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';
import { booksList, budgetCell, factsOf, hasEvent, linesOf, retainageHeld, sagaStream, type QboDoc } from './support/project-sync-probes.js';
import { expectPurchaseOrder, WO_001 } from './support/purchase-order-checks.js';
import { startRestartableTrestle, type RestartableTrestle } from './support/restartable-trestle.js';

const COMMITMENT = 786001;
const CCO = 91001;
const PCO = 92001;
const PRIME_CONTRACT = 640001;
/** The mapping's class for division 23. */
const HVAC = '200000000000000123';
const [nsm1041, , nsm1077] = SAMPLE_REQUISITIONS;

/** For `eventually`: the list once it has `count` items (any, when omitted). */
const atLeast = <T>(items: T[], count = 1): T[] | undefined => (items.length >= count ? items : undefined);

describe('project sync: change orders, commitments, owner invoices, payments back, timecards (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const procore = () => h.procore.state;
  const invoicesNumbered = (docNumber: string) => booksList(h.quickbooks, 'Invoice', (i) => i.DocNumber === docNumber);

  beforeAll(async () => {
    h = await startTrestleHarness();
  });
  afterAll(async () => h?.close());

  it('keeps the PurchaseOrder and the budget in step as a commitment change order is approved, revised, approved again and voided', async () => {
    procore().approveCommitment(COMMITMENT);
    await expectPurchaseOrder(h.store, h.quickbooks, { '23-31-00 S': 150000 }, 'the PO for WO-001');

    procore().approveChangeOrder(CCO);
    await expectPurchaseOrder(h.store, h.quickbooks, { '23-31-00 S': 162500 }, 'the PO with CCO-001');
    await eventually('the change order to record its PO step', () =>
      hasEvent(h.store, sagaStream('change_order', 'commitment_change_order', String(CCO)), 'ChangeOrderPurchaseOrderSynced.v1'));

    // Procore puts a revised change order back to pending: out of committed cost, into pending changes.
    const line = procore().store.changeOrders.get(CCO)!.lines[0]!;
    procore().reviseChangeOrder(CCO, { lines: [{ id: line.id, amount: '15000.00' }] });
    await expectPurchaseOrder(h.store, h.quickbooks, { '23-31-00 S': 150000 }, 'the PO without the revised change order');
    expect((await budgetCell(h.store, '23-31-00', 'S')).line.pendingCostChanges).toBe(1500000);

    procore().approveChangeOrder(CCO);
    await expectPurchaseOrder(h.store, h.quickbooks, { '23-31-00 S': 165000 }, 'the PO with the revised CCO-001');

    procore().voidChangeOrder(CCO);
    await expectPurchaseOrder(h.store, h.quickbooks, { '23-31-00 S': 150000 }, 'the PO after the void');
    const cell = await budgetCell(h.store, '23-31-00', 'S');
    expect(cell.line.pendingCostChanges).toBe(0);
    expect(booksList(h.quickbooks, 'PurchaseOrder', (po) => po.DocNumber === WO_001)).toHaveLength(1);
  });

  it('puts an approved prime change order on the revised budget and the Estimate, and the next owner invoice carries it', async () => {
    // The bookkeeper's Estimate for the prime contract, numbered after it.
    const estimate = h.quickbooks.company().write('Estimate', {
      CustomerRef: { value: '59' }, DocNumber: 'PC-001',
      Line: [{ Amount: 612000, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 612000 } }],
    }) as unknown as QboDoc;
    procore().approveChangeOrder(PCO);
    await eventually('the revised budget', async () => (await budgetCell(h.store, '23-07-00', 'S')).line.approvedChanges === 560000);
    const ducts = await budgetCell(h.store, '23-31-00', 'S');
    expect([ducts.line.approvedChanges, ducts.revisedRaw]).toEqual([1680000, 1680000]);
    expect(ducts.line.revisedBudget).toBe(ducts.line.originalBudget + 1680000);
    const updated = await eventually('the Estimate to carry PCO-001', () => {
      const now = h.quickbooks.company().get('Estimate', estimate.Id) as unknown as QboDoc | undefined;
      return now?.TotalAmt === 634400 ? now : undefined;
    });
    expect(linesOf(updated).map(([amount, item]) => [amount, item])).toEqual([[612000, '21'], [16800, '21'], [5600, '21']]);

    procore().submitPaymentApplication(3301);
    procore().approvePaymentApplication(3301);
    const [invoice] = await eventually('the owner invoice KM-PA-01', () => atLeast(invoicesNumbered('KM-PA-01')));
    const text = invoice!.Line.map((l) => l.Description ?? '').join('\n');
    expect(text).toContain('Includes approved change order PCO-001 Owner-requested imaging suite exhaust: +22400.00');
  });

  it('bills owner invoices net of 10% retainage, tracks the retainage held on the project, and bills its release', async () => {
    const [invoice] = invoicesNumbered('KM-PA-01');
    // 58,000 + 19,000 of work, each line net of its 10% retainage.
    expect(linesOf(invoice!).map(([amount, item, klass]) => [amount, item, klass])).toEqual([[52200, '21', HVAC], [17100, '21', HVAC]]);
    expect([invoice!.TotalAmt, invoice!.CustomerRef]).toMatchObject([69300, { value: '59' }]);
    await eventually('retainage held of 7,700.00', async () => (await retainageHeld(h.store)) === 770000);

    const release = procore().createPaymentApplication({ retainageReleased: '7700.00' });
    procore().submitPaymentApplication(release.id);
    procore().approvePaymentApplication(release.id);
    const docNumber = `${release.invoiceNumber}-R`;
    const [released] = await eventually('the release invoice', () => atLeast(invoicesNumbered(docNumber)));
    expect(linesOf(released!).map(([amount, item]) => [amount, item])).toEqual([[7700, '22']]);
    expect([released!.TotalAmt, released!.CustomerRef]).toMatchObject([7700, { value: '59' }]);
    expect(invoicesNumbered(release.invoiceNumber)).toHaveLength(0); // a release-only application bills no work
    await eventually('retainage held back to zero', async () => (await retainageHeld(h.store)) === 0);
    expect(invoicesNumbered('KM-PA-01')).toHaveLength(1);
  });

  it('writes two partial BillPayments back to the Procore requisition as two payments', async () => {
    procore().submitRequisition(Number(nsm1041.id));
    procore().approveRequisition(Number(nsm1041.id));
    const [bill] = await eventually('the bill for NSM-1041', () => atLeast(booksList(h.quickbooks, 'Bill', (b) => b.DocNumber === nsm1041.invoiceNumber)));
    h.quickbooks.company().payBill(bill!.Id, 20000);
    h.quickbooks.company().payBill(bill!.Id, 5000.5);
    const payments = await eventually('two payments on the requisition', () =>
      atLeast([...procore().store.payments.values()].filter((p) => p.requisitionId === Number(nsm1041.id) && p.deletedAt === null), 2));
    expect(payments).toHaveLength(2);
    expect(payments.map((p) => p.amountCents).sort((a, b) => a - b)).toEqual([500050, 2000000]);
    expect(payments.every((p) => p.contractId === COMMITMENT)).toBe(true);
  });

  it('removes the Procore payment when its BillPayment is voided in QuickBooks (lines cleared, the bill open again)', async () => {
    const company = h.quickbooks.company();
    const [bill] = booksList(h.quickbooks, 'Bill', (b) => b.DocNumber === nsm1041.invoiceNumber);
    const payment = company.list('BillPayment').find((p) => p.TotalAmt === 5000.5 && JSON.stringify(p.Line).includes(`"TxnId":"${bill!.Id}"`));
    // The void QuickBooks documents for a BillPayment: amounts zeroed and every line cleared, so the hub
    // can no longer read which bills it paid from the voided payment itself.
    const voided = company.write('BillPayment', { Id: payment!.Id, SyncToken: payment!.SyncToken }, 'void');
    expect(voided).toMatchObject({ TotalAmt: 0, Line: [] });
    const live = await eventually('one payment left on the requisition', () => {
      const left = [...procore().store.payments.values()].filter((p) => p.requisitionId === Number(nsm1041.id) && p.deletedAt === null);
      return left.length === 1 ? left : undefined;
    });
    expect(live[0]!.amountCents).toBe(2000000);
    expect(company.get('Bill', bill!.Id)?.Balance).toBe(Number(bill!.TotalAmt) - 20000);
  });

  it('writes a partial owner Payment on the owner invoice back to Procore as a payment received on the prime contract', async () => {
    const [invoice] = invoicesNumbered('KM-PA-01');
    h.quickbooks.company().receivePayment(invoice!.Id, 30000.25);
    const [payment] = await eventually('a payment on the prime contract', () =>
      atLeast([...procore().store.payments.values()].filter((p) => p.contractId === PRIME_CONTRACT && p.deletedAt === null)));
    expect([payment!.amountCents, payment!.requisitionId, payment!.invoiceNumber]).toEqual([3000025, null, 'KM-PA-01']);
    const applied = (await factsOf(h.store, ['BooksPaymentApplied.v1'])).map((e) => e.data as Record<string, unknown>).filter((d) => d.txnType === 'Invoice');
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ txnId: invoice!.Id, contractId: String(PRIME_CONTRACT), amount: 3000025, previousAmount: 0, invoiceNumber: 'KM-PA-01' });
    expect(applied[0]!.target).toMatchObject({ type: 'owner_invoice' });
  });

  it('links each cost line of a new bill on the commitment to its PurchaseOrder line (LinkedTxn), read back from QuickBooks', async () => {
    const [po] = booksList(h.quickbooks, 'PurchaseOrder', (p) => p.DocNumber === WO_001);
    const synced = (await factsOf(h.store, ['PurchaseOrderSynced.v1'])).at(-1)!.data as { purchaseOrderId: string; lines: Array<{ lineId: string; costCode: string; costType: string | null }> };
    expect(synced.purchaseOrderId).toBe(po!.Id);
    procore().submitRequisition(Number(nsm1077!.id));
    procore().approveRequisition(Number(nsm1077!.id));
    const [bill] = await eventually('the bill for NSM-1077', () => atLeast(booksList(h.quickbooks, 'Bill', (b) => b.DocNumber === nsm1077!.invoiceNumber)));
    const costLines = bill!.Line.filter((l) => /^\d{2}-\d{2}-\d{2}\/\w+ /.test(l.Description ?? ''));
    expect(costLines).toHaveLength(nsm1077!.lines.length);
    const poLineIds = new Set(po!.Line.map((l) => l.Id));
    for (const line of costLines) {
      const [costCode, costType] = (line.Description ?? '').split(' ')[0]!.split('/') as [string, string];
      const poLine = synced.lines.find((l) => l.costCode === costCode && l.costType === costType)!;
      expect(poLineIds.has(poLine.lineId), `${costCode}/${costType} is a line of the PO`).toBe(true);
      expect(line.LinkedTxn).toEqual([{ TxnId: po!.Id, TxnType: 'PurchaseOrder', TxnLineId: poLine.lineId }]);
    }
    expect(bill!.Line.filter((l) => !costLines.includes(l)).every((l) => l.LinkedTxn === undefined)).toBe(true);
  });

  it('turns an approved timecard week into TimeActivity records on the job with the cost code\'s service item', async () => {
    const entries = procore().approveTimecards();
    const activities = await eventually('a TimeActivity per entry', () => atLeast(booksList(h.quickbooks, 'TimeActivity'), entries.length));
    const summary = activities.map((a) => [
      (a.EmployeeRef as { value: string }).value, a.TxnDate, a.Hours, a.Minutes,
      (a.CustomerRef as { value: string }).value, (a.ItemRef as { value: string }).value, (a.ClassRef as { value: string } | undefined)?.value,
    ]);
    expect(summary).toHaveLength(10);
    expect(new Set(summary.map(([, , , , customer, item, klass]) => `${customer}/${item}/${klass}`))).toEqual(new Set([`59/12/${HVAC}`]));
    expect(summary.filter(([employee]) => employee === '81').map(([, , hours, minutes]) => [hours, minutes])).toEqual(Array(5).fill([8, 0]));
    expect(summary.filter(([employee]) => employee === '82').map(([, , hours, minutes]) => [hours, minutes])).toEqual(Array(5).fill([7, 30]));
  });
});

describe('a change-order saga across hub restarts (same database and sandboxes)', () => {
  let r: RestartableTrestle;
  const commitmentSaga = sagaStream('commitment_po', 'commitment', String(COMMITMENT));
  const changeOrderSaga = sagaStream('change_order', 'commitment_change_order', String(CCO));
  const restart = async () => {
    await r.stopHub();
    await r.startHub();
  };
  const countOf = async (stream: string, type: string) => (await r.store().readStream(stream)).filter((e) => e.type === type).length;

  beforeAll(async () => {
    r = await startRestartableTrestle();
  });
  afterAll(async () => r?.close());

  it('resumes after stopping right after the approval is recorded and while the PO update is in flight, and applies nothing twice', async () => {
    const procore = r.sandboxes.procore.state;
    const quickbooks = r.sandboxes.quickbooks;
    procore.approveCommitment(COMMITMENT);
    await expectPurchaseOrder(r.store(), quickbooks, { '23-31-00 S': 150000 }, 'the PO for WO-001');

    procore.approveChangeOrder(CCO);
    await eventually('the approval to be recorded', () => hasEvent(r.store(), `demo.procore.commitment_change_order-${CCO}`, 'CommitmentChangeOrderApproved.v1'));
    await restart();
    await expectPurchaseOrder(r.store(), quickbooks, { '23-31-00 S': 162500 }, 'the PO with CCO-001 after the restart');

    const line = procore.store.changeOrders.get(CCO)!.lines[0]!;
    procore.reviseChangeOrder(CCO, { lines: [{ id: line.id, amount: '15000.00' }] });
    await expectPurchaseOrder(r.store(), quickbooks, { '23-31-00 S': 150000 }, 'the PO without the revised change order');
    // QuickBooks takes 3 s to answer the next PO write: the hub stops with that call in flight.
    quickbooks.faults.add({ kind: 'latency', ms: 3000, count: 1 }, { method: 'POST', path: '/purchaseorder' });
    const requestsBefore = await countOf(commitmentSaga, 'UpdatePurchaseOrderRequested.v1');
    procore.approveChangeOrder(CCO);
    await eventually('the PO update to be requested', async () => (await countOf(commitmentSaga, 'UpdatePurchaseOrderRequested.v1')) > requestsBefore);
    await restart();
    await expectPurchaseOrder(r.store(), quickbooks, { '23-31-00 S': 165000 }, 'the PO with the revised CCO-001 after the restart');

    expect(booksList(quickbooks, 'PurchaseOrder', (po) => po.DocNumber === WO_001)).toHaveLength(1);
    for (const stream of [commitmentSaga, changeOrderSaga]) {
      const copies = (await r.store().readStream(stream)).filter((e) => e.metadata.inputStream !== undefined);
      expect(new Set(copies.map((e) => e.metadata.causationId)).size, `${stream}: each input handled once`).toBe(copies.length);
    }
    expect(await countOf(changeOrderSaga, 'CommitmentChangeOrderApplied.v1')).toBe(3); // approved, revised (taken off), approved again
  });
});
