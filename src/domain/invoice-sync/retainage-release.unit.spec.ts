import { describe, expect, it } from 'vitest';
import type { CostLine } from '../documents/snapshots.js';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { CostCodeMapping, RetainageTreatment } from '../mapping/mapping.types.js';
import { parseMoney } from '../shared/money.js';
import { booksTotal, draftBooksDocument } from './draft-books-document.js';
import { invoiceWith, JOB, NORTHWIND, REF } from './invoice-sync.fixtures.js';
import { mapInvoiceLines } from './map-invoice-lines.js';
import { validateInvoice } from './validate-invoice.js';
import { draftInvoice } from '../remap/preview-postings.js';

const m = parseMoney;

/**
 * NSM-1120 as Procore reports it: 1,000.00 of ductwork this period retains 100.00 and releases
 * 8,500.00 held on earlier requisitions; the line's retainage is net of the release (-8,400.00),
 * and the net due is 1,000.00 - 100.00 + 8,500.00 = 9,400.00.
 */
const duct: CostLine = { lineId: '1', costCode: '23-31-00', costType: 'S', description: 'Supply and return ductwork', amount: m('1000.00'), retainage: m('-8400.00'), released: m('8500.00') };
const sealant: CostLine = { lineId: '2', costCode: '23-31-00', costType: 'M', description: 'Duct sealant and hangers', amount: m('200.00'), retainage: m('20.00') };
const RELEASE = invoiceWith([duct, sealant], { invoiceNumber: 'NSM-1120', number: '3', retainageReleased: m('8500.00') });
const NET_DUE = m('1200.00') - m('120.00') + m('8500.00');

const draftUnder = (retainage: RetainageTreatment) => {
  const mapping: CostCodeMapping = { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, retainage } };
  const invoice = RELEASE;
  return draftBooksDocument({
    doc: { ref: REF, version: 'v1', snapshot: invoice, approved: true, voided: false },
    mapped: mapInvoiceLines(invoice, mapping).mapped, settings: mapping.settings, vendorRef: NORTHWIND, customerRef: JOB,
  });
};
const PAYABLE = { value: '34', name: 'Retainage Payable' };

describe('a requisition that releases retainage held earlier', () => {
  it('is a valid invoice whose net due is work less withheld plus released', () => {
    expect(validateInvoice(RELEASE, null)).toEqual([]);
    expect(RELEASE.netAmount).toBe(NET_DUE);
  });

  it('negative-line: withheld comes off and the release goes back on, both to retainage payable; the bill totals the net due', () => {
    const { entity, draft } = draftUnder({ mode: 'negative-line', accountRef: PAYABLE });
    expect(entity).toBe('Bill');
    expect(draft.lines.map((l) => [l.role, l.kind === 'account' ? l.accountRef.value : l.itemRef.value, l.amount])).toEqual([
      ['cost', '61', m('1000.00')], ['cost', '62', m('200.00')], ['retainage', '34', m('-120.00')], ['retainage', '34', m('8500.00')],
    ]);
    expect(draft.lines.map((l) => l.description).slice(2)).toEqual(['Retainage withheld (10.00%)', 'Retainage released']);
    expect(draft.total).toBe(NET_DUE);
    expect(draft.total).toBe(booksTotal(RELEASE, { mode: 'negative-line', accountRef: PAYABLE }));
    expect(draft.privateNote).toContain('Retainage 120.00 withheld to');
    expect(draft.privateNote).toContain('Retainage 8500.00 released from');
    expect(draft.privateNote).not.toContain('-8400.00');
  });

  it('net-only: work net of this period\'s retainage, and the release on the cost code it was withheld on; the bill totals the net due', () => {
    const { draft } = draftUnder({ mode: 'net-only' });
    expect(draft.lines.map((l) => [l.source?.lineId, l.kind === 'account' ? l.accountRef.value : l.itemRef.value, l.amount])).toEqual([
      ['1', '61', m('900.00')], ['2', '62', m('180.00')], ['1', '61', m('8500.00')],
    ]);
    expect(draft.lines[0]!.description).toContain('(net of retainage 100.00)');
    expect(draft.lines[2]!.description).toContain('Retainage released');
    expect(draft.total).toBe(NET_DUE);
    expect(draft.total).toBe(booksTotal(RELEASE, { mode: 'net-only' }));
    expect(draft.privateNote).toContain('Posted net of retainage 120.00');
    expect(draft.privateNote).toContain('Retainage 8500.00 released');
    expect(draft.privateNote).not.toContain('-8400.00');
  });

  it('gross-open: lines at gross and no release line (the earlier bills hold it open); the note says where to pay the release', () => {
    const { draft } = draftUnder({ mode: 'gross-open' });
    expect(draft.lines.map((l) => l.amount)).toEqual([m('1000.00'), m('200.00')]);
    expect(draft.total).toBe(RELEASE.grossAmount);
    expect(draft.privateNote).toContain('Retainage 120.00 held');
    expect(draft.privateNote).toContain('Retainage 8500.00 released on commitment 786001');
    expect(draft.privateNote).not.toContain('-8400.00');
  });

  it('a release with nothing withheld this period writes no 0.00 retainage line', () => {
    const releaseOnly = invoiceWith([{ ...duct, amount: m('0.00'), retainage: m('-8500.00') }], { retainageReleased: m('8500.00') });
    const mapping = EXAMPLE_MAPPING;
    const { draft } = draftBooksDocument({
      doc: { ref: REF, version: 'v1', snapshot: releaseOnly, approved: true, voided: false },
      mapped: mapInvoiceLines(releaseOnly, mapping).mapped, settings: mapping.settings, vendorRef: NORTHWIND, customerRef: JOB,
    });
    expect(draft.lines.map((l) => [l.role, l.amount])).toEqual([['retainage', m('8500.00')]]);
    expect(draft.total).toBe(releaseOnly.netAmount);
  });

  it('the remap preview tells the release line from the work line it comes from', () => {
    const mapping: CostCodeMapping = { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, retainage: { mode: 'net-only' } } };
    const { lines } = draftInvoice({ ref: REF, version: 'v1', snapshot: RELEASE, approved: true, voided: false }, mapping);
    expect(lines.map((l) => [l.lineId, l.amount])).toEqual([['1', m('900.00')], ['2', m('180.00')], ['1#2', m('8500.00')]]);
  });
});
