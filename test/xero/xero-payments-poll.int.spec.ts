import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import type { ChangeNotice } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import type { KnownObjects } from '../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { fetchXero } from '../../src/adapters/xero/inbound/xero-fetch.js';
import { xeroPolls } from '../../src/adapters/xero/inbound/xero-poll.js';
import { XeroClient } from '../../src/adapters/xero/xero-client.js';
import { readXeroPayment } from '../../src/adapters/xero/xero-payment-read.js';

const C = 'riverside-xero';

/**
 * Payments made in Xero reach the hub by polling (Xero has no payment webhook): the poll
 * asks with If-Modified-Since, the fetch reads each payment and records it in the shape the
 * QuickBooks payments have, `appliedTo` naming a `Bill` or an `Invoice` as the posted-
 * transactions read model keys them, so the one payment write-back saga serves both books.
 */
describe('Xero payments polled with If-Modified-Since and recorded as books payments', () => {
  let sandbox: XeroSandbox;
  let xero: XeroClient;
  let clock = Date.parse('2026-05-01T09:00:00Z');
  // The Payments poll and the payment fetch never consult the known-objects table.
  const known = {} as KnownObjects;

  const paymentsPoll = () => xeroPolls(xero, C, known).find((p) => p.key === 'Payments')!;
  const observe = async (notice: ChangeNotice) => fetchXero({ notice, observedAt: new Date(clock).toISOString() }, { xero, known });
  const invoiceOf = async (type: 'ACCPAY' | 'ACCREC', contact: string, number: string, amount: number) => {
    const created = await xero.http.request<{ Invoices: Array<{ InvoiceID: string }> }>('PUT', '/Invoices', { body: { Invoices: [{
      Type: type, Contact: { Name: contact }, InvoiceNumber: number, Date: '2026-04-30', DueDate: '2026-05-30', Status: 'AUTHORISED',
      LineItems: [{ Description: 'Work', Quantity: 1, UnitAmount: amount, AccountCode: type === 'ACCPAY' ? '310' : '200', TaxType: 'NONE' }],
    }] } });
    if (!created.ok) throw new Error(created.error.message);
    return created.body.Invoices[0]!.InvoiceID;
  };
  const pay = (invoiceId: string, amount: number) => {
    const paid = sandbox.state.recordPayment({ InvoiceID: invoiceId, Amount: amount, Date: '2026-05-01' });
    if (!paid.ok) throw new Error(paid.errors.join('; '));
    return String(paid.object.PaymentID);
  };

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: () => new Date(clock), limits: { perMinute: 1000, perDay: 100_000 } });
    const tokens = await sandbox.state.issueTokens();
    xero = XeroClient.create({
      system: 'xero', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      tenantId: SAMPLE_XERO.tenantId, webhookKey: 'unused-here',
    }, { accessToken: () => Promise.resolve(tokens.access_token), invalidate: () => undefined });
  });
  afterAll(() => sandbox.close());

  it('records a partial bill payment and an owner payment received, each applied to the invoice the hub posted', async () => {
    const billId = await invoiceOf('ACCPAY', 'Northwind Sheet Metal LLC', 'NSM-5001', 47250);
    const salesId = await invoiceOf('ACCREC', 'Riverside Health Partners', 'PA-7', 120000);
    clock += 60_000;
    const since = new Date(clock);
    clock += 60_000;
    const billPayment = pay(billId, 10000.5);
    const received = pay(salesId, 120000);

    const { notices } = await paymentsPoll().run({ since, until: new Date(clock) });
    expect(notices.map((n) => [n.resource, n.resourceId]).sort()).toEqual([['PAYMENT', billPayment], ['PAYMENT', received]].sort());

    const outcomes = await Promise.all(notices.map(observe));
    const snapshots = outcomes.map((o) => (o.kind === 'observed' ? o.observation : undefined));
    expect(snapshots.find((s) => s?.ref.externalId === billPayment)).toMatchObject({
      ref: { source: 'xero', type: 'bill_payment' },
      snapshot: { kind: 'bill_payment', totalAmount: 1_000_050, txnDate: '2026-05-01', appliedTo: [{ txnId: billId, txnType: 'Bill', amount: 1_000_050 }], deleted: false },
    });
    expect(snapshots.find((s) => s?.ref.externalId === received)).toMatchObject({
      ref: { source: 'xero', type: 'payment' },
      snapshot: { kind: 'payment', totalAmount: 12_000_000, appliedTo: [{ txnId: salesId, txnType: 'Invoice', amount: 12_000_000 }] },
    });
    const at = new Date(clock).toISOString();
    const direct = await readXeroPayment(xero, 'bill_payment', billPayment, at);
    expect(direct.ok && direct.body).toMatchObject({ kind: 'bill_payment', totalAmount: 1_000_050, appliedTo: [{ txnId: billId, txnType: 'Bill' }] });
    expect(await readXeroPayment(xero, 'payment', billPayment, at)).toMatchObject({ ok: true, body: null });
    expect(await readXeroPayment(xero, 'bill_payment', '0b6f7b0e-1111-4222-8333-944445555666', at)).toMatchObject({ ok: true, body: null });
  });

  it('sees only what changed since the cursor: a payment deleted in Xero comes back once, as deleted', async () => {
    const billId = await invoiceOf('ACCPAY', 'Northwind Sheet Metal LLC', 'NSM-5002', 900);
    const paymentId = pay(billId, 900);
    clock += 5 * 60_000;
    const since = new Date(clock);
    expect((await paymentsPoll().run({ since, until: new Date(clock) })).notices).toEqual([]);

    clock += 60_000;
    const deleted = await xero.http.request('POST', `/Payments/${paymentId}`, { body: { Payments: [{ Status: 'DELETED' }] } });
    expect(deleted.ok).toBe(true);
    const { notices } = await paymentsPoll().run({ since, until: new Date(clock) });
    expect(notices.map((n) => n.resourceId)).toEqual([paymentId]);
    const outcome = await observe(notices[0]!);
    expect(outcome.kind === 'observed' && outcome.observation.snapshot).toMatchObject({ kind: 'bill_payment', deleted: true, appliedTo: [{ txnId: billId, txnType: 'Bill' }] });
  });
});
