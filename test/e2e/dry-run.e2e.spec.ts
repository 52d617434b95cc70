import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_COMMITMENTS, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { DRY_RUN_STREAM } from '../../src/adapters/pipeline/outbound/dry-run-ledger.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Recorded = { requestType: string; connection: string; documentStream: string; request: { docNumber?: string; total?: string; lines?: Array<{ amount: string; accountRef?: { value: string } }> } };

const SUMMIT = SAMPLE_REQUISITIONS[1]!; // SI-2207 on WO-002, vendor Summit Insulation (already in the books)
const WO_002 = SAMPLE_COMMITMENTS[1];

/** `postingMode: dry-run`: the sagas draft as usual, nothing reaches the books, and what would post is on record and shown. */
describe('a connection in dry-run posting mode (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const books = () => ['Bill', 'PurchaseOrder', 'Vendor', 'Customer'].map((entity) => h.quickbooks.company().list(entity as 'Bill').length);
  const recorded = async (role: 'operator' | 'finance' = 'operator') => fetch(`${h.url}/admin/dry-run?connection=demo`, { headers: { 'x-api-key': h.key(role) } });

  beforeAll(async () => {
    h = await startTrestleHarness({ outbound: { dryRunConnections: ['demo'] } });
  });
  afterAll(async () => h?.close());

  it('records the purchase order and the bill it would post, writes nothing to the books, and lists them over REST and in the console', async () => {
    const before = books();
    h.procore.state.approveCommitment(Number(WO_002.id));
    h.procore.state.submitRequisition(Number(SUMMIT.id));
    h.procore.state.approveRequisition(Number(SUMMIT.id));
    const items = await eventually('the PO and the bill recorded', async () => {
      const listed = (await (await recorded()).json() as { items: Recorded[] }).items;
      return listed.length >= 2 ? listed : undefined;
    }, 60_000);
    expect(items.map((i) => i.requestType).sort()).toEqual(['PostBillRequested.v1', 'PostPurchaseOrderRequested.v1']);
    // What would post, from the sandbox's own records: the requisition's one line and the commitment's, in decimal strings.
    const bill = items.find((i) => i.requestType === 'PostBillRequested.v1')!;
    expect(bill).toMatchObject({ connection: 'demo', documentStream: `demo.procore.subcontractor_invoice-${SUMMIT.id}`, request: { docNumber: SUMMIT.invoiceNumber } });
    expect(bill.request.lines!.map((l) => [l.amount, l.accountRef?.value])).toEqual([[SUMMIT.lines[0]!.amount, '61']]);
    const po = items.find((i) => i.requestType === 'PostPurchaseOrderRequested.v1')!;
    expect(po.request.lines!.map((l) => l.amount)).toEqual(WO_002.lines.map((l) => l.amount));

    // Nothing written: no bill, PO, vendor or customer, and no call that writes reached QuickBooks.
    expect(books()).toEqual(before);
    const records = await h.store.readStream(DRY_RUN_STREAM);
    expect(records).toHaveLength(2);

    // The console's approval screen shows them; another role may not list them.
    const page = await (await fetch(`${h.url}/console/approvals?connection=demo`, { headers: { 'x-api-key': h.key('operator'), accept: 'text/html' } })).text();
    expect(page).toContain('Recorded in dry run (2)');
    expect(page).toContain(SUMMIT.invoiceNumber);
    expect((await recorded('finance')).status).toBe(403);
  });
});
