import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimatePosting, PurchaseOrderLine, PurchaseOrderPosting, SalesInvoicePosting, TimeEntryPosting } from '../../src/domain/books/index.js';
import { BooksLookupUnavailableError, type EstimateAmendment } from '../../src/domain/books/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { useDatabase } from '../integration/eventstore/store-fixture.js';
import { billPosting } from './fixtures.js';
import { startQbdSim, type QbdSimHarness } from './sim-harness.js';

const JOB = { value: 'Harbor Point Builders:2026-014 Riverside Medical Office' };
const VENDOR = { value: 'Northwind Sheet Metal LLC' };

const poLine = (lineKey: string, item: string, amount: number, lineId: string | null = null): PurchaseOrderLine => ({
  kind: 'item', description: `Commitment line ${lineKey}`, amount: cents(amount), itemRef: { value: item }, qty: 1, unitPrice: cents(amount),
  jobRef: JOB, classRef: { value: '23 HVAC' }, billable: false, billedFrom: null, lineKey, lineId,
});
const purchaseOrder = (marker: string, lines: readonly PurchaseOrderLine[]): PurchaseOrderPosting => ({
  kind: 'purchase-order', vendorRef: VENDOR, txnDate: '2026-03-02', number: 'WO-0001', memo: 'Ductwork', note: { marker, text: `${marker} Procore commitment WO-0001` }, lines,
});
const invoice = (marker: string, amount: number): SalesInvoicePosting => ({
  kind: 'sales-invoice', jobRef: JOB, txnDate: '2026-03-31', number: 'PA-3', customerMemo: '', note: { marker, text: `${marker} pay application 3` },
  lines: [
    { kind: 'item', description: 'Work this period', amount: cents(amount), itemRef: { value: 'Progress Billing' }, qty: 1, unitPrice: cents(amount), classRef: null, source: null },
    { kind: 'item', description: 'Retainage released', amount: cents(5000), itemRef: { value: 'Retainage' }, qty: 1, unitPrice: cents(5000), classRef: null, source: null },
  ],
});
const time = (marker: string, hours: number): TimeEntryPosting => ({
  kind: 'time-entry', employeeRef: { value: 'Dana Ortiz' }, txnDate: '2026-03-12', hours, minutes: 0, jobRef: JOB, itemRef: { value: 'HVAC Labor' },
  costCode: '23-05-00', costType: 'L', classRef: null, billable: false, hourlyRate: null, costRate: '48.00', note: { marker, text: `${marker} timecard 991` },
});

describe('each QuickBooks Desktop document kind, written through the simulated Web Connector, exactly once', () => {
  const db = useDatabase('server');
  let sim: QbdSimHarness;
  const txns = (kind: string) => sim.qbd.company.txnsOf(kind);
  const handedOut = (pattern: RegExp) => sim.handedOut.filter((q) => pattern.test(q)).length;

  beforeAll(async () => {
    sim = await startQbdSim(await db.openStore());
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('a purchase order, its change order (PurchaseOrderMod, lines keep their ids) and its close, each once though every session dies after the write', async () => {
    const first = purchaseOrder('trestle:harbor-qbd:po:1', [poLine('23-31-00|S', 'Ductwork Subcontract', 4_500_000)]);
    sim.dieAfter(/PurchaseOrderAddRq/);
    const posted = await sim.settle(() => sim.port.post(sim.call('po-1'), first));
    expect(posted).toMatchObject({ ok: true, value: { number: 'WO-0001' } });
    if (!posted.ok) return;
    expect(sim.qbd.connector.history.some((r) => r.outcome === 'died')).toBe(true);
    expect(txns('PurchaseOrder')).toHaveLength(1);
    expect(handedOut(/PurchaseOrderAddRq/)).toBe(1);
    const [{ lineId } = { lineId: '' }] = posted.value.lineIds ?? [];
    expect(lineId).toBe(txns('PurchaseOrder')[0]!.lines[0]!.txnLineId);

    // A change order: one more line and more on the first. The bookkeeper edited the PO meanwhile (3200: re-read, then retried).
    sim.qbd.touch(posted.value.id);
    const changed = purchaseOrder('trestle:harbor-qbd:po:1+co:7', [poLine('23-31-00|S', 'Ductwork Subcontract', 5_000_000, lineId), poLine('23-05-00|L', 'HVAC Labor', 300_000)]);
    sim.dieAfter(/PurchaseOrderModRq/);
    const updated = await sim.settle(() => sim.port.update(sim.call('po-1:co-7'), { kind: 'purchase-order', id: posted.value.id, version: posted.value.version }, changed));
    expect(updated).toMatchObject({ ok: true, value: { id: posted.value.id } });
    const [po] = txns('PurchaseOrder');
    expect(txns('PurchaseOrder')).toHaveLength(1);
    expect(po!.lines.map((l) => [l.amount, l.txnLineId === lineId])).toEqual([[5_000_000n, true], [300_000n, false]]);
    expect(handedOut(/<EditSequence>[^<]*<\/EditSequence>/)).toBeGreaterThanOrEqual(2);

    const closed = await sim.settle(() => sim.port.retire(sim.call('po-1:void'), { kind: 'purchase-order', id: posted.value.id, version: updated.ok ? updated.value.version : '' }, 'close'));
    expect(closed).toMatchObject({ ok: true, value: { id: posted.value.id } });
    expect(JSON.stringify(txns('PurchaseOrder')[0]!.fields)).toContain('"IsManuallyClosed"');
  });

  it('an owner invoice with its retainage item line, updated (InvoiceMod) and voided, each once through lost answers', async () => {
    sim.dieAfter(/InvoiceAddRq/);
    const posted = await sim.settle(() => sim.port.post(sim.call('inv-1'), invoice('trestle:harbor-qbd:inv:1', 100_000)));
    expect(posted.ok).toBe(true);
    if (!posted.ok) return;
    expect(txns('Invoice').map((t) => t.total)).toEqual([105_000n]);
    sim.dieAfter(/InvoiceModRq/);
    const updated = await sim.settle(() => sim.port.update(sim.call('inv-1:2'), { kind: 'sales-invoice', id: posted.value.id, version: posted.value.version }, invoice('trestle:harbor-qbd:inv:2', 120_000)));
    expect(updated.ok).toBe(true);
    expect(txns('Invoice').map((t) => t.total)).toEqual([125_000n]);
    sim.dieAfter(/TxnVoidRq/);
    const voided = await sim.settle(() => sim.port.retire(sim.call('inv-1:void'), { kind: 'sales-invoice', id: posted.value.id, version: '' }, 'void'));
    expect(voided).toMatchObject({ ok: true, value: { id: posted.value.id } });
    expect(txns('Invoice').map((t) => t.total)).toEqual([0n]);
    expect([handedOut(/InvoiceAddRq/), handedOut(/InvoiceModRq/), handedOut(/TxnVoidRq/)]).toEqual([1, 1, 1]);
  });

  it('time on the job, corrected (TimeTrackingMod) and deleted (TxnDel), each once through lost answers', async () => {
    sim.dieAfter(/TimeTrackingAddRq/);
    const posted = await sim.settle(() => sim.port.post(sim.call('tt-1'), time('trestle:harbor-qbd:tc:1', 7)));
    expect(posted).toMatchObject({ ok: true });
    if (!posted.ok) return;
    sim.dieAfter(/TimeTrackingModRq/);
    const updated = await sim.settle(() => sim.port.update(sim.call('tt-1:2'), { kind: 'time-entry', id: posted.value.id, version: posted.value.version }, time('trestle:harbor-qbd:tc:2', 8)));
    expect(updated.ok).toBe(true);
    expect(JSON.stringify(txns('TimeTracking').map((t) => t.fields))).toContain('PT8H0M');
    sim.dieAfter(/TxnDelRq/);
    const deleted = await sim.settle(() => sim.port.retire(sim.call('tt-1:del'), { kind: 'time-entry', id: posted.value.id, version: '' }, 'delete'));
    expect(deleted).toMatchObject({ ok: true, value: { id: posted.value.id } });
    expect(txns('TimeTracking')).toHaveLength(0);
    expect([handedOut(/TimeTrackingAddRq/), handedOut(/TimeTrackingModRq/), handedOut(/TxnDelRq/)]).toEqual([1, 1, 1]);
  });

  it('finds the contract\'s estimate by number and writes each change order\'s lines on it once (EstimateMod), starting over from a fresh read when another writer got in between', async () => {
    const added = sim.qbd.desk(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><EstimateAddRq><EstimateAdd>
      <CustomerRef><FullName>${JOB.value}</FullName></CustomerRef><RefNumber>PC-001</RefNumber>
      <EstimateLineAdd><ItemRef><FullName>Progress Billing</FullName></ItemRef><Desc>Contract</Desc><Amount>100000.00</Amount></EstimateLineAdd>
      </EstimateAdd></EstimateAddRq></QBXMLMsgsRq></QBXML>`);
    expect(added.kind).toBe('response');
    await expect(sim.port.findEstimate(sim.connection, ['PC-001', '562949953421312'])).rejects.toBeInstanceOf(BooksLookupUnavailableError);
    await sim.qbd.connector.runSession();
    const link = await sim.port.findEstimate(sim.connection, ['PC-001', '562949953421312']);
    const [estimate] = txns('Estimate');
    expect(link).toEqual({ estimateId: estimate!.txnId });

    const co1: EstimateAmendment = {
      estimateId: estimate!.txnId, replaceLineIds: [],
      lines: [{ kind: 'item', description: 'CO-1 added ductwork', amount: cents(250_000), itemRef: { value: 'HVAC Labor' }, qty: 1, unitPrice: cents(250_000), classRef: null, source: null }],
    };
    sim.dieAfter(/EstimateModRq/);
    const first = await sim.settle(() => sim.port.amendEstimate(sim.call('co-1'), co1));
    expect(first).toMatchObject({ ok: true, value: { id: estimate!.txnId } });
    if (!first.ok) return;
    expect(first.value.lineIds).toEqual([estimate!.lines[1]!.txnLineId]);
    expect(estimate!.lines.map((l) => l.amount)).toEqual([10_000_000n, 250_000n]);
    expect(await sim.port.findEstimateAmended(sim.call('co-1'), co1)).toMatchObject({ ok: true, value: { lineIds: first.value.lineIds } });

    // CO-1 revised: its line gives way to a new one. The bookkeeper saves the estimate between the hub's read and its write.
    const revised: EstimateAmendment = { ...co1, replaceLineIds: first.value.lineIds, lines: [{ ...co1.lines[0]!, amount: cents(300_000), unitPrice: cents(300_000) } as never] };
    expect(await sim.port.amendEstimate(sim.call('co-1:2'), revised)).toMatchObject({ ok: false, kind: 'throttled' });
    await sim.qbd.connector.runSession();
    expect(await sim.port.amendEstimate(sim.call('co-1:2'), revised)).toMatchObject({ ok: false, kind: 'throttled' });
    sim.qbd.touch(estimate!.txnId);
    const second = await sim.settle(() => sim.port.amendEstimate(sim.call('co-1:2'), revised));
    expect(second).toMatchObject({ ok: true });
    expect(txns('Estimate')[0]!.lines.map((l) => l.amount)).toEqual([10_000_000n, 300_000n]);
    expect(sim.handedOut.filter((q) => q.includes('requestID="co-1:2:read:2"'))).toHaveLength(1);
  });

  it('an estimate written by the hub (a takeoff\'s, EstimateAdd) and updated in full (EstimateMod), each once though the session dies after the write', async () => {
    const line = (description: string, amount: number) =>
      ({ kind: 'item', description, amount: cents(amount), itemRef: { value: 'Progress Billing' }, qty: 1, unitPrice: cents(amount), classRef: { value: '23 HVAC' }, source: null }) as const;
    const estimate = (marker: string, lines: EstimatePosting['lines']): EstimatePosting => ({
      kind: 'estimate', jobRef: JOB, txnDate: '2026-03-01', number: 'TO-2468013', customerMemo: '', note: { marker, text: `${marker} takeoff` }, lines,
    });
    const [adds, mods] = [handedOut(/EstimateAddRq/), handedOut(/EstimateModRq/)];
    sim.dieAfter(/EstimateAddRq/);
    const posted = await sim.settle(() => sim.port.post(sim.call('to-1'), estimate('trestle:harbor-qbd:to:1', [line('23-31-00/S Ductwork', 1_200_000), line('23-07-00/S Insulation', 300_000)])));
    expect(posted).toMatchObject({ ok: true, value: { number: 'TO-2468013' } });
    if (!posted.ok) return;
    const mine = () => txns('Estimate').filter((t) => t.txnId === posted.value.id);
    expect(mine()).toHaveLength(1);
    expect(handedOut(/EstimateAddRq/) - adds).toBe(1);

    sim.dieAfter(/EstimateModRq/);
    const revised = estimate('trestle:harbor-qbd:to:2', [line('23-31-00/S Ductwork', 1_250_000)]);
    const updated = await sim.settle(() => sim.port.update(sim.call('to-2'), { kind: 'estimate', id: posted.value.id, version: posted.value.version }, revised));
    expect(updated).toMatchObject({ ok: true, value: { id: posted.value.id } });
    expect(mine().map((t) => t.lines.map((l) => l.amount))).toEqual([[1_250_000n]]);
    expect(handedOut(/EstimateModRq/) - mods).toBe(1);
  });

  it('finds a worker\'s employee by name through a session (EmployeeQuery): waits for the session, then its ListID; an unknown name is none', async () => {
    await expect(sim.port.findEmployee(sim.connection, 'Dana Ortiz')).rejects.toBeInstanceOf(BooksLookupUnavailableError);
    await sim.qbd.connector.runSession();
    const employee = sim.qbd.company.listByFullName(['Employee'], 'Dana Ortiz');
    expect(employee).toBeDefined();
    expect(await sim.port.findEmployee(sim.connection, 'Dana Ortiz')).toEqual({ employeeRef: { value: employee!.listId, name: 'Dana Ortiz' }, billRate: null, costRate: null });

    await expect(sim.port.findEmployee(sim.connection, 'Pat Newhire')).rejects.toBeInstanceOf(BooksLookupUnavailableError);
    await sim.qbd.connector.runSession();
    expect(await sim.port.findEmployee(sim.connection, 'Pat Newhire')).toBeNull();
  });

  it('a bill deleted when its document is: one already gone is success without a second TxnDel', async () => {
    const bill = billPosting({ vendorRef: VENDOR, number: 'DEL-1', lines: [{ ...billPosting().lines[1]!, kind: 'account', accountRef: { value: 'Job Costs:Subcontractors' }, jobRef: JOB, classRef: null }] as never });
    const posted = await sim.settle(() => sim.port.post(sim.call('bill-del'), bill));
    expect(posted).toMatchObject({ ok: true });
    if (!posted.ok) return;
    const before = handedOut(/TxnDelRq/);
    const deleted = await sim.settle(() => sim.port.retire(sim.call('bill-del:1'), { kind: 'bill', id: posted.value.id, version: posted.value.version }, 'delete'));
    expect(deleted.ok).toBe(true);
    const again = await sim.settle(() => sim.port.retire(sim.call('bill-del:2'), { kind: 'bill', id: posted.value.id, version: posted.value.version }, 'delete'));
    expect(again.ok).toBe(true);
    expect(handedOut(/TxnDelRq/) - before).toBe(1);
    expect(sim.qbd.company.txnById(posted.value.id)).toBeUndefined();
  });
});
