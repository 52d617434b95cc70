import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import type { ProcoreSandbox } from '../../sandbox/procore/index.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Detail = { AccountRef?: { value: string }; ClassRef?: { value: string } };
type BooksDoc = { Id: string; DocNumber?: string; SyncToken: string; Line: Array<{ Amount?: number; Description?: string; AccountBasedExpenseLineDetail?: Detail }> };
type Home = { target: { kind: string; value?: string }; class: { value: string } | null; amount: string };
type Change = { label: string; posted: boolean; costCode: string; costType: string; before: Home; after: Home };
type Total = { target: { kind: string; value?: string }; before: string; after: string };
type Preview = { documents: number; posted: number; changes: Change[]; byAccount: Total[]; changedDocuments: Array<{ label: string; posted: boolean }> };

const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const PLUMBING_CLASS = '200000000000000122';

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
    h.procore.state.approveCommitment(786001);
    h.procore.state.approveCommitment(786002);
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
    expect(preview).toMatchObject({ documents: SAMPLE_REQUISITIONS.length, posted: SAMPLE_REQUISITIONS.length });
    // Line by line: every item on 23-31-00/S moves from account 61 (class 23 HVAC) to 63 (22 Plumbing), nothing else.
    const signed = (c: Change) => (c.label.startsWith('Vendor credit') ? -1 : 1) * cents(c.after.amount);
    expect(preview.changes.map((c) => [/ (\S+) \(/.exec(c.label)![1], signed(c)]).sort()).toEqual(expected);
    for (const c of preview.changes) {
      expect([c.costCode, c.costType, c.posted, c.before.target.value, c.after.target.value, c.after.class?.value]).toEqual(['23-31-00', 'S', true, '61', '63', PLUMBING_CLASS]);
    }
    // Totals: what moves is the sum of those items, off 61 onto 63; every other account is unchanged.
    const moved = expected.reduce((sum, [, amount]) => sum + amount, 0);
    const total = (value: string) => preview.byAccount.find((t) => t.target.value === value)!;
    expect(cents(total('61').before) - cents(total('61').after)).toBe(moved);
    expect([cents(total('63').before), cents(total('63').after)]).toEqual([0, moved]);
    for (const t of preview.byAccount.filter((a) => a.target.value !== '61' && a.target.value !== '63')) expect(t.before).toBe(t.after);
    expect(books().map((d) => `${d.Id}@${d.SyncToken}`).sort()).toEqual(tokens);
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

  it('"leave" keeps posted bills as they are; "update" rewrites them through the sagas', async () => {
    const summit = SAMPLE_REQUISITIONS[1]!; // SI-2207: 23-07-00/S only, a document of its own
    const summitBefore = books().filter((d) => d.DocNumber === summit.invoiceNumber).map((d) => `${d.Id}@${d.SyncToken}`);
    const left = await post('apply', { changes: [TO_63('23-07-00')], posted: 'leave' });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ changed: true, posted: 'leave', documents: [{ label: `Bill ${summit.invoiceNumber} (Summit Insulation Inc)` }] });

    const updated = await post('apply', { changes: [TO_63('23-31-00')], posted: 'update' });
    expect(updated.status).toBe(200);
    expect((updated.body.documents as unknown[]).length).toBe(new Set(itemsOn(h.procore, '23-31-00', 'S').map(([n]) => n)).size);
    for (const number of ['NSM-1041', 'NSM-1077', 'NSM-1077-CR']) {
      await eventually(`${number} rewritten on account 63`, () => {
        const accounts = accountsOn(number, '23-31-00/S');
        return accounts.length > 0 && accounts.every((a) => a === '63');
      }, 60_000);
    }
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
