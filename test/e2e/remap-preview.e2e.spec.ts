import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import type { ProcoreSandbox } from '../../sandbox/procore/index.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Detail = { AccountRef?: { value: string }; ClassRef?: { value: string } };
type BooksDoc = { Id: string; DocNumber?: string; SyncToken: string; Line: Array<{ Amount?: number; Description?: string; AccountBasedExpenseLineDetail?: Detail }> };
type Home = { target: { kind: string; value?: string }; class: { value: string } | null; amount: string };
type Change = { label: string; posted: boolean; costCode: string; costType: string; before: Home; after: Home };
type Total = { target: { kind: string; value?: string }; before: string; after: string };
type Preview = { documents: number; posted: number; changes: Change[]; byAccount: Total[]; changedDocuments: Array<{ kind: string; label: string; posted: boolean; rewrittenOnUpdate: boolean }> };

const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const PLUMBING_CLASS = '200000000000000122';
const HVAC_CLASS = '200000000000000123';
const COMMITMENTS = [786001, 786002];
const PAY_APPS = [3301, 3302];
const isBill = (c: { label: string }) => c.label.startsWith('Bill ') || c.label.startsWith('Vendor credit ');

const keyOfWbs = (procore: ProcoreSandbox, wbsCodeId: number): string => {
  const s = procore.state.store;
  const wbs = s.wbsCodes.get(wbsCodeId)!;
  return `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
};

/** From the sandbox: each commitment's amount on a cost code and type, its lines plus its approved change orders', by number. */
const committedOn = (procore: ProcoreSandbox, key: string): Array<[string, number]> => {
  const s = procore.state.store;
  return COMMITMENTS.map((id): [string, number] => {
    const c = s.commitments.get(id)!;
    const changeOrders = [...s.changeOrders.values()].filter((co) => co.kind === 'commitment' && co.contractId === id && co.status === 'approved');
    const lines = [...c.lines, ...changeOrders.flatMap((co) => co.lines)].filter((l) => keyOfWbs(procore, l.wbsCodeId) === key);
    return [c.number, lines.reduce((sum, l) => sum + l.amountCents, 0)];
  }).filter(([, amount]) => amount !== 0);
};

/** From the sandbox: each approved payment application's work on a cost code and type, net of the retainage withheld on it. */
const billedNetOn = (procore: ProcoreSandbox, key: string): Array<[string, number]> => {
  const s = procore.state.store;
  return PAY_APPS.flatMap((id) => {
    const pa = s.paymentApplications.get(id)!;
    const prime = s.primeContracts.get(pa.primeContractId)!;
    return pa.lines.filter((l) => l.thisPeriodCents !== 0 && keyOfWbs(procore, prime.lines.find((p) => p.id === l.contractLineId)!.wbsCodeId) === key)
      .map((l): [string, number] => [pa.invoiceNumber, l.thisPeriodCents - Math.round((l.thisPeriodCents * prime.retainageRate) / 10_000)]);
  }).sort();
};

/**
 * Independently of the hub, from the Procore sandbox's own records: the approved requisitions'
 * items on one cost code and type (signed: a back-charge is negative), by invoice number.
 */
const itemsOn = (procore: ProcoreSandbox, costCode: string, costType: string): Array<[string, number]> => {
  const s = procore.state.store;
  const keyOf = (wbsCodeId: number) => {
    const wbs = s.wbsCodes.get(wbsCodeId)!;
    return `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
  };
  const items: Array<[string, number]> = [];
  for (const r of s.requisitions.values()) {
    if (r.status !== 'approved') continue;
    const contractLines = s.commitments.get(r.commitmentId)!.lines;
    const number = SAMPLE_REQUISITIONS.find((q) => Number(q.id) === r.id)!.invoiceNumber;
    for (const item of r.items) {
      if (keyOf(contractLines.find((l) => l.id === item.contractLineId)!.wbsCodeId) === `${costCode}/${costType}`) items.push([number, item.thisPeriodCents]);
    }
  }
  return items.sort();
};

describe('remap preview and apply on the sample story (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const books = () => [...h.quickbooks.company().list('Bill'), ...h.quickbooks.company().list('VendorCredit')] as unknown as BooksDoc[];
  const synced = async (saga: string, type: string) => new Set((await h.store.readAll({ filter: { streamPrefixes: [`demo.saga.${saga}-`], eventTypes: [type] }, maxCount: 1000 })).map((e) => e.streamName)).size;
  const accountsOn = (docNumber: string, label: string) => books().filter((d) => d.DocNumber === docNumber)
    .flatMap((d) => d.Line.filter((l) => l.Description?.startsWith(`${label} `)).map((l) => l.AccountBasedExpenseLineDetail?.AccountRef?.value));
  const post = async (path: string, body: unknown, role: 'finance' | 'admin' | 'auditor' = 'finance') => {
    const response = await fetch(`${h.url}/admin/connections/demo/mapping/remap/${path}`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'x-api-key': h.key(role), 'content-type': 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    h = await startTrestleHarness();
    for (const id of COMMITMENTS) h.procore.state.approveCommitment(id);
    for (const id of PAY_APPS) h.procore.state.approvePaymentApplication(id);
    h.procore.state.approveTimecards();
    for (const requisition of SAMPLE_REQUISITIONS) {
      h.procore.state.submitRequisition(Number(requisition.id));
      h.procore.state.approveRequisition(Number(requisition.id));
    }
    await eventually('every sample invoice in the books', () => {
      const numbers = new Set(books().map((d) => d.DocNumber));
      return SAMPLE_REQUISITIONS.every((r) => numbers.has(r.invoiceNumber));
    }, 90_000);
    // The preview reads what the sagas know: wait until every invoice saga has recorded its posting.
    await eventually('every invoice saga synced', async () => {
      const synced = await h.store.readAll({ filter: { streamPrefixes: ['demo.saga.invoice_sync-'], eventTypes: ['InvoiceSynced.v1'] }, maxCount: 100 });
      return new Set(synced.map((e) => e.streamName)).size === SAMPLE_REQUISITIONS.length;
    }, 60_000);
    await eventually('both purchase orders, both owner invoices and every timecard synced', async () =>
      (await synced('commitment_po', 'PurchaseOrderSynced.v1')) === COMMITMENTS.length && (await synced('owner_invoice', 'OwnerInvoiceSynced.v1')) === PAY_APPS.length
      && (await synced('timecard_sync', 'TimecardSynced.v1')) === h.procore.state.store.timecards.size, 60_000);
  });
  afterAll(async () => h?.close());

  const TO_63 = (costCode: string) => ({ costCode, costType: 'S', account: '63', class: PLUMBING_CLASS });

  it('previews 23-31-00/S on account 63: the lines and totals equal a recomputation from the sandbox, and nothing posts', async () => {
    const tokens = books().map((d) => `${d.Id}@${d.SyncToken}`).sort();
    const { status, body } = await post('preview', { changes: [TO_63('23-31-00')] });
    expect(status).toBe(200);
    const preview = body as unknown as Preview;
    const expected = itemsOn(h.procore, '23-31-00', 'S');
    expect(expected.length).toBeGreaterThan(0);
    const all = SAMPLE_REQUISITIONS.length + COMMITMENTS.length + PAY_APPS.length + h.procore.state.store.timecards.size;
    expect(preview).toMatchObject({ documents: all, posted: all });
    // Line by line: every item on 23-31-00/S moves from account 61 (class 23 HVAC) to 63 (22 Plumbing), nothing else.
    const bills = preview.changes.filter(isBill);
    const signed = (c: Change) => (c.label.startsWith('Vendor credit') ? -1 : 1) * cents(c.after.amount);
    expect(bills.map((c) => [/ (\S+) \(/.exec(c.label)![1], signed(c)]).sort()).toEqual(expected);
    // The purchase order's cell on 23-31-00/S (its lines and approved change orders) moves the same way.
    const orders = preview.changes.filter((c) => c.label.startsWith('Purchase order '));
    const committed = committedOn(h.procore, '23-31-00/S');
    expect(committed.length).toBeGreaterThan(0);
    expect(orders.map((c) => [/ (\S+) \(/.exec(c.label)![1], cents(c.after.amount)])).toEqual(committed);
    for (const c of [...bills, ...orders]) {
      expect([c.costCode, c.costType, c.posted, c.before.target.value, c.after.target.value, c.after.class?.value]).toEqual(['23-31-00', 'S', true, '61', '63', PLUMBING_CLASS]);
    }
    // Owner invoices bill 23-31-00/S on Progress Billing (an account rule names no item): only the class changes, at the net billed.
    const sales = preview.changes.filter((c) => c.label.startsWith('Owner invoice '));
    const billed = billedNetOn(h.procore, '23-31-00/S');
    expect(billed.length).toBe(PAY_APPS.length);
    expect(sales.map((c) => [/ (\S+) \(/.exec(c.label)![1], cents(c.after.amount)]).sort()).toEqual(billed);
    for (const c of sales) expect([c.before.target.value, c.after.target.value, c.before.class?.value, c.after.class?.value]).toEqual(['21', '21', HVAC_CLASS, PLUMBING_CLASS]);
    expect(preview.changes).toHaveLength(bills.length + orders.length + sales.length);
    // Every kind is rewritten on "update": bills and vendor credits, the purchase order, the owner invoices.
    expect(preview.changedDocuments.every((d) => d.rewrittenOnUpdate)).toBe(true);
    expect([...new Set(preview.changedDocuments.map((d) => d.kind))].sort()).toEqual(['owner-invoice', 'purchase-order', 'subcontractor-invoice']);
    // Totals: what moves is the sum of those items and the PO cell, off 61 onto 63; every other account is unchanged.
    const moved = expected.reduce((sum, [, amount]) => sum + amount, 0) + committed.reduce((sum, [, amount]) => sum + amount, 0);
    const total = (value: string) => preview.byAccount.find((t) => t.target.value === value)!;
    expect(cents(total('61').before) - cents(total('61').after)).toBe(moved);
    expect([cents(total('63').before), cents(total('63').after)]).toEqual([0, moved]);
    for (const t of preview.byAccount.filter((a) => a.target.value !== '61' && a.target.value !== '63')) expect(t.before).toBe(t.after);
    expect(books().map((d) => `${d.Id}@${d.SyncToken}`).sort()).toEqual(tokens);
  });

  it('previews 23-05-00/L on item 11: every timecard moves off HVAC Labor at hours x the employee\'s cost rate in the books', async () => {
    const { status, body } = await post('preview', { changes: [{ costCode: '23-05-00', costType: 'L', item: '11', class: PLUMBING_CLASS }] });
    expect(status).toBe(200);
    const preview = body as unknown as Preview;
    // Independently: the sandbox's approved entries on 23-05-00/L, each at its employee's CostRate in the QuickBooks sandbox.
    const rates = new Map((h.quickbooks.company().list('Employee') as unknown as Array<{ DisplayName: string; CostRate: number }>).map((e) => [e.DisplayName, e.CostRate]));
    const entries = [...h.procore.state.store.timecards.entries()].filter(([, t]) => t.approvalStatus === 'approved' && keyOfWbs(h.procore, t.wbsCodeId) === '23-05-00/L')
      .map(([id, t]): [string, number] => [String(id), Math.round(Number(t.hours) * rates.get(t.partyName)! * 100)]).sort();
    expect(entries.length).toBe(10);
    expect(preview.changes.map((c) => [/^Timecard entry (\d+) /.exec(c.label)![1], cents(c.after.amount)]).sort()).toEqual(entries);
    for (const c of preview.changes) expect([c.before.target.value, c.after.target.value, c.before.class?.value, c.after.class?.value]).toEqual(['12', '11', HVAC_CLASS, PLUMBING_CLASS]);
    const labour = entries.reduce((sum, [, amount]) => sum + amount, 0);
    expect(labour).toBe(357_000);
    const total = (value: string) => preview.byAccount.find((t) => t.target.kind === 'item' && t.target.value === value)!;
    expect([cents(total('12').before), cents(total('12').after)]).toEqual([labour, 0]);
    expect([cents(total('11').before), cents(total('11').after)]).toEqual([0, labour]);
  });

  it('refuses bad input with problem bodies naming the field: unknown cost code, unknown account, malformed rule', async () => {
    const unknownCode = await post('preview', { changes: [{ costCode: '99-99-00', account: '63' }] });
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.body.problems).toEqual([{ path: 'changes[0].costCode', message: 'no cost code 99-99-00 is in use' }]);
    const unknownAccount = await post('preview', { changes: [{ costCode: '23-31-00', costType: 'S', account: '999999' }] });
    expect(unknownAccount.status).toBe(400);
    expect(unknownAccount.body.problems).toEqual([{ path: 'changes[0].account', message: 'account 999999 does not exist in the books' }]);
    const malformed = await post('preview', { changes: [{ costCode: '23-3x', account: '63', acount: '1' }] });
    expect(malformed.status).toBe(400);
    expect((malformed.body.problems as Array<{ path: string }>).map((p) => p.path)).toEqual(['changes[0].acount', 'changes[0].costCode']);
    expect((await post('apply', { changes: [TO_63('23-07-00')] })).status).toBe(400); // no choice for posted documents
    expect((await post('preview', { changes: [TO_63('23-07-00')] }, 'auditor')).status).toBe(403);
  });

  it('"leave" keeps posted documents as they are; "update" rewrites each bill, purchase order, owner invoice and time activity once through the sagas', async () => {
    const summit = SAMPLE_REQUISITIONS[1]!; // SI-2207: 23-07-00/S only, a document of its own
    const summitBefore = books().filter((d) => d.DocNumber === summit.invoiceNumber).map((d) => `${d.Id}@${d.SyncToken}`);
    const left = await post('apply', { changes: [TO_63('23-07-00')], posted: 'leave' });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ changed: true, posted: 'leave' });
    const leftLabels = (left.body.documents as Array<{ label: string }>).map((d) => d.label);
    expect(leftLabels.filter((l) => isBill({ label: l }))).toEqual([`Bill ${summit.invoiceNumber} (Summit Insulation Inc)`]);
    expect(leftLabels.some((l) => l.startsWith('Purchase order '))).toBe(true);

    // What the books hold before the update: every object's SyncToken, by entity and Id.
    const ENTITIES = ['Bill', 'VendorCredit', 'PurchaseOrder', 'Invoice', 'TimeActivity'] as const;
    const tokens = () => new Map(ENTITIES.flatMap((entity) =>
      (h.quickbooks.company().list(entity) as unknown as Array<{ Id: string; SyncToken: string }>).map((d) => [`${entity} ${d.Id}`, Number(d.SyncToken)] as const)));
    const before = tokens();
    const LABOUR_TO_11 = { costCode: '23-05-00', costType: 'L', item: '11', class: PLUMBING_CLASS };
    const updated = await post('apply', { changes: [TO_63('23-31-00'), LABOUR_TO_11], posted: 'update' });
    expect(updated.status).toBe(200);
    const labels = (updated.body.documents as Array<{ label: string }>).map((d) => d.label);
    const count = (prefix: string) => labels.filter((l) => l.startsWith(prefix)).length;
    expect([labels.filter((l) => isBill({ label: l })).length, count('Purchase order '), count('Owner invoice '), count('Timecard entry ')])
      .toEqual([new Set(itemsOn(h.procore, '23-31-00', 'S').map(([n]) => n)).size, committedOn(h.procore, '23-31-00/S').length, PAY_APPS.length, 10]);
    for (const number of ['NSM-1041', 'NSM-1077', 'NSM-1077-CR']) {
      await eventually(`${number} rewritten on account 63`, () => {
        const accounts = accountsOn(number, '23-31-00/S');
        return accounts.length > 0 && accounts.every((a) => a === '63');
      }, 60_000);
    }
    // The purchase order: its 23-31-00/S line (the amount the sandbox commits there) on account 63, class 22 Plumbing; the other lines as they were.
    type ExpenseLine = { Id: string; Amount: number; AccountBasedExpenseLineDetail?: Detail };
    const orders = () => h.quickbooks.company().list('PurchaseOrder') as unknown as Array<{ Id: string; DocNumber: string; Line: ExpenseLine[] }>;
    const [[wo, committed]] = committedOn(h.procore, '23-31-00/S') as [[string, number]];
    const homes = () => orders().find((o) => o.DocNumber === wo)!.Line.map((l) => [Math.round(l.Amount * 100) === committed, l.AccountBasedExpenseLineDetail?.AccountRef?.value, l.AccountBasedExpenseLineDetail?.ClassRef?.value]);
    const poBefore = homes();
    await eventually(`purchase order ${wo} rewritten on account 63`, () => homes().some(([moved, account]) => moved && account === '63'), 60_000);
    expect(homes()).toEqual(poBefore.map(([moved, account, klass]) => (moved ? [true, '63', PLUMBING_CLASS] : [false, account, klass])));
    // The owner invoices: their 23-31-00/S lines in class 22 Plumbing, on the same item.
    type SalesLine = { Description?: string; SalesItemLineDetail?: { ItemRef?: { value: string }; ClassRef?: { value: string } } };
    const sales = () => (h.quickbooks.company().list('Invoice') as unknown as Array<{ Line: SalesLine[] }>)
      .flatMap((i) => i.Line.filter((l) => l.Description?.startsWith('23-31-00/S ')).map((l) => [l.SalesItemLineDetail?.ItemRef?.value, l.SalesItemLineDetail?.ClassRef?.value]));
    await eventually('both owner invoices rewritten in class 22 Plumbing', () => sales().length === PAY_APPS.length && sales().every(([, klass]) => klass === PLUMBING_CLASS), 60_000);
    expect(sales()).toEqual(PAY_APPS.map(() => ['21', PLUMBING_CLASS]));
    // The time activities: every one on item 11, class 22 Plumbing.
    const activities = () => h.quickbooks.company().list('TimeActivity') as unknown as Array<{ ItemRef?: { value: string }; ClassRef?: { value: string } }>;
    await eventually('every time activity rewritten on item 11', () => activities().every((a) => a.ItemRef?.value === '11'), 60_000);
    expect(activities().map((a) => [a.ItemRef?.value, a.ClassRef?.value])).toEqual(activities().map(() => ['11', PLUMBING_CLASS]));

    // Each rewritten once through its saga (one update request after the remap), nothing new created in the books.
    const updates = ['UpdateBillRequested.v1', 'UpdateVendorCreditRequested.v1', 'UpdatePurchaseOrderRequested.v1', 'UpdateInvoiceRequested.v1', 'UpdateTimeActivityRequested.v1'];
    for (const d of updated.body.documents as Array<{ document: { type: string; externalId: string } }>) {
      const saga = { subcontractor_invoice: 'invoice_sync', commitment: 'commitment_po', owner_invoice: 'owner_invoice', timecard: 'timecard_sync' }[d.document.type]!;
      const instance = saga === 'invoice_sync' ? d.document.externalId : `${d.document.type}-${d.document.externalId}`;
      const stream = (await h.store.readStream(`demo.saga.${saga}-${instance}`)).map((e) => e.type);
      const after = stream.slice(stream.lastIndexOf('MappingRemapApplied.v1'));
      expect(stream.length, `${saga}-${instance}`).toBeGreaterThan(0);
      expect(after.filter((t) => updates.includes(t)), `${saga}-${instance}`).toHaveLength(1);
    }
    const now = tokens();
    expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
    const bumped = [...now].filter(([key, token]) => token !== before.get(key)).map(([key, token]) => [key.split(' ')[0], token - before.get(key)!]);
    expect(bumped.every(([, by]) => by === 1)).toBe(true);
    expect(bumped.map(([entity]) => entity).sort()).toEqual(labels.map((l) => (l.startsWith('Purchase order ') ? 'PurchaseOrder' : l.startsWith('Owner invoice ') ? 'Invoice'
      : l.startsWith('Timecard entry ') ? 'TimeActivity' : l.startsWith('Vendor credit ') ? 'VendorCredit' : 'Bill')).sort());

    // The saga subscription handles events in order: the "leave" remap came before, so it is
    // handled by now. It reached no Summit saga, and the Summit bill is untouched.
    const summitSaga = await h.store.readStream(`demo.saga.invoice_sync-${summit.id}`);
    expect(summitSaga.filter((e) => e.type === 'MappingRemapApplied.v1' || e.type === 'UpdateBillRequested.v1')).toEqual([]);
    expect(books().filter((d) => d.DocNumber === summit.invoiceNumber).map((d) => `${d.Id}@${d.SyncToken}`)).toEqual(summitBefore);
    expect(accountsOn(summit.invoiceNumber, '23-07-00/S')).toEqual(['61']);
    // The choice is on record: one event per remap, naming the documents and what was done with them.
    const record = await h.store.readStream(`demo.remap-v${left.body.version as number}`);
    expect(record.map((e) => [e.type, (e.data as { posted: string }).posted])).toEqual([['MappingRemapApplied.v1', 'leave']]);
  });
});
