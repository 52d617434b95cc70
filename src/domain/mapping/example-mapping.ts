import type { CostCodeMapping } from './mapping.types.js';

const HVAC = { value: '200000000000000123', name: '23 HVAC' } as const;
const PLUMBING = { value: '200000000000000122', name: '22 Plumbing' } as const;
const GENERAL = { value: '200000000000000101', name: '01 General Requirements' } as const;
const SUBCONTRACTORS = { value: '61', name: 'Subcontractors' } as const;
const MATERIALS = { value: '62', name: 'Job Materials' } as const;

/**
 * The sample connection's mapping (Keystone Mechanical, project 2468013): HVAC subcontracts
 * and materials by division, HVAC labor as an item for timecards, plumbing and general
 * requirements by division, retainage as a negative line to Retainage Payable.
 * The sandbox ships the same mapping as YAML (toMappingDocument).
 */
export const EXAMPLE_MAPPING: CostCodeMapping = {
  settings: {
    retainage: { mode: 'negative-line', accountRef: { value: '34', name: 'Retainage Payable' } },
    vendorMatch: 'lookup-or-create',
    billableByDefault: false,
  },
  rules: [
    { costCode: '23-31-00', costType: 'S', projectId: null, target: { kind: 'account', accountRef: SUBCONTRACTORS }, classRef: HVAC, billable: null },
    { costCode: '23', costType: 'S', projectId: null, target: { kind: 'account', accountRef: SUBCONTRACTORS }, classRef: HVAC, billable: null },
    { costCode: '23', costType: 'M', projectId: null, target: { kind: 'account', accountRef: MATERIALS }, classRef: HVAC, billable: null },
    { costCode: '23-05-00', costType: 'L', projectId: null, target: { kind: 'item', itemRef: { value: '12', name: 'HVAC Labor' } }, classRef: HVAC, billable: null },
    { costCode: '22', costType: null, projectId: null, target: { kind: 'account', accountRef: MATERIALS }, classRef: PLUMBING, billable: null },
    { costCode: '22', costType: 'L', projectId: null, target: { kind: 'account', accountRef: { value: '63', name: 'Direct Labor' } }, classRef: PLUMBING, billable: null },
    { costCode: '01', costType: null, projectId: null, target: { kind: 'account', accountRef: { value: '65', name: 'Other Job Costs' } }, classRef: GENERAL, billable: null },
  ],
  jobs: {
    '2468013': { kind: 'customer', customerRef: { value: '59', name: '2026-014 Riverside Medical Office' } },
  },
};
