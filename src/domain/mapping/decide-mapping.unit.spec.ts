import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { decideMapping } from './decide-mapping.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import { toMappingDocument } from './mapping-document.format.js';
import type { MappingCommand, MappingEvent } from './mapping.events.js';
import { evolveMapping, initialMappingState } from './mapping.state.js';

const metadata = { changedBy: 'admin@keystone.example', now: '2026-04-01T09:00:00Z' };
const given = (events: readonly MappingEvent[]) => ({
  when: (cmd: MappingCommand) => decideMapping(cmd, events.reduce(evolveMapping, initialMappingState)),
  state: () => events.reduce(evolveMapping, initialMappingState),
});
const imported: MappingEvent = {
  type: 'MappingImported.v1',
  data: { version: 1, changedBy: 'integrator', changedAt: '2026-03-30T12:00:00Z', mapping: EXAMPLE_MAPPING },
};
const document = toMappingDocument(EXAMPLE_MAPPING);
const errorOf = (fn: () => unknown): DomainError => {
  try { fn(); } catch (error) { if (error instanceof DomainError) return error; }
  throw new Error('expected a DomainError');
};
const materials23 = EXAMPLE_MAPPING.rules[2]!;

describe('decideMapping', () => {
  it('imports the first mapping file as version 1, recording who and when', () => {
    expect(given([]).when({ type: 'ImportMapping', data: { document }, metadata })).toEqual([
      { type: 'MappingImported.v1', data: { version: 1, changedBy: metadata.changedBy, changedAt: metadata.now, mapping: EXAMPLE_MAPPING } },
    ]);
  });

  it('re-importing the same mapping, rules in another order, records nothing', () => {
    const reordered = { ...document, rules: [...document.rules].reverse() };
    expect(given([imported]).when({ type: 'ImportMapping', data: { document: reordered }, metadata })).toEqual([]);
  });

  it('importing a changed file records the whole new mapping as the next version', () => {
    const changed = { ...document, rules: document.rules.slice(1) };
    const [event] = given([imported]).when({ type: 'ImportMapping', data: { document: changed }, metadata });
    expect(event).toMatchObject({ type: 'MappingImported.v1', data: { version: 2, mapping: { rules: EXAMPLE_MAPPING.rules.slice(1) } } });
  });

  it('refuses an invalid file with MAPPING_INVALID and every problem', () => {
    const bad = { ...document, rules: [{ costCode: '23-3x', account: '61' }] };
    const error = errorOf(() => given([imported]).when({ type: 'ImportMapping', data: { document: bad }, metadata }));
    expect(error.code).toBe('MAPPING_INVALID');
    expect(error.message).toContain('rules[0].costCode: "23-3x" is not a cost code or prefix');
    expect(error.details).toMatchObject({ problems: [{ path: 'rules[0].costCode' }] });
  });

  it('upserts a rule: a new key is added, the same key replaced in place, an identical rule is nothing', () => {
    const added = given([imported]).when({ type: 'UpsertRule', data: { rule: { costCode: '23-09-00', costType: 'M', account: '62' } }, metadata });
    expect(added).toMatchObject([{ type: 'MappingRuleUpserted.v1', data: { version: 2, replaced: null, rule: { costCode: '23-09-00' } } }]);

    const replacing = given([imported]).when({ type: 'UpsertRule', data: { rule: { costCode: '23', costType: 'M', account: '64' } }, metadata });
    expect(replacing).toMatchObject([{ type: 'MappingRuleUpserted.v1', data: { replaced: materials23, rule: { target: { accountRef: { value: '64' } } } } }]);
    const state = given([imported, ...replacing]).state();
    expect(state).toMatchObject({ status: 'Active', version: 2 });
    expect(state.status === 'Active' && state.mapping.rules[2]?.target).toEqual({ kind: 'account', accountRef: { value: '64' } });

    const same = toMappingDocument({ ...EXAMPLE_MAPPING, rules: [materials23] }).rules[0];
    expect(given([imported]).when({ type: 'UpsertRule', data: { rule: same }, metadata })).toEqual([]);
  });

  it('removes a rule by its key; removing it again records nothing', () => {
    const remove: MappingCommand = { type: 'RemoveRule', data: { projectId: null, costCode: '23', costType: 'M' }, metadata };
    const removed = given([imported]).when(remove);
    expect(removed).toEqual([{ type: 'MappingRuleRemoved.v1', data: { version: 2, changedBy: metadata.changedBy, changedAt: metadata.now, rule: materials23 } }]);
    expect(given([imported, ...removed]).when(remove)).toEqual([]);
  });

  it('sets a project job, keeping the previous one for the audit; the same job again is nothing', () => {
    const job = { parentCustomer: { value: '58' }, jobName: '2026-021 Harbor Clinic' };
    const set = given([imported]).when({ type: 'SetJob', data: { projectId: '2470001', job }, metadata });
    expect(set).toMatchObject([{ type: 'MappingJobSet.v1', data: { version: 2, projectId: '2470001', previous: null, job: { kind: 'lookup', jobName: '2026-021 Harbor Clinic' } } }]);
    expect(given([imported, ...set]).when({ type: 'SetJob', data: { projectId: '2470001', job }, metadata })).toEqual([]);
  });

  it('changes settings, e.g. to a retainage treatment without negative lines', () => {
    const events = given([imported]).when({ type: 'ChangeSettings', data: { settings: { retainage: { mode: 'gross-open' } } }, metadata });
    expect(events).toMatchObject([{ type: 'MappingSettingsChanged.v1', data: { version: 2, settings: { retainage: { mode: 'gross-open' } }, previous: EXAMPLE_MAPPING.settings } }]);
  });

  it('refuses single changes before a mapping file was imported, and invalid rules', () => {
    expect(errorOf(() => given([]).when({ type: 'UpsertRule', data: { rule: { costCode: '23', account: '61' } }, metadata })).code).toBe('MAPPING_NOT_IMPORTED');
    const error = errorOf(() => given([imported]).when({ type: 'UpsertRule', data: { rule: { costCode: '23' } }, metadata }));
    expect(error.message).toContain('rule: needs an account or an item to post to');
  });
});
