import { describe, expect, it } from 'vitest';
import { decideMapping } from './decide-mapping.js';
import { formatProblem } from './mapping.types.js';
import { initialMappingState, type MappingState } from './mapping.state.js';
import { parseMappingDocument } from './parse-mapping.js';
import type { RefSyntax } from './parse-fields.js';

/** A mapping as a QuickBooks Desktop bookkeeper writes it: FullNames, paths with colons and spaces. */
const BY_FULL_NAME = {
  settings: {
    retainage: { mode: 'negative-line', account: 'Retainage Payable' },
    ownerBilling: { progressItem: 'Progress Billing', retainageItem: { value: '80000022-1712345678', name: 'Retainage' } },
  },
  rules: [
    { costCode: '23', costType: 'S', account: 'Job Costs:Subcontractors', class: '23 HVAC' },
    { costCode: '23', costType: 'M', item: { value: 'Materials:Ductwork', name: 'Ductwork' } },
  ],
  jobs: {
    '2468013': { customer: 'Harbor Point Builders:2026-014 Riverside Medical Office' },
    '2468014': { parentCustomer: 'Smith, John', jobName: 'Kitchen Remodel' },
  },
};

const problemsOf = (raw: unknown, syntax: RefSyntax): string[] => {
  const parsed = parseMappingDocument(raw, syntax);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
};

describe('mapping references in QuickBooks Desktop terms (ListID or FullName)', () => {
  it('reads FullNames for accounts, items, classes and jobs when the books are QuickBooks Desktop', () => {
    const parsed = parseMappingDocument(BY_FULL_NAME, 'id-or-full-name');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [subs, materials] = parsed.mapping.rules;
    expect(subs).toMatchObject({ target: { kind: 'account', accountRef: { value: 'Job Costs:Subcontractors' } }, classRef: { value: '23 HVAC' } });
    expect(materials?.target).toEqual({ kind: 'item', itemRef: { value: 'Materials:Ductwork', name: 'Ductwork' } });
    expect(parsed.mapping.settings.retainage).toEqual({ mode: 'negative-line', accountRef: { value: 'Retainage Payable' } });
    expect(parsed.mapping.settings.ownerBilling).toEqual({
      progressItemRef: { value: 'Progress Billing' }, retainageItemRef: { value: '80000022-1712345678', name: 'Retainage' },
    });
    expect(parsed.mapping.jobs['2468013']).toEqual({ kind: 'customer', customerRef: { value: 'Harbor Point Builders:2026-014 Riverside Medical Office' } });
    expect(parsed.mapping.jobs['2468014']).toEqual({ kind: 'lookup', parentCustomerRef: { value: 'Smith, John' }, jobName: 'Kitchen Remodel' });
  });

  it('still refuses an empty level, an empty name and a FullName past 159 characters', () => {
    const rule = (account: unknown) => ({ rules: [{ costCode: '23', account }] });
    const expected = (shown: string) => [`rules[0].account: expected a ListID or a FullName (levels separated by ":", at most 159 characters), got ${shown}`];
    expect(problemsOf(rule('Job Costs::Subcontractors'), 'id-or-full-name')).toEqual(expected('"Job Costs::Subcontractors"'));
    expect(problemsOf(rule(':Subcontractors'), 'id-or-full-name')).toEqual(expected('":Subcontractors"'));
    expect(problemsOf(rule('  '), 'id-or-full-name')).toEqual(expected('"  "'));
    expect(problemsOf(rule('a'.repeat(160)), 'id-or-full-name')).toHaveLength(1);
    expect(problemsOf(rule('a'.repeat(159)), 'id-or-full-name')).toEqual([]);
  });

  it('keeps QuickBooks Online and Xero to ids: a name with spaces is refused there', () => {
    expect(problemsOf(BY_FULL_NAME, 'id')).toEqual([
      'settings.retainage.account: expected an id (text without spaces), got "Retainage Payable"',
      'settings.ownerBilling.progressItem: expected an id (text without spaces), got "Progress Billing"',
      'rules[0].account: expected an id (text without spaces), got "Job Costs:Subcontractors"',
      'rules[0].class: expected an id (text without spaces), got "23 HVAC"',
      'jobs.2468013.customer: expected an id (text without spaces), got "Harbor Point Builders:2026-014 Riverside Medical Office"',
      'jobs.2468014.parentCustomer: expected an id (text without spaces), got "Smith, John"',
    ]);
    expect(parseMappingDocument(BY_FULL_NAME).ok).toBe(false); // ids unless the connection says QuickBooks Desktop
  });

  it('applies the same rule to single changes after the import (UpsertRule, SetJob)', () => {
    const metadata = { changedBy: 'bookkeeper', now: '2026-03-14T10:00:00.000Z' };
    const imported = decideMapping({ type: 'ImportMapping', data: { document: BY_FULL_NAME }, metadata }, initialMappingState, 'id-or-full-name');
    expect(imported).toHaveLength(1);
    const active = { status: 'Active', version: 1, mapping: (imported[0]!.data as { mapping: unknown }).mapping } as MappingState;
    const upsert = { type: 'UpsertRule' as const, data: { rule: { costCode: '26', account: 'Job Costs:Electrical' } }, metadata };
    expect(decideMapping(upsert, active, 'id-or-full-name')).toHaveLength(1);
    expect(() => decideMapping(upsert, active, 'id')).toThrow(/expected an id \(text without spaces\)/);
  });
});
