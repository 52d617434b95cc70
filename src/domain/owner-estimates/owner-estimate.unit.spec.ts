import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { Cents } from '../shared/money.js';
import { decideOwnerEstimate, type OwnerEstimateContext } from './decide-owner-estimate.js';
import type { OwnerEstimateInput, OwnerEstimateOutput } from './owner-estimate.messages.js';
import { evolveOwnerEstimate, initialOwnerEstimateState, type OwnerEstimateState } from './owner-estimate.state.js';

const MAPPING: CostCodeMapping = {
  ...EXAMPLE_MAPPING,
  jobs: { '2468013': { kind: 'customer', customerRef: { value: '59', name: '2026-014 Riverside Medical Office' } } },
  settings: { ...EXAMPLE_MAPPING.settings, ownerBilling: { progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22', name: 'Retainage' } } },
};
const CTX: OwnerEstimateContext = { mapping: MAPPING };

const budgetLine = (costCode: string, costType: string, amount: number) =>
  ({ type: 'budget_line', externalId: `2468013:${costCode}:${costType}`, snapshot: { projectId: '2468013', costCode, costType, originalBudget: amount as Cents, approvedChanges: 0, revisedBudget: amount, updatedAt: 't' } });
const revision = (n: number, lines: ReturnType<typeof budgetLine>[]): OwnerEstimateInput => ({
  type: 'ImportRevisionRecorded.v1',
  data: { connection: 'acme', kind: 'planswift-takeoff', projectId: '2468013', revision: n, sha256: `h${n}`, receivedAt: `2026-03-0${n}T10:00:00.000Z`, documents: lines },
});
const posted: OwnerEstimateInput = { type: 'OwnerEstimatePosted.v1', data: { requestNo: 1, estimateId: '901', syncToken: '0', docNumber: 'TO-2468013' } };

/** The runner's loop: each input, then what it decided, folded in order. */
const run = (inputs: readonly OwnerEstimateInput[], ctx = CTX): { outputs: OwnerEstimateOutput[][]; state: OwnerEstimateState } =>
  inputs.reduce<{ outputs: OwnerEstimateOutput[][]; state: OwnerEstimateState }>(({ outputs, state }, input) => {
    const out = decideOwnerEstimate(input, state, ctx);
    return { outputs: [...outputs, out], state: [input, ...out].reduce(evolveOwnerEstimate, state) };
  }, { outputs: [], state: initialOwnerEstimateState });

const types = (outputs: readonly OwnerEstimateOutput[]) => outputs.map((o) => o.type);

describe('owner estimate from a takeoff', () => {
  const rev1 = revision(1, [budgetLine('22-11-00', 'M', 2_325_000), budgetLine('23-31-00', 'S', 1_000_000), budgetLine('01-50-00', 'O', 0)]);

  it('posts one estimate to the project\'s customer, a line per costed code on its rule\'s item or progress billing, a zero line left out', () => {
    const [first] = run([rev1]).outputs;
    expect(types(first!)).toEqual(['PostOwnerEstimateRequested.v1']);
    const data = first![0]!.data as unknown as { customerRef: { value: string }; docNumber: string; total: number; lines: Array<{ description: string; amount: number; itemRef: { value: string } }>; hubMarker: string };
    expect([data.customerRef.value, data.docNumber, data.total, data.hubMarker]).toEqual(['59', 'TO-2468013', 3_325_000, 'trestle:acme:estimate-2468013:1']);
    expect(data.lines.map((l) => [l.amount, l.itemRef.value])).toEqual([[2_325_000, '21'], [1_000_000, '21']]);
  });

  it('is synced once posted, and changes nothing on the same revision again', () => {
    const { outputs } = run([rev1, posted, rev1]);
    expect(types(outputs[1]!)).toEqual(['OwnerEstimateSynced.v1']);
    expect(outputs[2]).toEqual([]);
  });

  it('updates the same estimate for a revised takeoff, once the request out has landed', () => {
    const rev2 = revision(2, [budgetLine('22-11-00', 'M', 2_400_000)]);
    const { outputs } = run([rev1, rev2, posted]);
    expect(outputs[1]).toEqual([]); // one request at a time
    expect(types(outputs[2]!)).toEqual(['UpdateOwnerEstimateRequested.v1']);
    expect(outputs[2]![0]!.data).toMatchObject({ estimateId: '901', lastKnownSyncToken: '0', version: '2', total: 2_400_000 });
  });

  it('parks when the mapping names no customer for the project, and resumes when it does', () => {
    const bare = { mapping: { ...MAPPING, jobs: {} } };
    const parked = run([rev1], bare);
    expect(types(parked.outputs[0]!)).toEqual(['DocumentSyncParked.v1']);
    expect((parked.outputs[0]![0]!.data as { message: string }).message).toContain('a customer for project 2468013');
    const resumed = decideOwnerEstimate({ type: 'MappingChanged.v1', data: { version: 2, changedAt: 't' } }, parked.state, CTX);
    expect(types(resumed)).toEqual(['DocumentSyncResumed.v1', 'PostOwnerEstimateRequested.v1']);
  });

  it('parks when the books refuse the estimate for good', () => {
    const refused: OwnerEstimateInput = { type: 'PostingFailed.v1', data: { requestNo: 1, retryable: false, reason: 'not supported', code: 'XERO_QUOTE_NOT_SUPPORTED', attempt: 1 } };
    expect(types(run([rev1, refused]).outputs[1]!)).toEqual(['DocumentSyncParked.v1']);
  });
});
