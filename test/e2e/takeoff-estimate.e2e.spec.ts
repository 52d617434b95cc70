import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBudget, SAMPLE_TAKEOFF, SAMPLE_TAKEOFF_REV2 } from '../imports/sample-files.js';
import { booksList } from './support/project-sync-probes.js';
import { eventually } from './support/trestle-harness.js';
import { sampleFile, startBuildertrendHub, type BuildertrendHub } from './support/buildertrend-connection.js';

const TAKEOFF = 'planswift-takeoff';
/** The takeoff's costed cells in dollars, summed another way than the hub does (PlanSwift's own Cost Total per part). */
const dollars = (path: string): number => Object.values(expectedBudget(path)).reduce((sum, cents) => sum + cents, 0) / 100;

/** A connection with `planswift: { ownerEstimate: true }`: each takeoff revision is the owner's Estimate in QuickBooks. */
describe('an owner estimate from a PlanSwift takeoff (hub + QuickBooks sandbox over HTTP)', () => {
  let bt: BuildertrendHub;
  const estimates = () => booksList(bt.sandboxes.quickbooks, 'Estimate', (e) => e.DocNumber === 'TO-2468013');
  const estimateTotalling = (total: number) => eventually(`the Estimate TO-2468013 at ${total}`, () => {
    const found = estimates();
    return found.length === 1 && found[0]!.TotalAmt === total ? found[0] : undefined;
  }, 120_000);

  beforeAll(async () => {
    bt = await startBuildertrendHub({ planswift: { ownerEstimate: true } });
  }, 300_000);
  afterAll(async () => bt?.close());

  it('posts the takeoff as one Estimate to the project\'s customer, a line per cost code and type', async () => {
    expect((await bt.upload(TAKEOFF, await sampleFile('planswift-takeoff-riverside.csv'), 'takeoff.csv')).status).toBe(201);
    const estimate = await estimateTotalling(dollars(SAMPLE_TAKEOFF));
    expect(estimate!.CustomerRef).toMatchObject({ value: '59' });
    expect(estimate!.Line.filter((l) => l.DetailType === 'SalesItemLineDetail')).toHaveLength(Object.values(expectedBudget(SAMPLE_TAKEOFF)).filter((c) => c > 0).length);
  });

  it('updates the same Estimate for the revised takeoff, and writes nothing for the same file again', async () => {
    const first = estimates()[0]!;
    expect((await bt.upload(TAKEOFF, await sampleFile('planswift-takeoff-riverside-rev2.csv'), 'takeoff-rev2.csv')).status).toBe(201);
    const revised = await estimateTotalling(dollars(SAMPLE_TAKEOFF_REV2));
    expect(revised!.Id).toBe(first.Id);
    expect((await bt.upload(TAKEOFF, await sampleFile('planswift-takeoff-riverside-rev2.csv'), 'takeoff-rev2.csv')).status).toBe(200);
    expect(estimates().map((e) => [e.Id, e.SyncToken])).toEqual([[revised!.Id, revised!.SyncToken]]);
  });
});
