import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CostCodeTally, readMappingYaml } from '../../src/adapters/mapping/index.js';
import { EXAMPLE_MAPPING, parseMappingDocument, sameMapping } from '../../src/domain/mapping/index.js';
import { SAMPLE_MAPPING_FILE } from './mapping-support.js';

describe('mapping YAML', () => {
  it('ships the sample mapping as config/mapping.sample.yaml: the domain\'s example, retainage kept open on the bill', () => {
    const read = readMappingYaml(readFileSync(SAMPLE_MAPPING_FILE, 'utf8'));
    expect(read.ok).toBe(true);
    const parsed = parseMappingDocument(read.ok ? read.document : undefined);
    // The QuickBooks sandbox refuses negative lines (2290), so the shipped file keeps retainage open at gross.
    // It also names the items owner invoices post on (the sandbox company's 21 and 22).
    const ownerBilling = { progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22', name: 'Retainage' } };
    const expected = { ...EXAMPLE_MAPPING, settings: { ...EXAMPLE_MAPPING.settings, retainage: { mode: 'gross-open' as const }, ownerBilling } };
    expect(parsed.ok && sameMapping(parsed.mapping, expected)).toBe(true);
    expect(parsed.ok && sameMapping(parsed.mapping, EXAMPLE_MAPPING)).toBe(false);
  });

  it('keeps unquoted numbers as written: "01" stays a division, "23.30" a code', () => {
    const read = readMappingYaml('rules:\n  - { costCode: 01, account: 65 }\n  - { costCode: 23.30, account: 61 }\n');
    expect(read).toEqual({ ok: true, document: { rules: [{ costCode: '01', account: '65' }, { costCode: '23.30', account: '61' }] } });
  });

  it('names the line and column of a syntax error', () => {
    const read = readMappingYaml('rules:\n  - { costCode: "23", account: 61\nsettings: x\n');
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.map((p) => p.path)).toContain('(yaml line 3, column 1)');
  });
});

describe('cost codes in use', () => {
  it('takes project, code and type from lines and single-code documents, names from CostCodeObserved, once each, sorted', () => {
    const tally = new CostCodeTally();
    const lines = [{ costCode: '23-31-00', costType: 'S' }, { costCode: '23-31-00', costType: 'S' }, { costCode: '23-31-00', costType: null }];
    tally.add({ type: 'CostCodeObserved.v1', data: { snapshot: { fullCode: '23-31-00', name: 'HVAC Ducts and Casings' } } });
    tally.add({ type: 'CommitmentApproved.v1', data: { snapshot: { projectId: 'p1', lines } } });
    tally.add({ type: 'TimecardApproved.v1', data: { snapshot: { projectId: 'p1', costCode: '23-05-00', costType: 'L' } } });
    tally.add({ type: 'OwnerInvoiceApproved.v1', data: { snapshot: { projectId: 'p1', lines: [{ costCode: '99-00-00', costType: 'S' }] } } });
    tally.add({ type: 'SubcontractorInvoiceApproved.v1', data: { snapshot: { projectId: 'p1', lines: 'not a list' } } });
    expect(tally.list()).toEqual([
      { projectId: 'p1', costCode: '23-05-00', costType: 'L', name: '' },
      { projectId: 'p1', costCode: '23-31-00', costType: null, name: 'HVAC Ducts and Casings' },
      { projectId: 'p1', costCode: '23-31-00', costType: 'S', name: 'HVAC Ducts and Casings' },
    ]);
  });
});
