import { describe, expect, it } from 'vitest';
import { checkMappingAgainstChart } from './check-against-chart.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import { toMappingDocument } from './mapping-document.format.js';
import type { BooksChart, CostCodeMapping } from './mapping.types.js';
import { formatProblem } from './mapping.types.js';
import { parseMappingDocument } from './parse-mapping.js';
import { renderMappingDocument } from './render-mapping-document.js';

const OWNER_BILLING = { progressItem: { value: '21', name: 'Progress Billing' }, retainageItem: '22' };
const document = (settings: unknown) => ({ settings, rules: [{ costCode: '23', account: '61' }] });

const parsed = (raw: unknown): CostCodeMapping => {
  const result = parseMappingDocument(raw);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('; '));
  return result.mapping;
};
const problems = (raw: unknown): string[] => {
  const result = parseMappingDocument(raw);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('settings.ownerBilling in the mapping file', () => {
  it('reads both items, and writes them back the way they were given', () => {
    const mapping = parsed(document({ ownerBilling: OWNER_BILLING }));
    expect(mapping.settings.ownerBilling).toEqual({ progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22' } });
    expect(toMappingDocument(mapping).settings?.ownerBilling).toEqual({ progressItem: { value: '21', name: 'Progress Billing' }, retainageItem: { value: '22' } });
    expect(parsed(toMappingDocument(mapping))).toEqual(mapping);
  });

  it('is optional: a mapping without it has no owner-billing items', () => {
    expect(parsed(document({ vendorMatch: 'lookup-only' })).settings.ownerBilling).toBeUndefined();
  });

  it('names the field at fault: a missing item, a bad reference, an unknown field', () => {
    expect(problems(document({ ownerBilling: { progressItem: '21' } }))).toEqual(['settings.ownerBilling.retainageItem: required: the item owner invoices post this on']);
    expect(problems(document({ ownerBilling: { progressItem: 'Progress Billing', retainageItem: '22' } })))
      .toEqual(['settings.ownerBilling.progressItem: expected an id (text without spaces), got "Progress Billing"']);
    expect(problems(document({ ownerBilling: { ...OWNER_BILLING, progresItem: '21' } })))
      .toEqual([expect.stringMatching(/^settings\.ownerBilling\.progresItem: unknown field/)]);
    expect(problems(document({ ownerBilling: '21' }))).toEqual(['settings.ownerBilling: expected a mapping of fields, got "21"']);
  });

  it('mapping check finds items the books do not have, or under another name', () => {
    const chart: BooksChart = { accounts: [{ id: '34', name: 'Retainage Payable' }, { id: '61', name: 'Subcontractors' }], items: [{ id: '21', name: 'Progress Billing' }], classes: [], customers: [] };
    const mapping = parsed(document({ ownerBilling: { progressItem: { value: '21', name: 'Progress' }, retainageItem: '22' } }));
    expect(checkMappingAgainstChart(mapping, chart).map(formatProblem)).toEqual([
      'settings.ownerBilling.progressItem: item 21 is named "Progress Billing" in the books, not "Progress"',
      'settings.ownerBilling.retainageItem: item 22 does not exist in the books',
    ]);
  });

  it('the mapping document says which items owner invoices post on, or that they park', () => {
    const withItems = { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, ownerBilling: { progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22', name: 'Retainage' } } } };
    expect(renderMappingDocument(withItems, []).markdown).toMatch(/^- Owner invoices: work billed on .*Progress Billing.*, retainage released on .*Retainage.*\.$/m);
    expect(renderMappingDocument(EXAMPLE_MAPPING, []).markdown).toContain('- Owner invoices: no items set (settings.ownerBilling): owner invoices are parked until they are.');
  });
});
