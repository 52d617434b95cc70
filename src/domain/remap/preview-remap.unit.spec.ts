import { describe, expect, it } from 'vitest';
import { costLine, INVOICE, invoiceWith, REF } from '../invoice-sync/invoice-sync.fixtures.js';
import type { InvoiceDoc } from '../invoice-sync/invoice-sync.state.js';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import { initialMappingState, evolveMapping } from '../mapping/mapping.state.js';
import type { BooksChart, CostCodeMapping } from '../mapping/mapping.types.js';
import { checkRemapChanges, mappingAfterChanges, parseRemapChanges } from '../mapping/preview-changes.js';
import type { RemapDocument } from './preview-documents.js';
import { previewRemap } from './preview-remap.js';
import { remapPreviewTables, renderRemapPreview } from './preview-render.js';

const doc = (externalId: string, snapshot = INVOICE, posted = true, extra: Partial<InvoiceDoc> = {}): RemapDocument => ({
  kind: 'subcontractor-invoice',
  doc: { ref: { ...REF, externalId }, version: `v-${externalId}`, snapshot, approved: true, voided: false, ...extra },
  posted: posted ? { entity: 'Bill', id: `b${externalId}` } : null,
  sagaStream: `keystone.saga.invoice_sync-${externalId}`,
});

const active = { status: 'Active' as const, version: 3, mapping: EXAMPLE_MAPPING };
const META = { changedBy: 'bookkeeper', now: '2026-12-03T18:00:00Z' };

/** "If 23-31-00/S mapped to account 63, class 22 Plumbing". */
const changed = (changes: unknown[]): CostCodeMapping => {
  const parsed = parseRemapChanges({ changes });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return mappingAfterChanges(active, parsed.rules, META)!;
};
const TO_63 = { costCode: '23-31-00', costType: 'S', account: { value: '63', name: 'Direct Labor' }, class: '200000000000000122' };

describe('remap preview (pure)', () => {
  it('lists each line whose account or class would change, with both homes and the document', () => {
    const preview = previewRemap([doc('1')], EXAMPLE_MAPPING, changed([TO_63]));
    expect(preview.changes).toHaveLength(1);
    const [line] = preview.changes;
    expect(line).toMatchObject({ lineId: '1', costCode: '23-31-00', costType: 'S', posted: true, label: 'Bill NSM-1077 (Northwind Sheet Metal LLC)' });
    expect(line!.before).toMatchObject({ target: { kind: 'account', ref: { value: '61' } }, classRef: { value: '200000000000000123' }, amount: 5_250_000 });
    expect(line!.after).toMatchObject({ target: { kind: 'account', ref: { value: '63' } }, classRef: { value: '200000000000000122' }, amount: 5_250_000 });
    expect(preview.changedDocuments).toEqual([expect.objectContaining({ posted: true, wouldPark: false, lines: 1, sagaStream: 'keystone.saga.invoice_sync-1' })]);
  });

  it('moves the cost between accounts in the totals; the cost code keeps its amount under a new home', () => {
    const preview = previewRemap([doc('1'), doc('2')], EXAMPLE_MAPPING, changed([TO_63]));
    const account = (key: string) => preview.byAccount.find((t) => t.key === key);
    // Two invoices, 52,500.00 each on 23-31-00/S; the other S lines (8,400 + 6,300 each) stay on 61.
    expect(account('account 61')).toMatchObject({ before: 2 * (5_250_000 + 840_000 + 630_000), after: 2 * (840_000 + 630_000) });
    expect(account('account 63')).toMatchObject({ before: 0, after: 2 * 5_250_000 });
    // The negative retainage line (settings, not rules) is the same before and after.
    expect(account('account 34')!.before).toBe(account('account 34')!.after);
    const code = preview.byCostCode.find((c) => c.costCode === '23-31-00' && c.costType === 'S');
    expect(code).toEqual({ costCode: '23-31-00', costType: 'S', before: [{ key: 'account 61', amount: 10_500_000 }], after: [{ key: 'account 63', amount: 10_500_000 }] });
  });

  it('changes nothing when the new rule posts where the old one did (a name is not a home)', () => {
    const same = { costCode: '23-31-00', costType: 'S', account: { value: '61', name: 'Subs (renamed)' }, class: '200000000000000123' };
    const preview = previewRemap([doc('1')], EXAMPLE_MAPPING, changed([same]));
    expect(preview.changes).toEqual([]);
    expect(preview.changedDocuments).toEqual([]);
  });

  it('a more specific rule for one cost type moves only those lines: 23-31-00/M to an item', () => {
    const preview = previewRemap([doc('1')], EXAMPLE_MAPPING, changed([{ costCode: '23-31-00', costType: 'M', item: '12' }]));
    expect(preview.changes.map((c) => [c.lineId, c.after?.target])).toEqual([['2', { kind: 'item', ref: { value: '12' } }]]);
    expect(preview.changes[0]!.after!.classRef).toBeNull();
  });

  it('a vendor credit counts against the account it posts to', () => {
    const credit = invoiceWith([costLine('9', '23-31-00', 'S', 'Back-charge: cleanup', '-1200.00')], { invoiceNumber: 'NSM-BC1' });
    const preview = previewRemap([doc('7', credit)], EXAMPLE_MAPPING, changed([TO_63]));
    expect(preview.changes[0]!.label).toBe('Vendor credit NSM-BC1 (Northwind Sheet Metal LLC)');
    expect(preview.byAccount.find((t) => t.key === 'account 63')).toMatchObject({ before: 0, after: -120_000 });
  });

  it('says which documents are not posted yet, and skips unapproved and voided ones', () => {
    const preview = previewRemap(
      [doc('1', INVOICE, false), doc('2', INVOICE, true, { voided: true }), doc('3', INVOICE, false, { approved: false })],
      EXAMPLE_MAPPING, changed([TO_63]),
    );
    expect(preview).toMatchObject({ documents: 1, posted: 0 });
    expect(preview.changedDocuments.map((d) => [d.document.externalId, d.posted])).toEqual([['1', false]]);
  });

  it('a line a change leaves without a rule shows as unmapped and its document as parking', () => {
    const onlyS: CostCodeMapping = { ...EXAMPLE_MAPPING, rules: EXAMPLE_MAPPING.rules.filter((r) => r.costType !== 'M') };
    const preview = previewRemap([doc('1')], EXAMPLE_MAPPING, onlyS);
    expect(preview.changes).toEqual([expect.objectContaining({ lineId: '2', after: expect.objectContaining({ target: { kind: 'unmapped' } }) })]);
    expect(preview.changedDocuments[0]!.wouldPark).toBe(true);
    expect(preview.byAccount.find((t) => t.key === 'unmapped')).toMatchObject({ before: 0, after: 480_000 });
  });

  it('renders tables the CLI and the console show: one row per changed line, totals with their difference', () => {
    const preview = previewRemap([doc('1')], EXAMPLE_MAPPING, changed([TO_63]));
    const [lines, docs, accounts] = remapPreviewTables(preview);
    expect(lines!.rows).toEqual([[
      'Bill NSM-1077 (Northwind Sheet Metal LLC)', 'yes', '23-31-00/S', '23-31-00/S Supply and return ductwork', '52500.00',
      'account Subcontractors (61), class 23 HVAC (200000000000000123)', 'account Direct Labor (63), class #200000000000000122',
    ]]);
    expect(docs!.rows).toEqual([['Bill NSM-1077 (Northwind Sheet Metal LLC)', 'yes', '1', 'posts']]);
    expect(accounts!.rows).toContainEqual(['account Direct Labor (63)', '0.00', '52500.00', '52500.00']);
    expect(renderRemapPreview(preview)).toContain('Totals per cost code');
  });
});

describe('remap changes', () => {
  it('refuses a malformed rule naming the path', () => {
    const parsed = parseRemapChanges({ changes: [{ costCode: '23-3x', account: '61' }, { costCode: '23', costType: 'S' }] });
    expect(parsed).toEqual({ ok: false, problems: [
      { path: 'changes[0].costCode', message: expect.stringContaining('is not a cost code') },
      { path: 'changes[1]', message: 'needs an account or an item to post to' },
    ] });
    expect(parseRemapChanges({})).toMatchObject({ ok: false, problems: [{ path: 'changes' }] });
    expect(parseRemapChanges({ changes: [TO_63, TO_63] })).toMatchObject({ ok: false, problems: [{ path: 'changes[1]', message: expect.stringContaining('duplicates changes[0]') }] });
  });

  it('names a cost code no document uses, and an account the chart does not have', () => {
    const chart: BooksChart = { accounts: [{ id: '61', name: 'Subcontractors' }], items: [], classes: [{ id: '200000000000000122', name: '22 Plumbing' }], customers: [] };
    const inUse = [{ projectId: '2468013', costCode: '23-31-00', costType: 'S', name: '' }];
    const parsed = parseRemapChanges({ changes: [TO_63, { costCode: '24', account: '61' }] });
    expect(parsed.ok && checkRemapChanges(parsed.rules, inUse, chart)).toEqual([
      { path: 'changes[1].costCode', message: 'no cost code 24 is in use' },
      { path: 'changes[0].account', message: 'account 63 "Direct Labor" does not exist in the books' },
    ]);
  });

  it('the changed mapping is the one applying the changes records', () => {
    const parsed = parseRemapChanges({ changes: [TO_63] });
    if (!parsed.ok) throw new Error('the change parses');
    const { rules } = parsed;
    const after = mappingAfterChanges(active, rules, META)!;
    const recorded = evolveMapping(evolveMapping(initialMappingState, { type: 'MappingImported.v1', data: { version: 1, changedBy: 'x', changedAt: 'y', mapping: EXAMPLE_MAPPING } }),
      { type: 'MappingRuleUpserted.v1', data: { version: 2, changedBy: 'x', changedAt: 'y', rule: rules[0]!, replaced: EXAMPLE_MAPPING.rules[0]! } });
    expect(recorded.status === 'Active' && recorded.mapping).toEqual(after);
    expect(after.rules[0]).toMatchObject({ target: { kind: 'account', accountRef: { value: '63' } } });
  });
});
