import { describe, expect, it } from 'vitest';
import { csvField } from './csv.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import type { CostCodeInUse } from './mapping.types.js';
import { renderMappingDocument } from './render-mapping-document.js';

const inUse: CostCodeInUse[] = [
  { projectId: '2468013', costCode: '23-31-00', costType: 'S', name: 'HVAC Ducts and Casings' },
  { projectId: '2468013', costCode: '01-50-00', costType: 'O', name: 'Temporary Facilities and Controls' },
  { projectId: '2468013', costCode: '23-05-00', costType: 'L', name: 'Common Work Results for HVAC' },
  { projectId: '2468013', costCode: '23-09-00', costType: 'E', name: 'Instrumentation, "BAS" and Control | HVAC' },
  { projectId: '2468013', costCode: '23-31-00', costType: 'S', name: 'HVAC Ducts and Casings' },
  { projectId: '2470001', costCode: '22-11-00', costType: 'M', name: 'Facility Water Distribution' },
];

describe('renderMappingDocument', () => {
  const { markdown, csv } = renderMappingDocument(EXAMPLE_MAPPING, inUse);

  it('lists every distinct cost code in use with where it posts, sorted', () => {
    expect(markdown).toContain('5 cost codes in use; 2 UNMAPPED: 23-09-00/E (project 2468013), 22-11-00/M (project 2470001).');
    expect(markdown).toContain('| 2468013 | 23-31-00 | S | HVAC Ducts and Casings | Account | Subcontractors (61) | 23 HVAC (200000000000000123) | 2026-014 Riverside Medical Office (59) | no | rules[0] 23-31-00/S | MAPPED |');
    expect(markdown).toContain('| 2468013 | 23-05-00 | L | Common Work Results for HVAC | Item | HVAC Labor (12) |');
    expect(markdown).toContain('- Retainage: a negative line to Retainage Payable (34); the bill total is the net payable now.');
    const codes = markdown.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => l.split(' | ')[1]);
    expect(codes).toEqual(['01-50-00', '23-05-00', '23-09-00', '23-31-00', '22-11-00']);
  });

  it('marks codes with no rule, and projects with no Customer:Job, UNMAPPED', () => {
    expect(markdown).toContain('| 23-09-00 | E | Instrumentation, "BAS" and Control \\| HVAC | UNMAPPED | UNMAPPED |');
    expect(csv).toContain('2470001,22-11-00,M,Facility Water Distribution,Account,62,Job Materials (62),200000000000000122,22 Plumbing (200000000000000122),UNMAPPED (no Customer:Job for this project),no,rules[4] 22,UNMAPPED\r\n');
  });

  it('writes RFC 4180 CSV: header first, CRLF records, quoted fields with doubled quotes', () => {
    const records = csv.split('\r\n');
    expect(records[0]).toBe('project_id,cost_code,cost_type,name,posts_to,ref_id,ref_name,class_id,class_name,customer_job,billable,rule,status');
    expect(records).toHaveLength(7);
    expect(csv).toContain(',"Instrumentation, ""BAS"" and Control | HVAC",UNMAPPED,');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it('takes names from the chart when the mapping refs carry only ids', () => {
    const bare = { ...EXAMPLE_MAPPING, rules: [{ ...EXAMPLE_MAPPING.rules[0]!, target: { kind: 'account' as const, accountRef: { value: '61' } }, classRef: null }] };
    const chart = { accounts: [{ id: '61', name: 'Subcontractors' }], items: [], classes: [], customers: [] };
    expect(renderMappingDocument(bare, inUse.slice(0, 1), chart).markdown).toContain('| Account | Subcontractors (61) |');
    expect(renderMappingDocument(bare, inUse.slice(0, 1)).markdown).toContain('| Account | #61 |');
  });
});
