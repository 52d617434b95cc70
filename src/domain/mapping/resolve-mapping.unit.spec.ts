import { describe, expect, it } from 'vitest';
import type { CostCodeMapping, MappingRule } from './mapping.types.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import { resolveMapping } from './resolve-mapping.js';

const rule = (costCode: string, costType: string | null, projectId: string | null, account = 'A'): MappingRule => ({
  costCode, costType, projectId, target: { kind: 'account', accountRef: { value: account } }, classRef: null, billable: null,
});
const mappingOf = (...rules: MappingRule[]): CostCodeMapping => ({ ...EXAMPLE_MAPPING, rules, jobs: {} });
const line = { projectId: '2468013', costCode: '23-31-00', costType: 'S' };
const winner = (...rules: MappingRule[]) => {
  const resolved = resolveMapping(mappingOf(...rules), line);
  return resolved.kind === 'mapped' ? resolved.rule : null;
};

/** Every rule that applies to the line, most specific first: the documented precedence. */
const RANKED: readonly MappingRule[] = [
  rule('23-31-00', 'S', '2468013'),
  rule('23-31-00', null, '2468013'),
  rule('23-31', 'S', '2468013'),
  rule('23-31', null, '2468013'),
  rule('23', 'S', '2468013'),
  rule('23', null, '2468013'),
  rule('23-31-00', 'S', null),
  rule('23-31-00', null, null),
  rule('23-31', 'S', null),
  rule('23-31', null, null),
  rule('23', 'S', null),
  rule('23', null, null),
];

describe('resolveMapping: the most specific rule wins', () => {
  it('ranks every pair of applicable rules as documented, whatever their order in the file', () => {
    RANKED.forEach((better, i) => RANKED.slice(i + 1).forEach((worse) => {
      expect(winner(better, worse)).toBe(better);
      expect(winner(worse, better)).toBe(better);
    }));
  });

  it('falls back down the ranking as more specific rules are removed', () => {
    RANKED.forEach((expected, i) => expect(winner(...[...RANKED.slice(i)].reverse())).toBe(expected));
  });

  it('a project override beats even an exact connection-wide rule; another project is ignored', () => {
    expect(winner(rule('23-31-00', 'S', null), rule('23', null, '2468013'))).toEqual(rule('23', null, '2468013'));
    expect(winner(rule('23-31-00', 'S', '999'), rule('23', null, null))).toEqual(rule('23', null, null));
  });

  it('matches whole segments only, and never a rule longer than the code', () => {
    expect(winner(rule('23-3', null, null))).toBeNull();
    expect(winner(rule('23-31-00-10', null, null))).toBeNull();
    expect(winner(rule('2', null, null))).toBeNull();
    expect(winner(rule('23.31', null, null))).toEqual(rule('23.31', null, null));
  });

  it('a rule with a cost type does not apply to another cost type or to a line without one', () => {
    expect(winner(rule('23-31-00', 'M', null))).toBeNull();
    const untyped = resolveMapping(mappingOf(rule('23', 'S', null), rule('23', null, null, 'B')), { ...line, costType: null });
    expect(untyped).toMatchObject({ kind: 'mapped', rule: { costType: null } });
  });

  it('names the cost code, cost type and project when nothing applies', () => {
    expect(resolveMapping(mappingOf(rule('22', null, null)), line)).toEqual({
      kind: 'missing',
      reason: { ...line, message: 'no mapping rule for cost code 23-31-00/S in project 2468013' },
    });
  });

  it('maps the sample project as the example mapping says', () => {
    const at = (costCode: string, costType: string) => resolveMapping(EXAMPLE_MAPPING, { projectId: '2468013', costCode, costType });
    expect(at('23-31-00', 'S')).toMatchObject({ rule: { target: { accountRef: { value: '61' } }, classRef: { name: '23 HVAC' } } });
    expect(at('23-31-00', 'M')).toMatchObject({ rule: { target: { accountRef: { value: '62' } } } });
    expect(at('23-05-00', 'L')).toMatchObject({ rule: { target: { kind: 'item', itemRef: { value: '12' } } } });
    expect(at('22-11-00', 'L')).toMatchObject({ rule: { target: { accountRef: { value: '63' } }, classRef: { name: '22 Plumbing' } } });
    expect(at('22-11-00', 'M')).toMatchObject({ rule: { target: { accountRef: { value: '62' } } } });
    expect(at('23-05-00', 'E').kind).toBe('missing');
  });
});
