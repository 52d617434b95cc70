import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type BooksDoc = { DocNumber?: string; Line: Array<{ Description?: string; AccountBasedExpenseLineDetail?: { AccountRef?: { value: string } } }> };
type Draft = { lines: Array<{ accountRef?: { value: string }; source: { costCode: string } | null }> };

const SUMMIT = SAMPLE_REQUISITIONS[1]!; // SI-2207: one line, 23-07-00/S, on account 61 under the sample mapping
const SAGA = `demo.saga.invoice_sync-${SUMMIT.id}`;

/** A remap applied while the invoice's first post is out (QuickBooks down): it is redone once the post lands, not lost. */
describe('a remap applied while a request is in flight (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const types = async () => (await h.store.readStream(SAGA)).map((e) => e.type);
  const accounts = () => (h.quickbooks.company().list('Bill') as unknown as BooksDoc[]).filter((d) => d.DocNumber === SUMMIT.invoiceNumber)
    .flatMap((d) => d.Line.filter((l) => l.Description?.startsWith('23-07-00/S ')).map((l) => l.AccountBasedExpenseLineDetail?.AccountRef?.value));

  beforeAll(async () => {
    // Retries keep the post in flight for as long as QuickBooks is down: it must neither land nor be given up meanwhile.
    h = await startTrestleHarness({ outbound: { retry: { maxAttempts: 10_000, baseDelayMs: 20, maxDelayMs: 100 }, breaker: { consecutiveFailures: 1_000, resetTimeoutMs: 100 } } });
    h.procore.state.approveCommitment(786002);
  });
  afterAll(async () => h?.close());

  it('posts under the old mapping, then rewrites the bill under the new one once the post lands', async () => {
    h.quickbooks.faults.add({ kind: 'outage', durationMs: 600_000 }, { method: 'POST', path: '/bill' });
    h.procore.state.submitRequisition(Number(SUMMIT.id));
    h.procore.state.approveRequisition(Number(SUMMIT.id));
    await eventually('the bill post out and refused once', async () => {
      const stream = await h.store.readAll({ filter: { eventTypes: ['OutboundAttempted.v1'] }, maxCount: 1000 });
      return (await types()).includes('PostBillRequested.v1') && stream.length > 0;
    }, 60_000);
    const post = (await h.store.readStream(SAGA)).find((e) => e.type === 'PostBillRequested.v1')!.data as Draft;
    expect(post.lines.filter((l) => l.source?.costCode === '23-07-00').map((l) => l.accountRef?.value)).toEqual(['61']);

    const applied = await fetch(`${h.url}/admin/connections/demo/mapping/remap/apply`, {
      method: 'POST', headers: { 'x-api-key': h.key('finance'), 'content-type': 'application/json' },
      body: JSON.stringify({ changes: [{ costCode: '23-07-00', costType: 'S', account: '63' }], posted: 'update' }),
    });
    expect(applied.status).toBe(200);
    // Not posted yet, but its saga has a request out: the remap names it, so its saga hears of it.
    const answer = (await applied.json()) as { changed: boolean; posted: string; documents: Array<{ label: string }> };
    expect(answer).toMatchObject({ changed: true, posted: 'update' });
    expect(answer.documents.map((d) => d.label).filter((l) => l.startsWith('Bill '))).toEqual([`Bill ${SUMMIT.invoiceNumber} (Summit Insulation Inc)`]);
    await eventually('the saga to take in the remap while the post is out', async () => (await types()).includes('MappingRemapApplied.v1'), 30_000);
    expect(await types()).not.toContain('BillPosted.v1');

    h.quickbooks.faults.clear();
    await eventually('the bill rewritten on account 63', () => {
      const now = accounts();
      return now.length === 1 && now[0] === '63';
    }, 60_000);
    await eventually('the rewrite synced', async () => (await types()).filter((t) => t === 'InvoiceSynced.v1').length === 2, 30_000);
    const order = (await types()).filter((t) => ['PostBillRequested.v1', 'MappingRemapApplied.v1', 'BillPosted.v1', 'InvoiceSynced.v1', 'UpdateBillRequested.v1', 'BillUpdated.v1'].includes(t));
    expect(order).toEqual(['PostBillRequested.v1', 'MappingRemapApplied.v1', 'BillPosted.v1', 'InvoiceSynced.v1', 'UpdateBillRequested.v1', 'BillUpdated.v1', 'InvoiceSynced.v1']);
  });
});
