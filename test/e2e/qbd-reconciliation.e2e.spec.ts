import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLane, DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import type { QbdSandbox } from '../../sandbox/qbd/index.js';
import type { TxnRecord } from '../../sandbox/qbd/company/records.js';
import { el, textOf } from '../../sandbox/qbd/qbxml/xml.js';
import { SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_PROJECT, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { playWhenReady } from './support/play-step.js';
import { demoSandboxes, eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Sums = Map<string, number>;
type Row = { costCode: string; costType: string; posted: string; books: string; labour: string; status: string };
type OwnerRow = { costCode: string | null; net: string; inBooks: string };

/** The sample mapping's job for project 2468013, as QuickBooks Desktop names it (config/mapping.qbd.sample.yaml). */
const JOB = 'Harbor Point Builders:2026-014 Riverside Medical Office';
/** The mapping's class per division. */
const DIVISION_CLASS: Readonly<Record<string, string>> = { '01': '01 General Requirements', 22: '22 Plumbing', 23: '23 HVAC' };

const add = (sums: Sums, key: string, cents: number) => sums.set(key, (sums.get(key) ?? 0) + cents);
const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const sorted = (sums: Sums) => [...sums].sort();
const field = (fields: TxnRecord['fields'], name: string) => textOf(el('x', fields), name);
const fullName = (fields: TxnRecord['fields'], name: string) => {
  const ref = fields.find((f) => f.name === name);
  return ref ? textOf(ref, 'FullName') : undefined;
};
/** A line says its cost code and type first ("23-31-00/S Ductwork …"), in its Memo (expense lines) or Desc (invoice lines). */
const codeOf = (text: string | undefined) => /^(\S+\/\S+) /.exec(text ?? '')?.[1];

/**
 * Sums from the company file alone, never from the hub: each bill and vendor-credit line by its
 * job (the line's CustomerRef, else the header's) and the cost code its Memo starts with,
 * credits negative; and by job × class.
 */
const companySums = (qbd: QbdSandbox) => {
  const byCode: Sums = new Map();
  const byClass: Sums = new Map();
  for (const [kind, sign] of [['Bill', 1], ['VendorCredit', -1]] as const) {
    for (const txn of qbd.company.txnsOf(kind)) {
      for (const line of txn.lines) {
        const job = fullName(line.fields, 'CustomerRef') ?? fullName(txn.fields, 'CustomerRef');
        add(byCode, `${job} ${codeOf(field(line.fields, 'Memo')) ?? '(no cost code)'}`, sign * Number(line.amount));
        add(byClass, `${job} ${fullName(line.fields, 'ClassRef') ?? fullName(txn.fields, 'ClassRef')}`, sign * Number(line.amount));
      }
    }
  }
  return { byCode, byClass };
};

/**
 * The whole sample story through the demo's QuickBooks Desktop connection: the Web Connector
 * simulator polls the hub's /qbwc on its schedule and runs what the hub queued against the
 * sample company file. Every bill, vendor credit and owner invoice is in the company file once,
 * and the reconciliation per job × cost code is what the company file's lines sum to.
 */
describe('the sample story through a connection whose books are QuickBooks Desktop, reconciled against the Web Connector simulator\'s company', () => {
  let h: TrestleHarness;
  let sandboxes: DemoSandboxes;
  let lane: DemoLane;
  const qbd = () => sandboxes.qbd!;
  const txns = (kind: string) => qbd().company.txnsOf(kind);
  const refNumbers = (kind: string) => txns(kind).map((t) => field(t.fields, 'RefNumber')).sort();
  const get = async <T>(path: string): Promise<T> => (await fetch(`${h.url}${path}`, { headers: { 'x-api-key': h.key('finance') } })).json() as Promise<T>;
  const rows = async () => (await get<{ items: Row[] }>(`/finance/reconciliation?connection=${lane.connection}&project=${SAMPLE_PROJECT.id}&pageSize=500`)).items;
  const credits = SAMPLE_REQUISITIONS.filter((r) => r.invoiceNumber.endsWith('-CR'));
  const bills = SAMPLE_REQUISITIONS.filter((r) => !credits.includes(r));

  beforeAll(async () => {
    // A session every second: the test needs no minute-long schedule to see the queue drain.
    h = await startTrestleHarness({ demo: { books: ['qbd'], webConnectorEveryMs: 1000 } });
    sandboxes = demoSandboxes(h.trestle);
    lane = sandboxes.lanes[0]!;
    for (const step of SAMPLE_STORY) await playWhenReady(lane, step);
    await eventually('every bill, credit and owner invoice in the company file', () =>
      refNumbers('Bill').length === bills.length && refNumbers('VendorCredit').length === credits.length
      && txns('Invoice').length === SAMPLE_PAYMENT_APPLICATIONS.length, 240_000);
  }, 900_000);
  afterAll(async () => h?.close());

  it('plays through the demo\'s QuickBooks Desktop connection, whose config is a customer\'s, with the Web Connector on a schedule', () => {
    expect(lane).toMatchObject({ books: 'qbd', connection: 'demo-qbd' });
    const [connection] = h.trestle.config.connections;
    expect(connection).toMatchObject({ name: 'demo-qbd', postingMode: 'live', accounting: { system: 'qbd', userName: expect.any(String), runEveryMinutes: 1 } });
    // The password is kept only as its hash; the Web Connector was given the .qwc made from this config.
    expect(JSON.stringify(connection)).not.toContain(sandboxes.endpoints.qbd!.password);
    expect(qbd().qwc).toMatchObject({ appName: 'Trestle (demo-qbd)', userName: sandboxes.endpoints.qbd!.userName, appUrl: `http://localhost:${new URL(h.url).port}/qbwc` });
  });

  it('posts every document once: a bill per invoice, the back-charge as a vendor credit, an owner invoice per pay application', () => {
    expect(refNumbers('Bill')).toEqual(bills.map((r) => r.invoiceNumber).sort());
    expect(refNumbers('VendorCredit')).toEqual(credits.map((r) => r.invoiceNumber));
    expect(txns('Invoice')).toHaveLength(SAMPLE_PAYMENT_APPLICATIONS.length);
  });

  it('the bookkeeper\'s payment of NSM-1041 is in the company file: the bill is paid in full', () => {
    const [nsm1041] = bills;
    const bill = txns('Bill').find((t) => field(t.fields, 'RefNumber') === nsm1041!.invoiceNumber)!;
    expect(bill.applied).toBe(bill.total);
    expect(txns('BillPaymentCheck').length).toBe(2);
  });

  it('totals per job × cost code equal the sums of the company file\'s bill and credit lines, by line and by class', async () => {
    const { byCode, byClass } = companySums(qbd());
    expect([...byCode.keys()].every((key) => key.startsWith(`${JOB} `))).toBe(true);
    // Both columns count time too (labour, from the timecards): left out here, where bills and credits are summed.
    const ofDocuments = (r: Row, column: 'posted' | 'books') => cents(r[column]) - cents(r.labour);
    const reported = (all: Row[], column: 'posted' | 'books') => new Map(all.filter((r) => ofDocuments(r, column) !== 0).map((r) => [`${JOB} ${r.costCode}/${r.costType}`, ofDocuments(r, column)]));
    await eventually('every row in sync with the company file', async () => {
      const all = await rows();
      return all.every((r) => r.status === 'in_sync') && JSON.stringify(sorted(reported(all, 'books'))) === JSON.stringify(sorted(byCode));
    }, 120_000).catch(() => undefined);
    const all = await rows();
    expect(sorted(reported(all, 'posted'))).toEqual(sorted(byCode));
    expect(sorted(reported(all, 'books'))).toEqual(sorted(byCode));
    const byDivision: Sums = new Map();
    for (const r of all) if (ofDocuments(r, 'posted') !== 0) add(byDivision, `${JOB} ${DIVISION_CLASS[r.costCode.slice(0, 2)]}`, ofDocuments(r, 'posted'));
    expect(sorted(byDivision)).toEqual(sorted(byClass));
    expect(all.filter((r) => r.status !== 'in_sync')).toEqual([]);
  });

  it('the owner side in the books per cost code equals the company file\'s invoice lines (work net of retainage)', async () => {
    const expected: Sums = new Map();
    for (const invoice of txns('Invoice')) {
      for (const line of invoice.lines) {
        const code = codeOf(field(line.fields, 'Desc'));
        if (code && line.amount !== 0n) add(expected, `${fullName(invoice.fields, 'CustomerRef')} ${code.replace(/\/\S+$/, '')}`, Number(line.amount));
      }
    }
    const owner = await get<{ items: OwnerRow[] }>(`/finance/owner-billing?connection=${lane.connection}`);
    const reported = new Map(owner.items.filter((r) => r.costCode !== null).map((r) => [`${JOB} ${r.costCode}`, cents(r.inBooks)]));
    expect(sorted(reported)).toEqual(sorted(expected));
    expect(owner.items.every((r) => r.inBooks === r.net)).toBe(true);
  });
});
