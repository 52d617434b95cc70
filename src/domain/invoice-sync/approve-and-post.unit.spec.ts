import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { Cents } from '../shared/money.js';
import { billPosted, CONTEXT, given, invoiceEvent, JOB, NORTHWIND, play, REF } from './invoice-sync.fixtures.js';

const approved = invoiceEvent('Approved', 'v1');
const HVAC = { value: '200000000000000123', name: '23 HVAC' };
const cost = (lineId: string, costCode: string, costType: string, text: string, amount: number, account: { value: string; name: string }) => ({
  kind: 'account', accountRef: account, description: `${costCode}/${costType} ${text}`, amount: amount as Cents, classRef: HVAC,
  customerRef: JOB, billable: false, role: 'cost', source: { lineId, costCode, costType },
});
const SUBS = { value: '61', name: 'Subcontractors' };
const MATERIALS = { value: '62', name: 'Job Materials' };

describe('invoice sync: an approved invoice posts as one bill', () => {
  it('given nothing, when an invoice with 4 lines across 3 cost codes is approved, then it is validated and one bill is requested', () => {
    expect(given([]).when(approved)).toEqual([
      { type: 'InvoiceValidated.v1', data: { invoice: REF, version: 'v1', grossAmount: 7_200_000, retainageAmount: 720_000, netAmount: 6_480_000 } },
      {
        type: 'PostBillRequested.v1',
        data: {
          requestNo: 1, invoice: REF, version: 'v1',
          vendorRef: NORTHWIND, txnDate: '2026-04-30', dueDate: null, docNumber: 'NSM-1077',
          hubMarker: 'trestle:keystone:1280643:v1',
          privateNote: 'trestle:keystone:1280643:v1 Procore subcontractor invoice NSM-1077 (requisition 2, commitment 786001, project 2468013). Retainage 7200.00 withheld to Retainage Payable (34).',
          lines: [
            cost('1', '23-31-00', 'S', 'Supply and return ductwork', 5_250_000, SUBS),
            cost('2', '23-31-00', 'M', 'Duct sealant and hangers', 480_000, MATERIALS),
            cost('3', '23-33-00', 'S', 'Dampers and access doors', 840_000, SUBS),
            cost('4', '23-37-00', 'S', 'Diffusers, registers, grilles', 630_000, SUBS),
            {
              kind: 'account', accountRef: { value: '34', name: 'Retainage Payable' }, description: 'Retainage withheld (10.00%)', amount: -720_000,
              classRef: null, customerRef: JOB, billable: false, role: 'retainage', source: null,
            },
          ],
          total: 6_480_000,
          retainage: { mode: 'negative-line', held: 720_000 },
        },
      },
    ]);
  });

  it('given the bill was requested, when it is posted, then the invoice is synced', () => {
    expect(given(play([approved])).when(billPosted(1))).toEqual([
      { type: 'InvoiceSynced.v1', data: { invoice: REF, version: 'v1', entity: 'Bill', booksId: '145', docNumber: 'NSM-1077', syncToken: '0' } },
    ]);
  });

  it('given the invoice was approved, when the approval is delivered again, then nothing happens (before or after posting)', () => {
    expect(given(play([approved])).when(approved)).toEqual([]);
    expect(given(play([approved, billPosted(1)])).when(approved)).toEqual([]);
    expect(given(play([approved, billPosted(1)])).when(billPosted(1))).toEqual([]);
  });

  it('given a submitted invoice, nothing posts until it is approved', () => {
    const submitted = invoiceEvent('Submitted', 'v0', { ...approved.data.snapshot, status: 'under_review' });
    expect(given([]).when(submitted)).toEqual([]);
    expect(given(play([submitted])).when(approved).map((o) => o.type)).toEqual(['InvoiceValidated.v1', 'PostBillRequested.v1']);
  });

  it('given no vendor link, the vendor is found (or created) first, then the bill names it', () => {
    const noLink = { ...CONTEXT, vendorLink: null };
    expect(given([]).when(approved, noLink)).toMatchObject([
      { type: 'InvoiceValidated.v1' },
      { type: 'ResolveVendorRequested.v1', data: { requestNo: 1, vendorId: '5521', displayName: 'Northwind Sheet Metal LLC', match: 'lookup-or-create' } },
    ]);
    const resolved = { type: 'BooksVendorResolved.v1', data: { requestNo: 1, vendorId: '5521', vendorRef: { value: '46' }, created: false } } as const;
    expect(given(play([approved], noLink)).when(resolved, noLink)).toMatchObject([
      { type: 'PostBillRequested.v1', data: { requestNo: 2, vendorRef: { value: '46' } } },
    ]);
  });

  it('given a job found by name, the Customer:Job is looked up (or created) once, then every line carries it', () => {
    const lookup = { ...CONTEXT, mapping: { ...EXAMPLE_MAPPING, jobs: { '2468013': { kind: 'lookup', parentCustomerRef: { value: '58' }, jobName: '2026-014 Riverside Medical Office' } } } } as const;
    expect(given([]).when(approved, lookup)[1]).toEqual({
      type: 'ResolveJobRequested.v1',
      data: { requestNo: 1, invoice: REF, version: 'v1', projectId: '2468013', parentCustomerRef: { value: '58' }, jobName: '2026-014 Riverside Medical Office' },
    });
    const found = { type: 'BooksJobResolved.v1', data: { requestNo: 1, projectId: '2468013', customerRef: { value: '59' }, created: true } } as const;
    const [post] = given(play([approved], lookup)).when(found, lookup);
    expect(post?.type === 'PostBillRequested.v1' && post.data.lines.every((l) => l.customerRef?.value === '59')).toBe(true);
    expect(given([]).when(approved, { ...lookup, jobLink: { value: '59' } })[1]?.type).toBe('PostBillRequested.v1');
  });

  it('posts item-based lines with quantity 1 at the line amount', () => {
    const labor = invoiceEvent('Approved', 'v1', { ...approved.data.snapshot, retainagePercent: null, lines: [{ lineId: '9', costCode: '23-05-00', costType: 'L', description: 'Equipment pads', amount: 100_050 as Cents, retainage: 0 as Cents }], grossAmount: 100_050 as Cents, retainageAmount: 0 as Cents, netAmount: 100_050 as Cents });
    const [, post] = given([]).when(labor);
    expect(post).toMatchObject({ type: 'PostBillRequested.v1', data: { total: 100_050, lines: [{ kind: 'item', itemRef: { value: '12', name: 'HVAC Labor' }, qty: 1, unitPrice: 100_050, amount: 100_050 }] } });
  });
});
