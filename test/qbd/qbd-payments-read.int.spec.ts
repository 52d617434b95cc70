import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentPolls } from '../../src/adapters/qbd/inbound/payment-reads.js';
import { QbdSource } from '../../src/adapters/qbd/inbound/qbd-source.js';
import type { SourceSystems } from '../../src/adapters/pipeline/inbound/source-system.js';
import type { ChangeNotice } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import { useDatabase } from '../integration/eventstore/store-fixture.js';
import { billPosting } from './fixtures.js';
import { startQbdSim, type QbdSimHarness } from './sim-harness.js';

const JOB = { value: 'Harbor Point Builders:2026-014 Riverside Medical Office' };
const WINDOW = { since: undefined, until: new Date('2026-03-20T00:00:00Z') };

describe('payments made in QuickBooks Desktop, read back through the Web Connector (iterators, modified-since)', () => {
  const db = useDatabase('server');
  let sim: QbdSimHarness;
  let billId = '';

  /** Every payment notice one poll round announces, by payment type. */
  const poll = async (pageSize = 2): Promise<ChangeNotice[]> => {
    const notices: ChangeNotice[] = [];
    for (const p of paymentPolls(sim.queue, sim.connection, pageSize)) notices.push(...(await p.run(WINDOW)).notices);
    return notices;
  };

  beforeAll(async () => {
    sim = await startQbdSim(await db.openStore());
    const line = { ...billPosting().lines[1]!, kind: 'account' as const, accountRef: { value: 'Job Costs:Subcontractors' }, jobRef: JOB, classRef: null };
    const posted = await sim.settle(() => sim.port.post(sim.call('bill-p'), billPosting({ vendorRef: { value: 'Northwind Sheet Metal LLC' }, number: 'PAY-1', lines: [line] })));
    if (!posted.ok) throw new Error(posted.message);
    billId = posted.value.id;
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('reads every bill payment, page by page in one session, and records each as the payment the write-back saga consumes', async () => {
    expect(await poll()).toEqual([]);
    // Five partial payments at the desk: three pages of two.
    const paid = [100, 200, 300, 400, 500].map((cents) => sim.qbd.bookkeeper.payBill(billId, BigInt(cents * 100), '2026-03-16'));
    await sim.qbd.connector.runSession();
    const notices = await poll();
    expect(notices.map((n) => n.resourceId).sort()).toEqual([...paid].sort());
    const pages = sim.handedOut.filter((q) => q.includes('<BillPaymentCheckQueryRq'));
    expect(pages.at(-3)).toMatch(/<BillPaymentCheckQueryRq requestID="read:payments:BillPaymentCheck:1" iterator="Start"><MaxReturned>2<\/MaxReturned>/);
    expect(pages.at(-1)).toMatch(/iterator="Continue" iteratorID="[^"]+"/);

    const source = new QbdSource({ register: () => undefined } as unknown as SourceSystems, sim.queue);
    const fetched = await source.fetch({ notice: notices.find((n) => n.resourceId === paid[4])!, observedAt: '2026-03-17T00:00:00Z' });
    expect(fetched).toMatchObject({
      kind: 'observed',
      observation: {
        ref: { connection: sim.connection, source: 'qbd', type: 'bill_payment', externalId: paid[4] },
        snapshot: { kind: 'bill_payment', totalAmount: 50_000, txnDate: '2026-03-16', appliedTo: [{ txnId: billId, txnType: 'Bill', amount: 50_000 }], deleted: false },
      },
    });
    expect(await sim.port.readPayment(sim.connection, 'bill_payment', paid[0]!)).toMatchObject({ ok: true, value: { totalAmount: 10_000 } });
    expect(await sim.port.readPayment(sim.connection, 'payment', paid[0]!)).toEqual({ ok: true, value: null });
  });

  it('starts a read over when the session died between pages (an iterator lives in one session), and returns each payment once', async () => {
    const before = sim.qbd.connector.history.length;
    await poll(); // queues the next read, modified since the day of the last one
    const more = [11, 12, 13].map((cents) => sim.qbd.bookkeeper.payBill(billId, BigInt(cents * 100), '2026-03-17'));
    // The first page is answered, then the session dies after QuickBooks ran the second.
    const died = sim.handedOut.length;
    sim.dieAfter(/iterator="Continue"/);
    await sim.qbd.connector.runSession();
    expect(sim.handedOut.slice(died).filter((q) => q.includes('BillPaymentCheckQueryRq'))).toHaveLength(2);
    expect(sim.qbd.connector.history.slice(before).some((r) => r.outcome === 'died')).toBe(true);
    await sim.qbd.connector.runSession();
    expect(sim.handedOut.slice(died).filter((q) => q.includes('BillPaymentCheckQueryRq') && q.includes('iterator="Start"'))).toHaveLength(2);
    const notices = (await poll()).filter((n) => n.resource === 'BillPaymentCheck');
    const ids = notices.map((n) => n.resourceId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(more));
    expect(sim.handedOut.slice(died).find((q) => q.includes('iterator="Start"'))).toContain('<ModifiedDateRangeFilter><FromModifiedDate>');
  });
});
