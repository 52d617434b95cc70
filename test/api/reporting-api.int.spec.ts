import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceFlow, invoiceStream } from '../../bench/replay/invoice-flow.js';
import { appendAroundRevision, P, sampleLedger } from '../projections/sample-ledger.js';
import { startReportingHub, type ReportingHub } from './reporting-hub.js';

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => {
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json() as Promise<T>;
};

describe('reporting API', () => {
  let hub: ReportingHub;
  beforeAll(async () => {
    hub = await startReportingHub();
    await hub.feed(sampleLedger());
  });
  afterAll(async () => hub?.close());

  it('reports reconciliation rows per cost code and cost type, filterable', async () => {
    const page = await json<{ items: Array<Record<string, unknown>>; total: number }>(await hub.get(`/finance/reconciliation?connection=acme&project=${P}`, 'finance'));
    expect(page.total).toBe(2);
    expect(page.items[1]).toMatchObject({
      costCode: '23-31-00', costType: 'S', originalBudget: '150000.00', approvedChanges: '10000.00', revisedBudget: '160000.00',
      committed: '150000.00', invoiced: '65000.00', posted: '65000.00', retainageHeld: '6500.00', retainageReleased: '0.00', status: 'mismatch',
      // Invoice 1002's bill was edited by hand from 20,000 to 19,000: the hub's side stays, the books' side and the variance move.
      books: '64000.00', booksDifference: '-1000.00', variance: '1000.00',
    });
    expect(page.items[0]).toMatchObject({ costType: 'M', invoiced: '7000.00', posted: '4000.00', variance: '3000.00', status: 'quarantined' });
    const paid = page.items.reduce((sum, row) => sum + Math.round(Number(row.paid) * 100), 0);
    expect(paid).toBe(27_000_01);
    const quarantined = await json<{ items: unknown[] }>(await hub.get('/finance/reconciliation?status=quarantined', 'finance'));
    expect(quarantined.items).toHaveLength(1);
  });

  it('pages lists: page and pageSize, with the total', async () => {
    const page = await json<{ items: unknown[]; page: number; pageSize: number; total: number }>(await hub.get('/finance/reconciliation?pageSize=2&page=2', 'finance'));
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page.items).toHaveLength(1);
  });

  it('answers 400 problems for bad filters and paging', async () => {
    for (const query of ['pageSize=0', 'page=x', 'status=lost', 'connection=Not%20A%20Name', 'colour=blue']) {
      const response = await hub.get(`/finance/reconciliation?${query}`, 'finance');
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request', errors: expect.any(Array) });
    }
  });

  it('lists discrepancies with their reasons', async () => {
    const page = await json<{ items: Array<Record<string, unknown>> }>(await hub.get('/finance/discrepancies?connection=acme', 'finance'));
    const reasons = Object.fromEntries(page.items.map((d) => [d.externalId, d]));
    expect(reasons['1002']).toMatchObject({ reason: 'edited_by_hand', constructionAmount: '20000.00', booksAmount: '19000.00', difference: '-1000.00', booksId: '10020' });
    expect(reasons['1003']).toMatchObject({ reason: 'quarantined', detail: expect.stringContaining('mapping_missing') });
    expect(reasons['1001']).toBeUndefined();
    const edited = await json<{ items: unknown[] }>(await hub.get('/finance/discrepancies?reason=edited_by_hand&costCode=23-31-00', 'finance'));
    expect(edited.items).toHaveLength(1);
  });

  it('reports job cost per cost code with percentages of the budget', async () => {
    const page = await json<{ items: unknown[] }>(await hub.get('/finance/job-cost?connection=acme', 'finance'));
    expect(page.items).toEqual([{
      connection: 'acme', projectId: P, costCode: '23-31-00', budget: '184000.00', committed: '162000.00', actual: '68000.00',
      remaining: '116000.00', committedPercent: '88.04', actualPercent: '36.96',
    }]);
  });

  it('exports each report as CSV', async () => {
    const response = await hub.get('/finance/reconciliation.csv?connection=acme', 'finance');
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('reconciliation.csv');
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('connection,project,cost_code,cost_type,original_budget,approved_changes,revised_budget,committed,invoiced,labour,posted,books,'
      + 'books_difference,paid,retainage_held,retainage_released,retainage_paid,variance,status');
    expect(lines[2]).toMatch(/^acme,2468013,23-31-00,S,150000.00,10000.00,160000.00,150000.00,65000.00,0.00,65000.00,64000.00,-1000.00,\d+\.\d\d,6500.00,0.00,0.00,1000.00,mismatch$/);
    expect(lines).toHaveLength(4);
    const discrepancies = await (await hub.get('/finance/discrepancies.csv?reason=edited_by_hand', 'finance')).text();
    expect(discrepancies.split('\r\n')[1]).toContain('acme,2468013,acme.procore.subcontractor_invoice-1002,subcontractor_invoice,1002,Northwind Sheet Metal LLC invoice INV-1002,edited_by_hand');
    const jobCost = await (await hub.get('/finance/job-cost.csv?connection=beta', 'finance')).text();
    expect(jobCost).toBe('connection,project,cost_code,budget,committed,actual,remaining,committed_percent,actual_percent\r\nbeta,77,23-31-00,0.00,0.00,1000.00,-1000.00,,\r\n');
  });

  it("shows a document's history: its events, its saga's, and its outbound calls with their statuses", async () => {
    const page = await json<{ items: Array<Record<string, unknown>>; correlation: Record<string, unknown[]>; total: number }>(
      await hub.get(`/audit/documents/${invoiceStream('acme', '1001')}/history`, 'auditor'));
    const kinds = new Set(page.items.map((e) => e.streamKind));
    expect([...kinds].sort()).toEqual(['books', 'document', 'outbound', 'saga']);
    expect(page.items[0]).toMatchObject({ type: 'SubcontractorInvoiceSubmitted.v1', metadata: { correlationId: 'corr-1001', recordedAt: expect.any(String) } });
    expect(page.items.find((e) => e.type === 'OutboundAttempted.v1')).toMatchObject({ attempt: { status: 200, outcome: 'succeeded' } });
    const positions = page.items.map((e) => e.position as string);
    expect(positions).toEqual([...positions].sort((a, b) => Number(BigInt(a.split('/')[0]!) - BigInt(b.split('/')[0]!))));
    expect(page.correlation.booksObjects).toEqual([expect.objectContaining({ entity: 'Bill', id: '10010' })]);
    expect(page.total).toBe(page.items.length);
  });

  it('answers 404 for an unknown document and 400 for a malformed one', async () => {
    expect((await hub.get(`/audit/documents/${invoiceStream('acme', '999')}/history`, 'auditor')).status).toBe(404);
    const bad = await hub.get('/audit/documents/not-a-document/history', 'auditor');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400, detail: expect.stringContaining('document stream') });
  });

  it('gives money as decimal strings in history and as-of answers too; what the books answered stays as they sent it', async () => {
    const document = invoiceStream('acme', '1002');
    const page = await json<{ items: Array<{ stream: string; type: string; data: Record<string, unknown> }> }>(await hub.get(`/audit/documents/${document}/history`, 'auditor'));
    const approved = page.items.find((e) => e.stream === document && e.type === 'SubcontractorInvoiceApproved.v1');
    expect(approved?.data).toMatchObject({
      snapshot: { grossAmount: '20000.00', retainageAmount: '2000.00', netAmount: '18000.00', lines: [expect.objectContaining({ amount: '20000.00', retainage: '2000.00' })] },
    });
    expect(page.items.find((e) => e.type === 'PostBillRequested.v1')?.data).toMatchObject({ total: '20000.00', lines: [expect.objectContaining({ amount: '20000.00' })] });
    expect(page.items.find((e) => e.type === 'BooksObjectEditedByHand.v1')?.data).toMatchObject({ snapshot: { totalAmount: '19000.00' } });
    expect(page.items.find((e) => e.type === 'OutboundAttempted.v1')?.data).toMatchObject({ response: { Bill: { Id: '10020' } }, durationMs: 87 });
    const asOf = await json<{ sync: { books: { total: string; lines: Array<{ amount: string }> } } }>(
      await hub.get(`/audit/documents/${document}/as-of?at=2100-01-01T00:00:00Z`, 'auditor'));
    expect(asOf.sync.books).toMatchObject({ total: '20000.00', lines: [{ amount: '20000.00' }] });
  });

  it('answers a 404 problem for an unknown connection or project, in every report and audit route', async () => {
    const notFound = async (path: string, role: 'finance' | 'auditor', type: string) => {
      const response = await hub.get(path, role);
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ status: 404, type: `https://trestle.dev/problems/${type}`, detail: expect.any(String) });
    };
    for (const report of ['reconciliation', 'reconciliation.csv', 'discrepancies', 'discrepancies.csv', 'job-cost', 'job-cost.csv']) {
      await notFound(`/finance/${report}?connection=nosuch`, 'finance', 'unknown-connection');
      await notFound(`/finance/${report}?connection=acme&project=999999`, 'finance', 'unknown-project');
    }
    await notFound('/finance/reconciliation?project=999999', 'finance', 'unknown-project');
    await notFound('/audit/verify?connection=nosuch', 'auditor', 'unknown-connection');
    await notFound('/audit/books-objects/nosuch/Bill/1', 'auditor', 'unknown-connection');
    // Known ones still answer, empty or not.
    expect((await hub.get(`/finance/reconciliation?connection=acme&project=${P}`, 'finance')).status).toBe(200);
    expect((await hub.get('/finance/discrepancies?connection=beta&reason=dead_lettered', 'finance')).status).toBe(200);
  });

  it('replays a document as it was before its revision', async () => {
    const { document, between, last } = await appendAroundRevision(hub.storage.store, 'acme', '3001');
    await hub.projections.reached(last);
    const then = await json(await hub.get(`/audit/documents/${document}/as-of?at=${between.toISOString()}`, 'auditor'));
    expect(then).toMatchObject({ existed: true, lastEventType: 'SubcontractorInvoiceApproved.v1', snapshot: { grossAmount: '10000.00' }, sync: { status: 'in_sync' } });
    const now = await json(await hub.get(`/audit/documents/${document}/as-of?at=2100-01-01T00:00:00Z`, 'auditor'));
    expect(now).toMatchObject({ lastEventType: 'SubcontractorInvoiceRevised.v1', snapshot: { grossAmount: '8000.00' } });
    expect((await hub.get(`/audit/documents/${document}/as-of?at=yesterday`, 'auditor')).status).toBe(400);
  });

  it('correlates a document with its saga and bill, and the bill back with the document', async () => {
    const document = invoiceStream('acme', '1002');
    const correlation = await json<{ sagas: string[]; requests: string[] }>(await hub.get(`/audit/documents/${document}/correlation`, 'auditor'));
    expect(correlation.sagas).toEqual(['acme.sagas.invoice-sync-1002']);
    expect(correlation.requests).toHaveLength(1);
    expect(await json(await hub.get('/audit/books-objects/acme/Bill/10020', 'auditor'))).toMatchObject({ documents: [document] });
  });

  it("verifies a connection's hash chains, and names an event altered behind the trigger's back", async () => {
    expect(await json(await hub.get('/audit/verify?connection=acme', 'auditor'))).toMatchObject({ ok: true, connection: 'acme', firstBroken: null });
    await hub.feed(invoiceFlow({ connection: 'gamma', projectId: '9', invoiceId: '1', lines: [{ costCode: '01-50-00', costType: 'O', amount: 100, retainage: 0 }] }));
    const sql = new pg.Client({ connectionString: hub.db.url });
    await sql.connect();
    try {
      const { rows: [target] } = await sql.query<{ event_id: string; stream_name: string }>(`SELECT event_id, stream_name FROM eventstore.events WHERE stream_name LIKE 'gamma.%' AND event_type = 'OutboundAttempted.v1'`);
      await sql.query('ALTER TABLE eventstore.events DISABLE TRIGGER events_append_only');
      await sql.query(`UPDATE eventstore.events SET data = '{"forged": true}' WHERE event_id = $1`, [target!.event_id]);
      await sql.query('ALTER TABLE eventstore.events ENABLE ALWAYS TRIGGER events_append_only');
      const verdict = await json(await hub.get('/audit/verify?connection=gamma', 'auditor'));
      expect(verdict).toMatchObject({ ok: false, firstBroken: { eventId: target!.event_id, streamName: target!.stream_name } });
      expect(await json(await hub.get('/audit/verify?connection=acme', 'auditor'))).toMatchObject({ ok: true });
    } finally {
      await sql.end();
    }
  });

  it('rebuilds a projection beside the live one and switches to it, with the same rows', async () => {
    const before = await (await hub.get('/finance/reconciliation.csv', 'finance')).text();
    const started = await hub.send('POST', '/admin/projections/reconciliation/rebuild', 'admin');
    expect(started.status).toBe(202);
    expect((await hub.send('POST', '/admin/projections/reconciliation/rebuild', 'admin')).status).toBe(409);
    await hub.projections.rebuildFinished('reconciliation');
    expect(await json(await hub.get('/admin/projections/reconciliation/rebuild', 'admin'))).toMatchObject({ state: 'done', processed: expect.any(Number), etaSeconds: 0 });
    expect(await (await hub.get('/finance/reconciliation.csv', 'finance')).text()).toBe(before);
    const [recon] = await json<Array<{ live: { generation: number; running: boolean } }>>(await hub.get('/admin/projections', 'admin'));
    expect(recon?.live).toMatchObject({ generation: 2, running: true });
  });
});
