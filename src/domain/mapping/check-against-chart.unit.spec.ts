import { describe, expect, it } from 'vitest';
import { checkMappingAgainstChart } from './check-against-chart.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import type { BooksChart, CostCodeMapping } from './mapping.types.js';
import { formatProblem } from './mapping.types.js';

/** The sample QuickBooks company (sandbox/sample/sample-project.ts). */
const CHART: BooksChart = {
  accounts: [
    { id: '33', name: 'Accounts Payable (A/P)' }, { id: '34', name: 'Retainage Payable' }, { id: '60', name: 'Job Costs' },
    { id: '61', name: 'Subcontractors' }, { id: '62', name: 'Job Materials' }, { id: '63', name: 'Direct Labor' },
    { id: '64', name: 'Equipment Rental' }, { id: '65', name: 'Other Job Costs' },
  ],
  items: [{ id: '11', name: 'Ductwork Subcontract' }, { id: '12', name: 'HVAC Labor' }],
  classes: [
    { id: '200000000000000101', name: '01 General Requirements' }, { id: '200000000000000122', name: '22 Plumbing' },
    { id: '200000000000000123', name: '23 HVAC' },
  ],
  customers: [{ id: '58', name: 'Harbor Point Builders' }, { id: '59', name: '2026-014 Riverside Medical Office' }],
};
const sampleInUse = [
  { projectId: '2468013', costCode: '23-31-00', costType: 'S', name: 'HVAC Ducts and Casings' },
  { projectId: '2468013', costCode: '23-05-00', costType: 'L', name: 'Common Work Results for HVAC' },
  { projectId: '2468013', costCode: '01-50-00', costType: 'O', name: 'Temporary Facilities and Controls' },
];
const check = (mapping: CostCodeMapping, chart = CHART, inUse = sampleInUse) => checkMappingAgainstChart(mapping, chart, inUse).map(formatProblem);

describe('checkMappingAgainstChart', () => {
  it('on books whose owner billing names accounts (Xero), checks progressItem and retainageItem against accounts; a tracking option answers to Category/Option too', () => {
    const xero: BooksChart = {
      ...CHART, ownerBillingRefs: 'accounts', accounts: [...CHART.accounts, { id: '200', name: 'Sales' }],
      trackingCategories: [{ id: 'tc-cost', name: 'Cost Code', options: CHART.classes }],
    };
    const mapping: CostCodeMapping = {
      ...EXAMPLE_MAPPING,
      settings: { ...EXAMPLE_MAPPING.settings, ownerBilling: { progressItemRef: { value: '200', name: 'Sales' }, retainageItemRef: { value: '11', name: 'Ductwork Subcontract' } } },
      rules: EXAMPLE_MAPPING.rules.map((r) => (r.classRef?.value === '200000000000000123' ? { ...r, classRef: { value: r.classRef.value, name: 'Cost Code/23 HVAC' } } : r)),
    };
    expect(check(mapping, xero)).toEqual(['settings.ownerBilling.retainageItem: account 11 "Ductwork Subcontract" does not exist in the books']);
    expect(check(mapping, { ...xero, trackingCategories: [] }).filter((p) => p.includes('Cost Code/23 HVAC')).length).toBeGreaterThan(0);
  });

  it('finds nothing wrong with the example mapping against the sample company', () => {
    expect(check(EXAMPLE_MAPPING)).toEqual([]);
  });

  it('names each unknown, inactive or misnamed account, item, class and customer', () => {
    const chart: BooksChart = {
      ...CHART,
      accounts: CHART.accounts.filter((a) => a.id !== '34').map((a) => (a.id === '62' ? { ...a, name: 'Materials' } : a)),
      items: [],
      classes: CHART.classes.map((c) => (c.id === '200000000000000122' ? { ...c, active: false } : c)),
      customers: [{ id: '58', name: 'Harbor Point Builders' }],
    };
    expect(check(EXAMPLE_MAPPING, chart)).toEqual([
      'settings.retainage.account: account 34 "Retainage Payable" does not exist in the books',
      'rules[2].account: account 62 is named "Materials" in the books, not "Job Materials"',
      'rules[3].item: item 12 "HVAC Labor" does not exist in the books',
      'rules[4].account: account 62 is named "Materials" in the books, not "Job Materials"',
      'rules[4].class: class 200000000000000122 "22 Plumbing" is inactive in the books',
      'rules[5].class: class 200000000000000122 "22 Plumbing" is inactive in the books',
      'jobs.2468013.customer: customer 59 "2026-014 Riverside Medical Office" does not exist in the books',
    ]);
  });

  it('names each cost code in use with no home, and each project with no Customer:Job', () => {
    const inUse = [
      ...sampleInUse,
      { projectId: '2468013', costCode: '23-09-00', costType: 'E', name: 'Instrumentation and Control for HVAC' },
      { projectId: '2470001', costCode: '23-31-00', costType: 'S', name: 'HVAC Ducts and Casings' },
      { projectId: '2470001', costCode: '23-33-00', costType: 'S', name: 'Air Duct Accessories' },
    ];
    expect(check(EXAMPLE_MAPPING, CHART, inUse)).toEqual([
      'cost code 23-09-00/E (project 2468013, "Instrumentation and Control for HVAC"): has no mapping rule: add one for 23-09-00, 23-09 or 23, with cost type E or any',
      'jobs.2470001: project 2470001 has cost codes in use but no Customer:Job',
    ]);
  });

  it('says an inactive object is in the state the books name (Xero: archived)', () => {
    const chart = { ...CHART, accounts: CHART.accounts.map((a) => (a.id === '61' ? { ...a, active: false, status: 'archived' } : a)) };
    expect(check(EXAMPLE_MAPPING, chart)).toContain('rules[0].account: account 61 "Subcontractors" is archived in the books');
  });

  it('checks the parent customer of a job found by name', () => {
    const mapping: CostCodeMapping = { ...EXAMPLE_MAPPING, jobs: { '2468013': { kind: 'lookup', parentCustomerRef: { value: '57' }, jobName: '2026-014 Riverside' } } };
    expect(check(mapping)).toEqual(['jobs.2468013.parentCustomer: customer 57 does not exist in the books']);
  });
});
