import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billId } from '../../src/adapters/buildertrend/bills-pos-kind.js';
import { booksList } from './support/project-sync-probes.js';
import { eventually } from './support/trestle-harness.js';
import { keyBill, matchedIn, sampleFile, startBuildertrendHub, type BuildertrendHub } from './support/buildertrend-connection.js';

const BILLS_POS = 'buildertrend-bills-pos';

/**
 * Buildertrend's Bills/POs and Change Orders exports through a connection in `hub-posts` mode
 * (the default): the hub posts what the books do not hold yet, through the same sagas as Procore's.
 */
describe('Buildertrend exports into the QuickBooks sandbox (hub + sandboxes over HTTP)', () => {
  let bt: BuildertrendHub;
  const numbered = (entity: string, docNumber: string) => booksList(bt.sandboxes.quickbooks, entity, (d) => d.DocNumber === docNumber);
  const one = (entity: string, docNumber: string) => eventually(`${entity} ${docNumber} in the books`, () => {
    const found = numbered(entity, docNumber);
    return found.length > 0 ? found : undefined;
  }, 120_000);

  beforeAll(async () => {
    bt = await startBuildertrendHub();
  }, 300_000);
  afterAll(async () => bt?.close());

  it('posts each purchase order and each approved bill once; a draft bill waits, a repeated row is one line', async () => {
    const response = await bt.upload(BILLS_POS, await sampleFile('buildertrend-bills-pos-riverside.csv'), 'bills-pos.csv');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { held: Array<{ row: number }> };
    expect(body.held.map((h) => h.row)).toEqual([9]);

    const [po1] = await one('PurchaseOrder', 'RMO-PO-001');
    const [po2] = await one('PurchaseOrder', 'RMO-PO-002');
    expect([po1!.TotalAmt, po2!.TotalAmt]).toEqual([64000, 42750]);
    const [si] = await one('Bill', 'SI-2301');
    const [apx] = await one('Bill', 'APX-118');
    expect([si!.TotalAmt, apx!.TotalAmt]).toEqual([16000, 10687.5]);
    expect(numbered('Bill', 'APX-121')).toEqual([]);
  });

  it('changes nothing on the same file again, and a later export that repeats a bill posts only what is new', async () => {
    const again = await bt.upload(BILLS_POS, await sampleFile('buildertrend-bills-pos-riverside.csv'), 'bills-pos.csv');
    expect(again.status).toBe(200);
    // The next week's export: SI-2301 again as it was, APX-121 now approved, a new bill.
    const later = [
      'Type,Number,Vendor,Title,Date,Status,Related PO,Cost Code,Cost Type,Description,Amount',
      'Bill,SI-2301,Summit Insulation Inc,Insulation progress 1,3/6/2026,Paid,RMO-PO-001,23-07-00 - HVAC Insulation,Subcontractor,Duct and piping insulation,"$16,000.00"',
      'Bill,APX-121,Apex Controls Co,Controls draft,3/12/2026,Open,RMO-PO-002,23-09-00 - Instrumentation and Control for HVAC,Subcontractor,Controls programming,"$4,000.00"',
      'Bill,SI-2388,Summit Insulation Inc,Insulation progress 2,3/20/2026,Open,RMO-PO-001,23-07-00 - HVAC Insulation,Subcontractor,Duct and piping insulation,"$12,000.00"',
    ].join('\n');
    // A bookkeeper keyed SI-2388 into QuickBooks already: the hub links it instead of posting it again.
    const keyed = keyBill(bt, '47', 'SI-2388', 12000);
    expect((await bt.upload(BILLS_POS, later, 'bills-pos-week2.csv')).status).toBe(201);
    await one('Bill', 'APX-121');
    await matchedIn(bt, 'Summit Insulation Inc', 'SI-2388', keyed.Id);
    expect(numbered('Bill', 'SI-2388').map((b) => b.Id)).toEqual([keyed.Id]);
    // Paid in Buildertrend is the same bill, approved: nothing more to write.
    expect(numbered('Bill', 'SI-2301')).toHaveLength(1);
    expect(numbered('Bill', 'APX-118')).toHaveLength(1);
    expect(numbered('PurchaseOrder', 'RMO-PO-001')).toHaveLength(1);
  });

  it('puts an approved client change order on the revised budget, and a pending one on pending changes', async () => {
    const response = await bt.upload('buildertrend-change-orders', await sampleFile('buildertrend-change-orders-riverside.csv'), 'change-orders.csv');
    expect(response.status).toBe(201);
    const revised = await eventually('the budget revisions of CO-001', async () => {
      const facts = await bt.hub.trestle.hub.storage.store.readAll({ maxCount: 10_000, filter: { eventTypes: ['BudgetRevised.v1', 'PendingChangeAdjusted.v1'] } });
      // The Procore sandbox's own change orders arrive by the poll: only the imported ones count here.
      const ours = facts.filter((e) => e.metadata.inputStream === undefined && (e.data as { cause: { document: { source: string } } }).cause.document.source === 'buildertrend');
      return ours.length >= 3 ? ours : undefined;
    }, 120_000);
    const cells = revised.map((e) => {
      const d = e.data as { costCode: string; costType: string; delta: number };
      return `${e.type} ${d.costCode} ${d.costType} ${d.delta}`;
    }).sort();
    expect(cells).toEqual([
      'BudgetRevised.v1 23-07-00 S 175000',
      'BudgetRevised.v1 23-31-00 S 640000',
      'PendingChangeAdjusted.v1 23-37-00 S 320000',
    ]);
  });

  it('refuses a malformed export whole, naming the file, row and column, and posts none of it', async () => {
    const bad = [
      'Type,Number,Vendor,Date,Status,Cost Code,Amount',
      'Bill,ZZ-1,Summit Insulation Inc,3/2/2026,Open,23-07-00,$5.00',
      'Bill,ZZ-2,Summit Insulation Inc,3/2/2026,Open,23-07-00,five dollars',
    ].join('\n');
    const response = await bt.upload(BILLS_POS, bad, 'bad-bills.csv');
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toContain('bad-bills.csv, row 3, column "Amount"');
    // Its good row was not recorded either: no document, so nothing for a saga to post.
    expect(await bt.hub.trestle.hub.storage.store.readStream(`acme.buildertrend.subcontractor_invoice-${billId('2468013', 'Summit Insulation Inc', 'ZZ-1')}`)).toEqual([]);
  });
});

/** `books-synced-natively`: Buildertrend's own sync writes the bills; the hub only links them, and never posts one. */
describe('Buildertrend bills a connection syncs natively (hub + sandboxes over HTTP)', () => {
  let bt: BuildertrendHub;
  const file = [
    'Type,Number,Vendor,Title,Date,Status,Cost Code,Cost Type,Description,Amount',
    'Bill,SI-2301,Summit Insulation Inc,Insulation progress 1,3/6/2026,Open,23-07-00 - HVAC Insulation,Subcontractor,Duct and piping insulation,"$16,000.00"',
    'Bill,SI-2388,Summit Insulation Inc,Insulation progress 2,3/20/2026,Open,23-07-00 - HVAC Insulation,Subcontractor,Duct and piping insulation,"$12,000.00"',
  ].join('\n');
  const hubWritten = () => booksList(bt.sandboxes.quickbooks, 'Bill', (b) => String(b.PrivateNote ?? '').startsWith('trestle:'));

  beforeAll(async () => {
    bt = await startBuildertrendHub({ buildertrend: { mode: 'books-synced-natively' } });
  }, 300_000);
  afterAll(async () => bt?.close());

  it('links a bill Buildertrend has synced, parks one it has not, and links that one when the export is imported again after the sync', async () => {
    const synced = keyBill(bt, '47', 'SI-2301', 16000);
    expect((await bt.upload(BILLS_POS, file, 'bills.csv')).status).toBe(201);
    await matchedIn(bt, 'Summit Insulation Inc', 'SI-2301', synced.Id);
    const parked = await eventually('SI-2388 parked', async () => {
      const events = await bt.hub.trestle.hub.storage.store.readStream(`acme.saga.invoice_sync-${billId('2468013', 'Summit Insulation Inc', 'SI-2388')}`);
      return events.find((e) => e.type === 'DocumentSyncParked.v1');
    }, 60_000);
    expect((parked.data as { message: string }).message).toContain('the books hold no bill SI-2388 from Summit Insulation Inc for 12000.00 yet');

    // Buildertrend's sync runs; the estimator imports the same export again.
    const later = keyBill(bt, '47', 'SI-2388', 12000);
    expect((await bt.upload(BILLS_POS, file, 'bills.csv')).status).toBe(200);
    await matchedIn(bt, 'Summit Insulation Inc', 'SI-2388', later.Id);
    expect(hubWritten()).toEqual([]);
  });
});
