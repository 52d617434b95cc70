import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLane, DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { SAMPLE_CHANGE_ORDERS, SAMPLE_COMMITMENTS, SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_PROJECT, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { playWhenReady } from './support/play-step.js';
import { demoSandboxes, eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Sums = Map<string, number>;
type Row = {
  costCode: string; costType: string; committed: string; posted: string; books: string; booksDifference: string; labour: string; invoiced: string; variance: string;
  paid: string; status: string;
};
type OwnerRow = { costCode: string | null; net: string; inBooks: string };
type Tracking = { Name: string; Option: string };
type XeroLine = { Description?: string; LineAmount: number; Tracking?: Tracking[] };
type XeroDoc = { InvoiceID?: string; Type?: string; Status: string; InvoiceNumber?: string; Total: number; LineItems: XeroLine[] };
type XeroPayment = { Amount: number; Status: string; Invoice: { InvoiceID: string; InvoiceNumber: string; Type: string } };

/** The sample mapping's job for project 2468013: the option of Xero's tracking category "Job" (config/mapping.xero.sample.yaml). */
const JOB = '2026-014 Riverside Medical Office';
const [nsm1041] = SAMPLE_REQUISITIONS;

const add = (sums: Sums, key: string, cents: number) => sums.set(key, (sums.get(key) ?? 0) + cents);
const cents = (amount: number | string) => Math.round(Number(amount) * 100);
const live = (doc: { Status: string }) => doc.Status !== 'DELETED' && doc.Status !== 'VOIDED';
const option = (line: XeroLine, category: string) => line.Tracking?.find((t) => t.Name === category)?.Option;
/** A cost line says its cost code and type first ("23-31-00/S Ductwork …"), as the hub writes every books line. */
const codeOf = (line: XeroLine) => /^(\S+\/\S+) /.exec(line.Description ?? '')?.[1];

/**
 * Sums per job × cost code from Xero's own records, never from the hub: each line's Job
 * tracking option and the cost code its description starts with; credits count negative.
 * Text lines (no amount) carry nothing.
 */
const jobCostSums = (docs: ReadonlyArray<{ doc: XeroDoc; sign: number }>): Sums => {
  const sums: Sums = new Map();
  for (const { doc, sign } of docs) {
    for (const line of doc.LineItems) {
      if (cents(line.LineAmount ?? 0) === 0) continue;
      add(sums, `${option(line, 'Job') ?? '(no job)'} ${codeOf(line) ?? '(no cost code)'}`, sign * cents(line.LineAmount));
    }
  }
  return sums;
};

/** The same lines by Xero's two tracking categories alone: Job × Cost Code option (the division, "23 HVAC"). */
const trackingSums = (docs: ReadonlyArray<{ doc: XeroDoc; sign: number }>): Sums => {
  const sums: Sums = new Map();
  for (const { doc, sign } of docs) {
    for (const line of doc.LineItems) if (cents(line.LineAmount ?? 0) !== 0) add(sums, `${option(line, 'Job')} ${option(line, 'Cost Code')}`, sign * cents(line.LineAmount));
  }
  return sums;
};

/** The mapping's Cost Code option per division (config/mapping.xero.sample.yaml's classes). */
const DIVISION_OPTION: Readonly<Record<string, string>> = { '01': '01 General Requirements', 22: '22 Plumbing', 23: '23 HVAC' };

/**
 * The whole sample story through the demo's Xero connection (its own Procore sandbox), over
 * HTTP: every bill, credit note, purchase order, owner invoice and payment reaches Xero, and the
 * reconciliation's totals per job × cost code are the sums of Xero's own lines.
 */
describe('the sample story through a connection whose books are Xero, reconciled against the Xero sandbox', () => {
  let h: TrestleHarness;
  let sandboxes: DemoSandboxes;
  let lane: DemoLane;
  const state = () => sandboxes.xero.state;
  const invoices = (type: string) => (state().invoices() as unknown as XeroDoc[]).filter((i) => i.Type === type && live(i));
  const creditNotes = () => (state().creditNotes() as unknown as XeroDoc[]).filter(live);
  const purchaseOrders = () => (state().purchaseOrders() as unknown as XeroDoc[]).filter(live);
  const payments = () => (state().payments() as unknown as XeroPayment[]).filter((p) => p.Status !== 'DELETED');
  const get = async <T>(path: string): Promise<T> => (await fetch(`${h.url}${path}`, { headers: { 'x-api-key': h.key('finance') } })).json() as Promise<T>;
  const rows = async () => (await get<{ items: Row[] }>(`/finance/reconciliation?connection=${lane.connection}&project=${SAMPLE_PROJECT.id}&pageSize=500`)).items;
  const procorePaymentsOf = (requisitionId: string) =>
    [...lane.procore.state.store.payments.values()].filter((p) => p.requisitionId === Number(requisitionId) && p.deletedAt === null);

  beforeAll(async () => {
    // The poll (Xero has no payments webhook) every 5 s, as a customer's `polling.intervalSeconds` may say.
    h = await startTrestleHarness({ demo: { books: ['xero'], pollSeconds: 5 } });
    sandboxes = demoSandboxes(h.trestle);
    lane = sandboxes.lanes[0]!;
    for (const step of SAMPLE_STORY) await playWhenReady(lane, step);
    await eventually('both payments of NSM-1041 written back to Procore', () => procorePaymentsOf(nsm1041.id).length === 2, 240_000);
    await eventually('every owner invoice in Xero', () => invoices('ACCREC').length === SAMPLE_PAYMENT_APPLICATIONS.length, 120_000);
  }, 900_000);
  afterAll(async () => h?.close());

  it('plays through the demo\'s Xero connection, whose config is a customer\'s', () => {
    expect(lane).toMatchObject({ books: 'xero', connection: 'demo-xero' });
    expect(h.trestle.config.connections.map((c) => [c.name, c.accounting.system, c.postingMode])).toEqual([['demo-xero', 'xero', 'live']]);
  });

  it('posts every document once: a bill per invoice, the back-charge as a credit note, a purchase order per commitment, an owner invoice per pay application', () => {
    const credits = SAMPLE_REQUISITIONS.filter((r) => r.invoiceNumber.endsWith('-CR'));
    const bills = SAMPLE_REQUISITIONS.filter((r) => !credits.includes(r));
    expect(invoices('ACCPAY').map((b) => b.InvoiceNumber).sort()).toEqual(bills.map((r) => r.invoiceNumber).sort());
    expect(creditNotes().map((c) => (c as unknown as { CreditNoteNumber: string }).CreditNoteNumber)).toEqual(credits.map((r) => r.invoiceNumber));
    expect(purchaseOrders().map((p) => (p as unknown as { PurchaseOrderNumber: string }).PurchaseOrderNumber).sort()).toEqual(SAMPLE_COMMITMENTS.map((c) => c.number).sort());
    expect(invoices('ACCREC')).toHaveLength(SAMPLE_PAYMENT_APPLICATIONS.length);
  });

  it('reads both payments of NSM-1041 back from Xero: the bill is paid, and Procore has them', () => {
    const paid = payments().filter((p) => p.Invoice.InvoiceNumber === nsm1041.invoiceNumber);
    expect(paid).toHaveLength(2);
    const bill = invoices('ACCPAY').find((b) => b.InvoiceNumber === nsm1041.invoiceNumber)!;
    expect(paid.reduce((sum, p) => sum + cents(p.Amount), 0)).toBe(cents(bill.Total));
    expect(procorePaymentsOf(nsm1041.id).map((p) => p.amountCents).reduce((a, b) => a + b, 0)).toBe(cents(bill.Total));
  });

  it('totals per job × cost code equal the sums of Xero\'s bill and credit-note lines, by line and by tracking category', async () => {
    const booksDocs = [...invoices('ACCPAY').map((doc) => ({ doc, sign: 1 })), ...creditNotes().map((doc) => ({ doc, sign: -1 }))];
    const expected = jobCostSums(booksDocs);
    expect([...expected.keys()].every((key) => key.startsWith(`${JOB} `))).toBe(true);
    // Both columns count time too (labour, as Xero Projects' entries): left out here, where bills and credit notes are
    // summed; xero-timecards.e2e checks labour against Xero's own minutes.
    const ofDocuments = (r: Row, column: 'posted' | 'books') => cents(r[column]) - cents(r.labour);
    const reported = (all: Row[], column: 'posted' | 'books') => new Map(all.filter((r) => ofDocuments(r, column) !== 0).map((r) => [`${JOB} ${r.costCode}/${r.costType}`, ofDocuments(r, column)]));
    const settled = await eventually('the books side to carry every line', async () => {
      const all = await rows();
      return JSON.stringify([...reported(all, 'books')].sort()) === JSON.stringify([...expected].sort()) ? all : undefined;
    }, 120_000).catch(() => undefined);
    const all = settled ?? await rows();
    expect([...reported(all, 'posted')].sort()).toEqual([...expected].sort());
    expect([...reported(all, 'books')].sort()).toEqual([...expected].sort());
    // Xero's own categories: the rows summed by division land on the Cost Code option the mapping names for it.
    const byDivision: Sums = new Map();
    for (const r of all) if (ofDocuments(r, 'posted') !== 0) add(byDivision, `${JOB} ${DIVISION_OPTION[r.costCode.slice(0, 2)]}`, ofDocuments(r, 'posted'));
    expect([...byDivision].sort()).toEqual([...trackingSums(booksDocs)].sort());
  });

  it('committed per job × cost code equals the lines of the purchase orders in Xero by their tracking (change orders included)', async () => {
    // A purchase order's lines carry the commitment's own descriptions: Xero's tracking (Job × Cost Code option) says where each goes.
    const expected = trackingSums(purchaseOrders().map((doc) => ({ doc, sign: 1 })));
    const reported = (all: Row[]) => {
      const sums: Sums = new Map();
      for (const r of all) if (cents(r.committed) !== 0) add(sums, `${JOB} ${DIVISION_OPTION[r.costCode.slice(0, 2)]}`, cents(r.committed));
      return sums;
    };
    await eventually('committed to match the purchase orders', async () => JSON.stringify([...reported(await rows())].sort()) === JSON.stringify([...expected].sort()), 120_000).catch(() => undefined);
    expect([...reported(await rows())].sort()).toEqual([...expected].sort());
    // And in all, the sample's commitments with their change orders (every one is approved by the story's end).
    const sampleLines = [...SAMPLE_COMMITMENTS, ...SAMPLE_CHANGE_ORDERS.filter((co) => co.kind === 'commitment')].flatMap((c) => c.lines);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(sampleLines.reduce((sum, l) => sum + cents(l.amount), 0));
  });

  it('paid per job × cost code equals Xero\'s payments on the bills\' lines', async () => {
    const bills = new Map(invoices('ACCPAY').map((b) => [b.InvoiceNumber, b]));
    const expected: Sums = new Map();
    for (const payment of payments().filter((p) => p.Invoice.Type === 'ACCPAY')) {
      const lines = bills.get(payment.Invoice.InvoiceNumber)!.LineItems;
      // The story pays only one-line bills: the payment is that line's.
      expect(lines).toHaveLength(1);
      add(expected, `${option(lines[0]!, 'Job')} ${codeOf(lines[0]!)}`, cents(payment.Amount));
    }
    const reported = (all: Row[]) => new Map(all.filter((r) => cents(r.paid) !== 0).map((r) => [`${JOB} ${r.costCode}/${r.costType}`, cents(r.paid)]));
    // The projection folds the payments after Procore has them: wait for it, then compare whole so a lasting difference shows.
    await eventually('paid to match Xero\'s payments', async () => JSON.stringify([...reported(await rows())].sort()) === JSON.stringify([...expected].sort()), 60_000).catch(() => undefined);
    expect([...reported(await rows())].sort()).toEqual([...expected].sort());
    // Every row in sync but NSM-1041's: the story's bookkeeper paid its gross, retainage Procore never released included (as in QuickBooks).
    type Discrepancy = { externalId: string; reason: string };
    const found = await eventually('the payment over the net due listed', async () => {
      const { items } = await get<{ items: Discrepancy[] }>(`/finance/discrepancies?connection=${lane.connection}`);
      return items.length > 0 ? items : undefined;
    }, 60_000);
    expect(found.map((d) => [d.externalId, d.reason])).toEqual([[nsm1041.id, 'paid_over_net_due']]);
    expect((await rows()).filter((r) => r.status !== 'in_sync').map((r) => `${r.costCode}/${r.costType}`)).toEqual(['23-31-00/S']);
  });

  it('the owner side in the books per cost code equals Xero\'s sales-invoice lines (work net of retainage)', async () => {
    const expected: Sums = new Map();
    for (const [key, amount] of jobCostSums(invoices('ACCREC').map((doc) => ({ doc, sign: 1 })))) add(expected, key.replace(/\/\S+$/, ''), amount);
    const owner = await get<{ items: OwnerRow[] }>(`/finance/owner-billing?connection=${lane.connection}`);
    const reported = new Map(owner.items.filter((r) => r.costCode !== null).map((r) => [`${JOB} ${r.costCode}`, cents(r.inBooks)]));
    expect([...reported].sort()).toEqual([...expected].sort());
    expect(owner.items.every((r) => r.inBooks === r.net)).toBe(true);
  });

  // Last, since they change the books: hand edits in Xero reach the rows as they do for QuickBooks (webhook, then a fetch).
  const rowOf = async (code: string, type: string) => (await rows()).find((r) => r.costCode === code && r.costType === type)!;
  const bookedOn = (key: string) => jobCostSums([...invoices('ACCPAY').map((doc) => ({ doc, sign: 1 })), ...creditNotes().map((doc) => ({ doc, sign: -1 }))]).get(`${JOB} ${key}`) ?? 0;

  it('turns the row of a bill edited by hand in Xero to mismatch, with both sides and the variance', async () => {
    const [, si2207] = SAMPLE_REQUISITIONS;
    const bill = invoices('ACCPAY').find((b) => b.InvoiceNumber === si2207.invoiceNumber)!;
    expect(bill.LineItems).toHaveLength(1);
    const before = await rowOf('23-07-00', 'S');
    expect(before.status).toBe('in_sync');
    const [line] = bill.LineItems as Array<XeroLine & Record<string, unknown>>;
    const lowered = cents(line!.LineAmount) - 1_000_00;
    const edited = state().editInvoice(bill.InvoiceID!, { LineItems: [{ ...line, Quantity: 1, UnitAmount: lowered / 100, LineAmount: lowered / 100 }] });
    expect(edited.ok).toBe(true);
    expect(bookedOn('23-07-00/S')).toBe(cents(before.posted) - 1_000_00);
    const row = await eventually('the edited row to turn to mismatch', async () => {
      const r = await rowOf('23-07-00', 'S');
      return r.status === 'mismatch' && cents(r.books) === bookedOn('23-07-00/S') ? r : undefined;
    }, 120_000);
    expect([cents(row.posted), cents(row.books), cents(row.booksDifference), cents(row.variance)])
      .toEqual([cents(before.posted), cents(before.posted) - 1_000_00, -1_000_00, cents(row.invoiced) + cents(row.labour) - (cents(before.posted) - 1_000_00)]);
  });

  it('shows a bill voided by hand in Xero on the books\' side only', async () => {
    const [, si2207] = SAMPLE_REQUISITIONS;
    const bill = invoices('ACCPAY').find((b) => b.InvoiceNumber === si2207.invoiceNumber)!;
    const posted = cents((await rowOf('23-07-00', 'S')).posted);
    expect(state().editInvoice(bill.InvoiceID!, { Status: 'VOIDED' }).ok).toBe(true);
    expect(bookedOn('23-07-00/S')).toBe(0);
    const row = await eventually('the void on the row', async () => {
      const r = await rowOf('23-07-00', 'S');
      return r.status === 'mismatch' && cents(r.books) === 0 ? r : undefined;
    }, 120_000);
    expect([cents(row.posted), cents(row.books), cents(row.booksDifference)]).toEqual([posted, 0, -posted]);
  });
});
