import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Bill = { Id: string; DocNumber: string; TotalAmt: number; VendorRef: { value: string }; SyncToken: string; PrivateNote?: string; Line: BillLine[] };
type BillLine = { Amount: number; DetailType: string; AccountBasedExpenseLineDetail?: Detail; ItemBasedExpenseLineDetail?: Detail & { ItemRef: { value: string } } };
type Detail = { AccountRef?: { value: string }; ClassRef?: { value: string }; CustomerRef?: { value: string } };

const [req1, req2, req3, credit] = SAMPLE_REQUISITIONS;

describe('posting subcontractor invoices to QuickBooks (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const bills = () => h.quickbooks.company().list('Bill') as unknown as Bill[];
  const billsNumbered = (docNumber: string) => bills().filter((b) => b.DocNumber === docNumber);
  const approve = (id: string) => {
    h.procore.state.submitRequisition(Number(id));
    h.procore.state.approveRequisition(Number(id));
  };
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${h.url}${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'x-api-key': h.key('admin'), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    });

  beforeAll(async () => {
    h = await startTrestleHarness();
    // Invoices bill against approved commitments (the sandbox refuses new ones otherwise).
    h.procore.state.approveCommitment(786001);
    h.procore.state.approveCommitment(786002);
  });
  afterAll(async () => h?.close());

  it('posts an approved invoice with 4 lines across 3 cost codes as one Bill, each line on its account, class and job', async () => {
    approve(req3.id);
    const [bill] = await eventually('the bill for NSM-1077', () => billsNumbered(req3.invoiceNumber).at(0) && billsNumbered(req3.invoiceNumber));
    const posted = bill!.Line.filter((l) => l.Amount !== 0).map((l) => {
      const d = (l.AccountBasedExpenseLineDetail ?? l.ItemBasedExpenseLineDetail)!;
      return [l.Amount, d.AccountRef?.value, d.ClassRef?.value, d.CustomerRef?.value];
    });
    expect(posted).toEqual([
      [52500, '61', '200000000000000123', '59'], // 23-31-00 S: the exact rule
      [4800, '62', '200000000000000123', '59'], //  23-31-00 M: division 23 materials
      [8400, '61', '200000000000000123', '59'], //  23-33-00 S: division 23 subcontract
      [6300, '61', '200000000000000123', '59'], //  23-37-00 S
    ]);
    // Retainage as configured (gross-open): lines and total at gross, the bill carries the marker.
    expect(bill!.TotalAmt).toBe(72000);
    expect(bill!.VendorRef.value).toBe('46');
    expect(bill!.PrivateNote).toMatch(/^trestle:demo:1280643:/);
  });

  it('posts one Bill when the same webhook arrives three times at once', async () => {
    h.procore.faults.addWebhookFault({ kind: 'duplicate', copies: 2, count: 1 });
    h.procore.state.submitRequisition(Number(req1.id));
    h.procore.faults.addWebhookFault({ kind: 'duplicate', copies: 2, count: 1 });
    h.procore.state.approveRequisition(Number(req1.id));
    await eventually('the bill for NSM-1041', () => billsNumbered(req1.invoiceNumber).length > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(billsNumbered(req1.invoiceNumber)).toHaveLength(1);
  });

  it('writes no duplicate Bill when QuickBooks applies the write and then drops the connection', async () => {
    h.quickbooks.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/bill' });
    // Users report requestid alone has let duplicates through: make the sandbox forget it too.
    h.quickbooks.company().honorRequestIds(false);
    approve(req2.id);
    await eventually('the bill for SI-2207', () => billsNumbered(req2.invoiceNumber).length > 0);
    await eventually('the saga to record the bill', async () => {
      const saga = await h.store.readStream(`demo.saga.invoice_sync-${req2.id}`);
      return saga.some((e) => e.type === 'InvoiceSynced.v1');
    });
    h.quickbooks.company().honorRequestIds(true);
    expect(billsNumbered(req2.invoiceNumber)).toHaveLength(1);
  });

  it('posts a negative invoice (a back-charge) as a VendorCredit', async () => {
    approve(credit.id);
    const credits = await eventually('the vendor credit', () => {
      const found = h.quickbooks.company().list('VendorCredit').filter((c) => (c as { DocNumber?: string }).DocNumber === credit.invoiceNumber);
      return found.length > 0 ? found : undefined;
    });
    expect(credits).toHaveLength(1);
    expect((credits[0] as { TotalAmt: number }).TotalAmt).toBe(2500);
    expect(billsNumbered(credit.invoiceNumber)).toHaveLength(0);
  });

  it('updates the Bill when a posted invoice is revised, and removes it when the invoice is voided', async () => {
    const requisition = h.procore.state.store.requisitions.get(Number(req3.id))!;
    const firstLine = requisition.items.find((i) => i.thisPeriodCents > 0)!;
    h.procore.state.reviseRequisition(Number(req3.id), { lines: [{ itemId: firstLine.id, amount: '50000.00' }] });
    h.procore.state.approveRequisition(Number(req3.id));
    await eventually('the revised bill total', () => billsNumbered(req3.invoiceNumber)[0]?.TotalAmt === 69500);
    expect(billsNumbered(req3.invoiceNumber)).toHaveLength(1);

    h.procore.state.deleteRequisition(Number(req3.id));
    await eventually('the bill to be removed', () => billsNumbered(req3.invoiceNumber).length === 0);
  });

  it('reports a posted bill edited by hand in the books, but not the hub\'s own write or a payment', async () => {
    const [bill] = billsNumbered(req1.invoiceNumber);
    const handEdits = async () => (await h.store.readAll({ maxCount: 10_000, filter: { eventTypes: ['BooksObjectEditedByHand.v1'] } }))
      .filter((e) => e.streamName === `demo.quickbooks.bill-${bill!.Id}`);
    h.quickbooks.company().payBill(bill!.Id, 100);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await handEdits()).toHaveLength(0);
    h.quickbooks.company().editBillLine(bill!.Id, 45500);
    const [edit] = await eventually('the hand edit to be recorded', async () => { const found = await handEdits(); return found.length > 0 ? found : undefined; });
    expect((edit!.data as { snapshot: { totalAmount: number } }).snapshot.totalAmount).toBe(4_550_000);
  });

  it('checks a mapping against the books\' live chart, read through the connection\'s books port', async () => {
    const sample = await readFile(join(projectRoot(), 'config/mapping.sample.yaml'), 'utf8');
    const broken = sample.replace('account: { value: "65", name: Other Job Costs }', 'account: "99"');
    expect(broken).not.toBe(sample);
    const response = await fetch(`${h.url}/admin/connections/demo/mapping/check`, { method: 'POST', body: broken, headers: { 'x-api-key': h.key('admin'), 'content-type': 'text/plain' } });
    expect(response.status).toBe(200);
    const check = (await response.json()) as { ok: boolean; checkedAgainstChart: boolean; problems: Array<{ message: string }> };
    expect(check).toMatchObject({ ok: false, checkedAgainstChart: true });
    expect(check.problems.map((p) => p.message)).toContain('account 99 does not exist in the books');
  });

  it('quarantines only the invoice whose cost code has no mapping, and posts it by itself once the mapping is added', async () => {
    // Without the division-23 materials rule, 23-31-00 M has no home.
    const removed = await admin('DELETE', '/admin/connections/demo/mapping/rules?costCode=23&costType=M');
    expect(removed.status).toBe(200);
    const requisition = h.procore.state.createRequisition(786001, {
      invoiceNumber: 'NSM-1099', lines: [{ lineItemId: h.procore.state.store.commitments.get(786001)!.lines[1]!.id, amount: '1200.00' }],
    });
    h.procore.state.submitRequisition(requisition.id);
    h.procore.state.approveRequisition(requisition.id);
    const parked = await eventually('the invoice to park', async () => {
      const saga = await h.store.readStream(`demo.saga.invoice_sync-${requisition.id}`);
      return saga.find((e) => e.type === 'MappingMissing.v1');
    });
    expect((parked.data as { message: string }).message).toContain('23-31-00');
    expect(billsNumbered('NSM-1099')).toHaveLength(0);
    // The operator's list of parked documents, from the shared DocumentSyncParked.v1 the invoice saga now writes.
    const documentStream = `demo.procore.subcontractor_invoice-${requisition.id}`;
    const quarantined = async () => ((await (await admin('GET', '/admin/quarantine?connection=demo')).json()) as { items: { documentStream: string; reason: string }[] }).items
      .filter((i) => i.documentStream === documentStream);
    const [listed] = await eventually('the parked invoice to be listed', async () => { const found = await quarantined(); return found.length > 0 ? found : undefined; });
    expect(listed!.reason).toContain('23-31-00');

    const added = await admin('PUT', '/admin/connections/demo/mapping/rules', { costCode: '23', costType: 'M', account: { value: '62', name: 'Job Materials' }, class: { value: '200000000000000123', name: '23 HVAC' } });
    expect(added.status).toBe(200);
    await eventually('the parked invoice to post', () => billsNumbered('NSM-1099').length === 1);
    await eventually('the invoice to leave the quarantine list', async () => (await quarantined()).length === 0);
  });
});
