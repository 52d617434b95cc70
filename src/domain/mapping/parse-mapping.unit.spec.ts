import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import { DEFAULT_SETTINGS, toMappingDocument } from './mapping-document.format.js';
import { formatProblem } from './mapping.types.js';
import { parseMappingDocument } from './parse-mapping.js';

const problemsOf = (raw: unknown): string[] => {
  const parsed = parseMappingDocument(raw);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
};
const account61 = { value: '61', name: 'Subcontractors' };

describe('parseMappingDocument', () => {
  it('reads back what toMappingDocument wrote', () => {
    expect(parseMappingDocument(toMappingDocument(EXAMPLE_MAPPING))).toEqual({ ok: true, mapping: EXAMPLE_MAPPING });
  });

  it('accepts what YAML makes of unquoted values, and fills in default settings', () => {
    const parsed = parseMappingDocument({ rules: [{ costCode: 23, account: 62, projectId: 2468013 }], jobs: { '2468013': { customer: 59 } } });
    expect(parsed).toEqual({
      ok: true,
      mapping: {
        settings: DEFAULT_SETTINGS,
        rules: [{ costCode: '23', costType: null, projectId: '2468013', target: { kind: 'account', accountRef: { value: '62' } }, classRef: null, billable: null }],
        jobs: { '2468013': { kind: 'customer', customerRef: { value: '59' } } },
      },
    });
  });

  it('names the path and the value of each problem', () => {
    const rules = [
      { costCode: '23-31-00', account: account61 },
      { costCode: '22', item: '12' },
      { costCode: '01', account: '65' },
      { costCode: '23-3x', account: account61 },
    ];
    expect(problemsOf({ rules })).toEqual(['rules[3].costCode: "23-3x" is not a cost code or prefix (e.g. "23-31-00", "23-31" or "23")']);
  });

  it('finds every problem in one pass', () => {
    expect(problemsOf({
      settings: { retainage: { mode: 'negative-line' }, vendorMatch: 'guess' },
      rules: [
        { costCode: '23', costType: 'M', account: '62', acount: '61' },
        { costCode: '23', account: '61', item: '12' },
        { costCode: '22' },
        { costCode: '23', costType: 'M', account: { value: '' } },
        { costCode: '23', costType: 'M', account: '62', class: { value: '1', name: 7 } },
        { costCode: '23-31-00', costType: 'S', account: '61' },
        { costCode: '23-31-00', costType: 'S', account: '61' },
      ],
      jobs: { '2468013': { parentCustomer: '58', jobName: 'Harbor: Lot 2' }, '99': { customer: '1', jobName: 'x' } },
      extra: true,
    })).toEqual([
      'extra: unknown field (expected settings, rules, jobs)',
      'settings.retainage.account: negative-line needs the retainage payable account',
      'settings.vendorMatch: expected one of lookup-or-create, lookup-only, got "guess"',
      'rules[0].acount: unknown field (expected one of costCode, costType, projectId, account, item, class, billable)',
      'rules[1]: give either an account or an item, not both',
      'rules[2]: needs an account or an item to post to',
      'rules[3].account.value: expected an id (text without spaces), got ""',
      'rules[4].class.name: expected non-empty text, got 7',
      'rules[6]: duplicates rules[5] (23-31-00/S)',
      'jobs.99: give either customer, or parentCustomer and jobName',
      'jobs.2468013.jobName: "Harbor: Lot 2" contains ":", which the books use between customer and job',
    ]);
  });

  it('refuses two rules with the same project, code (in any spelling) and cost type', () => {
    expect(problemsOf({ rules: [
      { costCode: '23-31', costType: 'S', projectId: '7', account: '61' },
      { costCode: '23-31', costType: 'S', account: '61' },
      { costCode: '23.31', costType: 'S', projectId: '7', account: '62' },
    ] })).toEqual(['rules[2]: duplicates rules[0] (23.31/S in project 7)']);
  });

  it('never throws for input that is not a mapping at all', () => {
    for (const raw of [null, undefined, 42, 'rules', [], { rules: 'all' }, { rules: [null, 3, []] }, { jobs: [] , rules: [] }]) {
      const parsed = parseMappingDocument(raw);
      expect(parsed.ok).toBe(false);
    }
    expect(problemsOf({ rules: [null] })).toEqual(['rules[0]: expected a mapping of fields, got null']);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(problemsOf({ rules: [{ costCode: cycle, account: 10n }] })).toEqual([
      'rules[0].costCode: [...] is not a cost code or prefix (e.g. "23-31-00", "23-31" or "23")',
      'rules[0].account: expected an id (text without spaces), got 10',
    ]);
  });
});
